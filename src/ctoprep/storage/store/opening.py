"""The :class:`Store` itself: opening (creating, locking, migrating) and checking the database file.

A new file is created 0600 before SQLite opens it, and the file with its WAL and shared-memory files
is tightened to 0600 after. The rows are read and written by the bases of :class:`Store`
(``AssessmentQueries`` -> ``PeopleQueries`` -> ``DocumentQueries`` -> ``StoreConnection``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from ctoprep.core.problems import Problem, display_path
from ctoprep.storage import paths
from ctoprep.storage.lock import SharedLock, StoreBusyError
from ctoprep.storage.store.assessments import AssessmentQueries
from ctoprep.storage.store.connection import GuardedConnection, StoreError
from ctoprep.storage.store.schema import DB_NAME, MIGRATIONS, SCHEMA_VERSION, statements


class Store(AssessmentQueries):
    """A connection to the user's database. Use :meth:`open`; close with :meth:`close` or ``with``."""

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
        conn: GuardedConnection | None = None
        try:
            conn = sqlite3.connect(
                path, timeout=10, isolation_level=None, check_same_thread=False, factory=GuardedConnection
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            # a damaged header can make SQLite hand back bytes that are not UTF-8 (found by the restore fuzz)
            if conn is not None:
                conn.close()
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
                for statement in statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # integrity -----------------------------------------------------------------------------
    def check_integrity(self) -> list[str]:
        """SQLite's own integrity check plus the tables we expect; empty when all is well."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = {"people", "assessments", "ratings", "attempts", "answers"} - tables
        if missing:
            problems.append(f"missing tables: {', '.join(sorted(missing))}")
        return problems


def _tighten(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        with contextlib.suppress(OSError):
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(0o600)
