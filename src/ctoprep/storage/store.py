"""The local store: one SQLite database in the user's data folder, in WAL mode.

Every rating, note and answer is committed the moment it is given (``synchronous=FULL``), so a
crash loses at most the keystroke in flight. The folder is 0700 and the files 0600. The schema
carries a version (``PRAGMA user_version``) and moves forward through :data:`MIGRATIONS`.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ctoprep.core.models.assessment import (
    Assessment,
    Confidence,
    FrameworkRef,
    Rater,
    RaterRole,
    Rating,
    utc_now,
)
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.storage import paths
from ctoprep.storage.lock import SharedLock, StoreBusyError
from ctoprep.storage.settings import LEGACY_PRACTICE_PERSON, SELF_PERSON, Setting

DB_NAME = paths.DB_NAME

MIGRATIONS: list[str] = [
    # 1: people, assessments and their ratings, practice attempts, review schedule, plans, mentor reviews
    """
    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        rater_role TEXT NOT NULL DEFAULT 'self',
        rater_name TEXT NOT NULL DEFAULT '',
        person_name TEXT NOT NULL DEFAULT '',
        profile TEXT,
        position TEXT,
        status TEXT NOT NULL DEFAULT 'in-progress',
        origin TEXT NOT NULL DEFAULT 'local',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX assessments_person ON assessments(person_id, created_at);
    CREATE TABLE ratings (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'skill',
        item_id TEXT NOT NULL,
        level INTEGER,
        evidence TEXT NOT NULL DEFAULT '',
        confidence TEXT,
        rated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, kind, item_id)
    );
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'in-progress',
        config TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT '{}',
        result TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE INDEX attempts_person ON attempts(person_id, started_at);
    CREATE TABLE answers (
        attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        choice INTEGER,
        flagged INTEGER NOT NULL DEFAULT 0,
        correct INTEGER,
        answered_at TEXT,
        PRIMARY KEY (attempt_id, position)
    );
    CREATE TABLE reviews (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due_at TEXT NOT NULL,
        PRIMARY KEY (person_id, question_id)
    );
    CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        assessment_id TEXT,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL
    );
    CREATE TABLE mentor_reviews (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        direction TEXT NOT NULL,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: a mentor's review of a packet in progress (blind until revealed) and their per-skill comments
    """
    CREATE TABLE mentor_sessions (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        mentor_assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        packet TEXT NOT NULL,
        mentor_name TEXT NOT NULL DEFAULT '',
        revealed_at TEXT,
        profile TEXT NOT NULL DEFAULT '{}',
        plan TEXT,
        summary TEXT NOT NULL DEFAULT '',
        sent_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE mentor_comments (
        session_id TEXT NOT NULL REFERENCES mentor_sessions(id) ON DELETE CASCADE,
        skill_id TEXT NOT NULL,
        comment TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, skill_id)
    );
    """,
    # 3: "not rated" is said apart from notes typed before a level; the CETL recertification log
    """
    ALTER TABLE ratings ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
    UPDATE ratings SET skipped = 1 WHERE level IS NULL;
    CREATE TABLE recert_entries (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        earned_on TEXT NOT NULL,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        hours REAL NOT NULL,
        units REAL,
        evidence TEXT NOT NULL DEFAULT '',
        activity_id TEXT,
        created_at TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
"""The setting holding the id of the store's owner (see :meth:`Store.self_person`)."""


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class AssessmentSummary:
    id: str
    person_id: str
    person_name: str
    framework_id: str
    framework_version: str
    rater_role: str
    rater_name: str
    profile: str | None
    status: AssessmentStatus
    origin: str
    created_at: datetime
    updated_at: datetime
    rated: int


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "VACUUM")


class GuardedConnection(sqlite3.Connection):
    """A connection that checks, before any write that starts a transaction, that its file is still the store."""

    guard: Callable[[], None] | None = None

    def _check(self, sql: str) -> None:
        if self.guard is not None and not self.in_transaction and sql.lstrip()[:7].upper().startswith(_WRITES):
            self.guard()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self._check(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        self._check(sql)
        return super().executemany(sql, parameters)


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the database file, or None when it cannot be read (then no check is made)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


class StoreError(ContentError):
    """The store cannot be opened or used; carries a clear problem."""


class Store:
    """A connection to the user's database. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: SharedLock | None = None) -> None:
        self.path = path
        self.conn = conn
        self._lock = lock
        self._identity = _identity(path)
        """The database file this connection opened; a write into a replaced file must never happen."""
        if isinstance(conn, GuardedConnection):
            conn.guard = self.check_identity

    # opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path | None = None) -> Store:
        """Open (creating if needed) the store in ``home`` (or the default data folder)."""
        folder = paths.data_home(home)
        try:
            paths.ensure_private_dir(folder)
        except OSError as exc:
            raise StoreError(
                [
                    Problem(
                        display_path(folder),
                        f"cannot create the data folder: {exc.strerror}",
                        hint="choose another with --home or CTOPREP_HOME",
                    )
                ]
            ) from None
        return cls.open_file(folder / DB_NAME)

    @classmethod
    def open_file(cls, path: Path, *, migrate: bool = True, lock: bool = True) -> Store:
        """Open the database file at ``path``; ``lock`` holds the shared lock that keeps restore out."""
        shared = None
        if lock:
            try:
                shared = SharedLock(path)
            except StoreBusyError as exc:
                raise StoreError(
                    [Problem(display_path(path), str(exc), hint="wait for it to finish, then try again")]
                ) from None
            except OSError as exc:
                raise StoreError(
                    [Problem(display_path(path), f"cannot open the store's lock file: {exc.strerror}")]
                ) from None
        try:
            return cls._open_file(path, migrate=migrate, lock=shared)
        except BaseException:
            if shared is not None:
                shared.release()
            raise

    @classmethod
    def _open_file(cls, path: Path, *, migrate: bool, lock: SharedLock | None) -> Store:
        new = not path.exists()
        if new:
            # create the file 0600 before SQLite does, so it is never readable by others
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        try:
            conn = sqlite3.connect(
                path, timeout=10, isolation_level=None, check_same_thread=False, factory=GuardedConnection
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                [
                    Problem(
                        display_path(path),
                        f"the store cannot be opened: {exc}",
                        hint="restore a backup with 'ctoprep restore FILE'",
                    )
                ]
            ) from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                [
                    Problem(
                        display_path(path),
                        f"the store was written by a newer ctoprep (schema {version}, this one knows {SCHEMA_VERSION})",
                        hint="upgrade ctoprep",
                    )
                ]
            )
        store = cls(path, conn, lock)
        if migrate:
            store.migrate()
        _tighten(path)
        return store

    def migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def check_identity(self) -> None:
        """Raise :class:`StoreError` if the database file was replaced or removed since it was opened.

        Called before every write transaction: a process must never save into a file that is no
        longer the store (every save would 'succeed' and be lost).
        """
        if self._identity is not None and _identity(self.path) != self._identity:
            raise StoreError(
                [
                    Problem(
                        display_path(self.path),
                        "the store was replaced or removed by another program while this one had it open; "
                        "nothing more was saved here",
                        hint="quit and start ctoprep again to use the store as it is now",
                    )
                ]
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable commit. Inside another transaction it joins that one, so one user action that
        calls several storage functions is still one commit (and all or nothing)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")  # the connection checks the store's identity first
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # people --------------------------------------------------------------------------------
    def ensure_person(self, name: str = "", person_id: str | None = None) -> str:
        """The person with this id, created (with this name as a label) if new; without an id, a new person.

        People are matched by id only, never by name: two mentees called "Sam", or a packet with an
        empty name, are different people from each other and from the store's owner.
        """
        if person_id:
            row = self.conn.execute("SELECT id FROM people WHERE id = ?", (person_id,)).fetchone()
            if row:
                return str(row[0])
        pid = person_id or secrets.token_hex(16)
        self.conn.execute("INSERT INTO people (id, name, created_at) VALUES (?, ?, ?)", (pid, name, _ts(utc_now())))
        return pid

    def self_person(self, name: str = "") -> str:
        """The id of the store's owner: the person whose self-assessments and practice these are.

        Created once and kept in the settings. A store from before ids names the person of its earliest
        local self-assessment (or of its practice), so nobody is merged with anyone.
        """
        pid = self.get_setting(SELF_PERSON)
        if pid and self.conn.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone():
            return pid
        with self.transaction():
            row = self.conn.execute(
                "SELECT person_id FROM assessments WHERE rater_role = 'self' AND origin = 'local'"
                " ORDER BY created_at LIMIT 1"
            ).fetchone()
            legacy = self.get_setting(LEGACY_PRACTICE_PERSON)
            if row is not None:
                pid = str(row[0])
            elif legacy and self.conn.execute("SELECT 1 FROM people WHERE id = ?", (legacy,)).fetchone():
                pid = legacy
            else:
                pid = self.ensure_person(name)
            self.set_setting(SELF_PERSON, pid)
        return pid

    def person_named(self, name: str, *, other_than: str) -> list[str]:
        """Ids of people with this exact name other than ``other_than`` (to warn of a clash, never to merge)."""
        rows = self.conn.execute("SELECT id FROM people WHERE name = ? AND id != ?", (name, other_than))
        return [str(r[0]) for r in rows]

    def people(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT id, name FROM people ORDER BY created_at")]

    def forget_person(self, person_id: str) -> int:
        """Delete a person and everything about them from every file of the store; returns 0 or 1.

        Needs the store alone: with another process reading, the deleted rows would stay in the WAL
        (the checkpoint cannot finish) and in a copy of the database file.

        Raises:
            StoreError: another ctoprep process has the store open (nothing is deleted), or the data
                could not be cleared from every file (what remains is said).
        """
        with self._alone("forget"):
            with self.transaction():
                cur = self.conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
            # reclaim the space so the deleted text does not linger in free pages or the WAL
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.conn.execute("VACUUM")
            after = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if (busy and busy[0]) or (after and after[0]):
                raise StoreError(
                    [
                        Problem(
                            display_path(self.path),
                            "the person was deleted, but their data may remain in the store's log file "
                            f"({display_path(str(self.path) + '-wal')}) because another connection was reading",
                            hint="quit every ctoprep program, then run forget again to clear it",
                        )
                    ]
                )
        return int(cur.rowcount)

    @contextlib.contextmanager
    def _alone(self, action: str) -> Iterator[None]:
        if self._lock is None:
            yield
            return
        try:
            with self._lock.upgraded():
                yield
        except StoreBusyError as exc:
            raise StoreError(
                [
                    Problem(
                        display_path(self.path),
                        f"cannot {action} now: {exc}",
                        hint=f"quit the ctoprep app (and any running ctoprep command), then run {action} again",
                    )
                ]
            ) from None

    # people, looked up for the commands ------------------------------------------------------
    def has_person(self, person_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is not None

    def has_assessment(self, assessment_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM assessments WHERE id = ?", (assessment_id,)).fetchone() is not None

    def people_matching(self, text: str) -> list[tuple[str, str]]:
        """(id, name) of people whose id is ``text``, or whose id starts with it (8+ characters)."""
        rows = self.conn.execute(
            "SELECT id, name FROM people WHERE id = ? OR (length(?) >= 8 AND substr(id, 1, length(?)) = ?)",
            (text, text, text, text),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def person_of(self, assessment_id: str) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT p.id, p.name FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def person_counts(self, person_id: str) -> dict[str, int]:
        """How many rows of each kind belong to a person (what forget would delete)."""
        counts = {}
        for table in ("assessments", "attempts", "plans", "mentor_reviews", "mentor_sessions", "reviews"):
            counts[table] = int(
                self.conn.execute(f"SELECT count(*) FROM {table} WHERE person_id = ?", (person_id,)).fetchone()[0]
            )
        return counts

    def assessment_ids_of(self, person_id: str) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT id FROM assessments WHERE person_id = ?", (person_id,))]

    def delete_setting(self, setting: Setting, **parts: str) -> None:
        self.conn.execute("DELETE FROM settings WHERE key = ?", (setting.key(**parts),))

    # assessments ---------------------------------------------------------------------------
    def save_assessment(
        self,
        assessment: Assessment,
        *,
        person_id: str | None = None,
        status: AssessmentStatus = AssessmentStatus.IN_PROGRESS,
        origin: str = "local",
    ) -> str:
        """Insert or replace a whole assessment (one transaction); returns its id.

        Whose it is: ``person_id`` when given; else the person it already belongs to (same id); else, for
        a local self-assessment, the store's owner; else a new person. Never a match by name.
        """
        with self.transaction():
            if person_id is None:
                row = self.conn.execute("SELECT person_id FROM assessments WHERE id = ?", (assessment.id,)).fetchone()
                if row is not None:
                    person_id = str(row[0])
                elif origin == "local" and assessment.rater.role.value == "self":
                    person_id = self.self_person(assessment.person)
            pid = self.ensure_person(assessment.person, person_id)
            self.conn.execute("DELETE FROM ratings WHERE assessment_id = ?", (assessment.id,))
            # an update in place, not INSERT OR REPLACE: a replace deletes the row first, and the delete
            # cascaded to the mentor review sessions and comments that point at this assessment
            self.conn.execute(
                "INSERT INTO assessments (id, person_id, framework_id, framework_version, content_hash,"
                " rater_role, rater_name, person_name, profile, position, status, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET person_id = excluded.person_id, framework_id = excluded.framework_id,"
                " framework_version = excluded.framework_version, content_hash = excluded.content_hash,"
                " rater_role = excluded.rater_role, rater_name = excluded.rater_name,"
                " person_name = excluded.person_name, profile = excluded.profile, position = excluded.position,"
                " status = excluded.status, origin = excluded.origin, created_at = excluded.created_at,"
                " updated_at = excluded.updated_at",
                (
                    assessment.id,
                    pid,
                    assessment.framework.id,
                    assessment.framework.version,
                    assessment.framework.content_hash,
                    assessment.rater.role.value,
                    assessment.rater.name,
                    assessment.person,
                    assessment.profile,
                    assessment.position,
                    status,
                    origin,
                    _ts(assessment.created_at),
                    _ts(assessment.updated_at),
                ),
            )
            rows = [
                (
                    assessment.id,
                    "skill",
                    sid,
                    r.level,
                    r.evidence,
                    r.confidence.value if r.confidence else None,
                    _ts(r.rated_at),
                    int(r.skipped),
                )
                for sid, r in assessment.ratings.items()
            ]
            rows += [
                (
                    assessment.id,
                    "core",
                    cid,
                    r.level,
                    r.evidence,
                    r.confidence.value if r.confidence else None,
                    _ts(r.rated_at),
                    int(r.skipped),
                )
                for cid, r in assessment.core_values.items()
            ]
            self.conn.executemany(
                "INSERT INTO ratings (assessment_id, kind, item_id, level, evidence, confidence, rated_at, skipped)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return assessment.id

    def save_rating(
        self,
        assessment_id: str,
        skill_id: str,
        rating: Rating,
        *,
        core_value: bool = False,
        position: str | None = None,
    ) -> None:
        """Save one rating now (one small transaction, durable on return)."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO ratings"
                " (assessment_id, kind, item_id, level, evidence, confidence, rated_at, skipped)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    assessment_id,
                    "core" if core_value else "skill",
                    skill_id,
                    rating.level,
                    rating.evidence,
                    rating.confidence.value if rating.confidence else None,
                    _ts(rating.rated_at),
                    int(rating.skipped),
                ),
            )
            self.conn.execute(
                "UPDATE assessments SET updated_at = ?, position = COALESCE(?, position) WHERE id = ?",
                (_ts(rating.rated_at), position, assessment_id),
            )

    def set_position(self, assessment_id: str, position: str | None) -> None:
        self.conn.execute("UPDATE assessments SET position = ? WHERE id = ?", (position, assessment_id))

    def set_status(self, assessment_id: str, status: AssessmentStatus) -> None:
        self.conn.execute("UPDATE assessments SET status = ? WHERE id = ?", (status, assessment_id))

    def set_profile(self, assessment_id: str, profile: str | None) -> None:
        self.conn.execute("UPDATE assessments SET profile = ? WHERE id = ?", (profile, assessment_id))

    def load_assessment(self, assessment_id: str) -> Assessment:
        row = self.conn.execute(
            "SELECT id, framework_id, framework_version, content_hash, rater_role, rater_name, person_name, profile,"
            " position, created_at, updated_at FROM assessments WHERE id = ?",
            (assessment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(
                [Problem(assessment_id, "no assessment with this id in the store", hint="'ctoprep history' lists them")]
            )
        ratings: dict[str, Rating] = {}
        core: dict[str, Rating] = {}
        for kind, item, level, evidence, confidence, rated_at, skipped in self.conn.execute(
            "SELECT kind, item_id, level, evidence, confidence, rated_at, skipped FROM ratings WHERE assessment_id = ?",
            (assessment_id,),
        ):
            rating = Rating.model_construct(
                level=level,
                evidence=evidence,
                confidence=Confidence(confidence) if confidence else None,
                rated_at=_parse_ts(rated_at),
                skipped=bool(skipped),
            )
            (core if kind == "core" else ratings)[item] = rating
        # our own rows, written from validated models: rebuild without re-validating
        return Assessment.model_construct(
            id=row[0],
            framework=FrameworkRef.model_construct(id=row[1], version=row[2], content_hash=row[3]),
            rater=Rater.model_construct(role=RaterRole(row[4]), name=row[5]),
            person=row[6],
            profile=row[7],
            position=row[8],
            created_at=_parse_ts(row[9]),
            updated_at=_parse_ts(row[10]),
            ratings=ratings,
            core_values=core,
        )

    def find_assessment_id(self, prefix: str) -> str:
        """Resolve a full id or a unique prefix of at least 4 characters."""
        rows = self.conn.execute(
            "SELECT id FROM assessments WHERE id = ? OR (length(?) >= 4 AND id LIKE ? || '%')", (prefix, prefix, prefix)
        ).fetchall()
        ids = {str(r[0]) for r in rows}
        if prefix in ids:
            return prefix
        if len(ids) == 1:
            return ids.pop()
        if not ids:
            raise StoreError([Problem(prefix, "no assessment with this id", hint="'ctoprep history' lists them")])
        raise StoreError([Problem(prefix, f"{len(ids)} assessments start with this id", hint="give more of it")])

    def assessments(self, person_id: str | None = None, framework_id: str | None = None) -> list[AssessmentSummary]:
        sql = (
            "SELECT a.id, a.person_id, a.person_name, a.framework_id, a.framework_version, a.rater_role, a.rater_name,"
            " a.profile, a.status, a.origin, a.created_at, a.updated_at,"
            " (SELECT count(*) FROM ratings r WHERE r.assessment_id = a.id AND r.kind = 'skill'"
            "  AND r.level IS NOT NULL) FROM assessments a WHERE 1=1"
        )
        params: list[Any] = []
        if person_id:
            sql += " AND a.person_id = ?"
            params.append(person_id)
        if framework_id:
            sql += " AND a.framework_id = ?"
            params.append(framework_id)
        sql += " ORDER BY a.created_at, a.id"
        return [
            AssessmentSummary(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                AssessmentStatus(r[8]),
                r[9],
                _parse_ts(r[10]),
                _parse_ts(r[11]),
                r[12],
            )
            for r in self.conn.execute(sql, params)
        ]

    def latest_assessment(self, framework_id: str | None = None, *, role: str = "self") -> AssessmentSummary | None:
        rows = [a for a in self.assessments(framework_id=framework_id) if a.rater_role == role]
        return max(rows, key=lambda a: a.updated_at) if rows else None

    def delete_assessment(self, assessment_id: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))

    # plans, documents, settings -------------------------------------------------------------
    def save_plan(self, person_id: str, assessment_id: str | None, document: dict[str, Any]) -> str:
        pid = secrets.token_hex(16)
        self.conn.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?)",
            (pid, person_id, assessment_id, _ts(utc_now()), json.dumps(document)),
        )
        return pid

    def plans(self, person_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, person_id, assessment_id, created_at, document FROM plans"
        rows = self.conn.execute(
            sql + (" WHERE person_id = ?" if person_id else "") + " ORDER BY created_at",
            (person_id,) if person_id else (),
        ).fetchall()
        return [
            {"id": r[0], "person_id": r[1], "assessment_id": r[2], "created_at": r[3], "document": json.loads(r[4])}
            for r in rows
        ]

    def save_mentor_review(self, person_id: str, direction: str, document: dict[str, Any]) -> str:
        rid = secrets.token_hex(16)
        self.conn.execute(
            "INSERT INTO mentor_reviews VALUES (?, ?, ?, ?, ?)",
            (rid, person_id, direction, _ts(utc_now()), json.dumps(document)),
        )
        return rid

    def mentor_reviews(self, person_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, person_id, direction, created_at, document FROM mentor_reviews"
        rows = self.conn.execute(
            sql + (" WHERE person_id = ?" if person_id else "") + " ORDER BY created_at",
            (person_id,) if person_id else (),
        ).fetchall()
        return [
            {"id": r[0], "person_id": r[1], "direction": r[2], "created_at": r[3], "document": json.loads(r[4])}
            for r in rows
        ]

    def get_setting(self, setting: Setting, **parts: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (setting.key(**parts),)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, setting: Setting, value: str, **parts: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (setting.key(**parts), value))

    # integrity -----------------------------------------------------------------------------
    def check_integrity(self) -> list[str]:
        """SQLite's own integrity check plus the tables we expect; empty when all is well."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = {"people", "assessments", "ratings", "attempts", "answers"} - tables
        if missing:
            problems.append(f"missing tables: {', '.join(sorted(missing))}")
        return problems


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _tighten(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        with contextlib.suppress(OSError):
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(0o600)
