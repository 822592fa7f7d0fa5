"""Backup and restore of the whole store as one SQLite file, verified before anything is replaced."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from glob import escape as glob_escape
from pathlib import Path

from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.formats.atomic import OverwriteRefusedError
from ctoprep.formats.toml_source import read_bytes
from ctoprep.storage.lock import StoreBusyError, exclusive
from ctoprep.storage.store import DB_NAME, SCHEMA_VERSION, Store

MAX_BACKUP_BYTES = 512 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"


def backup(store: Store, target: Path, *, overwrite: bool = False) -> None:
    """Write a consistent copy of the store to ``target`` (temp file, fsync, rename; mode 0600)."""
    target = Path(target)
    if target.exists() and not overwrite:
        raise OverwriteRefusedError(str(target))
    _clean_leftovers(target.parent, f".{glob_escape(target.name)}.*.tmp")  # a killed backup's partial copy
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o600)
        dest = sqlite3.connect(tmp)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def restore(home: Path, source: Path) -> int:
    """Replace the store in ``home`` with the backup ``source`` after verifying it.

    Returns the number of assessments in the restored store. The current store is untouched
    unless the backup passes every check. Refused while any other ctoprep process (the app) has the
    store open: it would go on saving into the replaced file.
    """
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with exclusive(home / DB_NAME):
            _clean_leftovers(home, ".restore.*")  # a killed restore's copy of the backup
            return _restore(home, source)
    except StoreBusyError as exc:
        raise ContentError(
            [
                Problem(
                    display_path(home / DB_NAME),
                    f"cannot restore now: {exc}",
                    hint="quit the ctoprep app (and any running ctoprep command), then run restore again",
                )
            ]
        ) from None


def _read_back(store: Store) -> str | None:
    """Read every record as the app and the commands read it; what fails first, or None.

    SQLite keeps whatever a file holds (a number where a date belongs, bytes where JSON belongs), so a
    backup that passes the schema checks can still hold rows our code cannot read. They are refused
    here rather than found later by the app.
    """
    from ctoprep.storage import mentor_store, practice_store, recert_store

    def assessments() -> None:
        for summary in store.assessments():
            store.load_assessment(summary.id)

    def sessions() -> None:
        for session in mentor_store.sessions(store):
            mentor_store.load_session(store, session.id)

    def recert() -> None:
        pairs = store.conn.execute("SELECT DISTINCT person_id, framework_id FROM recert_entries").fetchall()
        for person_id, framework_id in pairs:
            recert_store.entries(store, str(person_id), str(framework_id))

    checks: list[tuple[str, Callable[[], object]]] = [
        ("people", store.people),
        ("assessments", assessments),
        ("plans", store.plans),
        ("mentor reviews", store.mentor_reviews),
        ("mentor review sessions", sessions),
        ("reviews received", lambda: mentor_store.received_reviews(store)),
        ("practice attempts", lambda: practice_store.attempts(store)),
        ("recertification log", recert),
    ]
    for what, check in checks:
        try:
            check()
        except Exception as exc:
            return f"its {what} cannot be read ({type(exc).__name__}: {str(exc)[:120]})"
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it holds text that is not UTF-8"
    return str(exc)


def _clean_leftovers(folder: Path, pattern: str) -> None:
    """Delete temporary files an earlier, killed run left behind (they may hold a whole store)."""
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _copy_into_fresh_store(path: Path, shown: str) -> int:
    """Replace the file at ``path`` by a new store built from our own schema, holding the backup's rows.

    Every table and column of our schema must be in the backup; nothing else of the backup (triggers,
    views, extra tables, indexes) is kept. Returns the number of assessments.

    Raises:
        ContentError: a table or column is missing, or the rows break the store's references.
    """
    fresh_path = path.with_name(path.name + ".fresh")
    fresh_path.unlink(missing_ok=True)
    fresh = Store.open_file(fresh_path, lock=False)
    try:
        conn = fresh.conn
        conn.execute("ATTACH DATABASE ? AS src", (str(path),))
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        ]
        theirs = {str(r[0]) for r in conn.execute("SELECT name FROM src.sqlite_master WHERE type = 'table'")}
        problems: list[Problem] = []
        plan: list[tuple[str, list[str]]] = []
        for table in tables:
            ours = [str(r[1]) for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
            if table not in theirs:
                problems.append(Problem(shown, f"the backup has no table {table!r}", hint="it is not a ctoprep backup"))
                continue
            have = {str(r[1]) for r in conn.execute(f'PRAGMA src.table_info("{table}")')}
            missing = [c for c in ours if c not in have]
            if missing:
                problems.append(Problem(shown, f"table {table!r} of the backup lacks column(s) {', '.join(missing)}"))
                continue
            plan.append((table, ours))
        if problems:
            raise ContentError(problems)
        conn.execute("PRAGMA foreign_keys=OFF")
        with fresh.transaction():
            for table, columns in plan:
                cols = ", ".join(f'"{c}"' for c in columns)
                conn.execute(f'DELETE FROM main."{table}"')  # rows our migrations seeded, if any
                conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM src."{table}"')
            for table, columns in plan:  # every text must read back as text (sqlite keeps any bytes)
                cols = ", ".join(f'"{c}"' for c in columns)
                for _ in conn.execute(f'SELECT {cols} FROM main."{table}"'):
                    pass
            broken = conn.execute("PRAGMA main.foreign_key_check").fetchall()
            if broken:
                raise ContentError(
                    [Problem(shown, f"the backup's rows break {len(broken)} reference(s), e.g. in {broken[0][0]!r}")]
                )
        conn.execute("PRAGMA foreign_keys=ON")
        unreadable = _read_back(fresh)
        if unreadable:
            raise ContentError([Problem(shown, f"backup is damaged: {unreadable}", hint="try an older backup")])
        count = int(conn.execute("SELECT count(*) FROM main.assessments").fetchone()[0])
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        fresh.close()
        fresh_path.unlink(missing_ok=True)
        raise ContentError([Problem(shown, f"backup is damaged: {_reason(exc)}")]) from None
    except BaseException:
        fresh.close()
        fresh_path.unlink(missing_ok=True)
        raise
    fresh.close()
    with open(fresh_path, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(fresh_path, path)
    return count


def _restore(home: Path, source: Path) -> int:
    shown = display_path(source)
    data = read_bytes(Path(source), limit=MAX_BACKUP_BYTES)
    if not data.startswith(SQLITE_MAGIC):
        raise ContentError(
            [
                Problem(
                    shown,
                    "not a ctoprep backup (not an SQLite database)",
                    hint="make one with 'ctoprep backup -o FILE'",
                )
            ]
        )
    fd, tmp_name = tempfile.mkstemp(prefix=".restore.", suffix=".db", dir=home)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        try:
            candidate = Store.open_file(tmp, migrate=False, lock=False)
        except ContentError as exc:
            raise ContentError([Problem(shown, p.message, hint=p.hint) for p in exc.problems]) from None
        try:
            version = candidate.schema_version
            if version < 1 or version > SCHEMA_VERSION:
                raise ContentError(
                    [
                        Problem(
                            shown,
                            f"backup has schema version {version}; this ctoprep reads 1 to {SCHEMA_VERSION}",
                            hint="upgrade ctoprep" if version else "",
                        )
                    ]
                )
            try:
                problems = candidate.check_integrity()
            except sqlite3.DatabaseError as exc:
                problems = [str(exc)]
            if problems:
                raise ContentError(
                    [
                        Problem(
                            shown,
                            f"backup failed its integrity check: {problems[0]}",
                            hint="the file is damaged; try an older backup",
                        )
                    ]
                )
            # nothing of the file's own schema survives: no trigger may fire, even during our migration
            for (name,) in candidate.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                candidate.conn.execute(f'DROP TRIGGER "{name.replace(chr(34), chr(34) * 2)}"')
            candidate.migrate()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise ContentError([Problem(shown, f"backup is damaged: {_reason(exc)}")]) from None
        finally:
            candidate.close()
        count = _copy_into_fresh_store(tmp, shown)
        target = home / DB_NAME
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(target) + suffix)
        os.replace(tmp, target)
        return count
    finally:
        # the copy and every file SQLite made beside it (-wal, -shm, .fresh, .fresh-wal ...)
        for leftover in home.glob(glob_escape(tmp.name) + "*"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
