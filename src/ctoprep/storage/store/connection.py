"""The store's connection: the guarded SQLite connection, the store's error, and transactions.

:class:`StoreConnection` is the base of :class:`~ctoprep.storage.store.Store`: it holds the connection
and the shared lock, checks before every write transaction that the database file is still the one it
opened, makes one durable commit per :meth:`~StoreConnection.transaction`, and takes the store alone
for the actions that need it. The timestamp helpers ``_ts`` and ``_parse_ts`` write and read the
store's UTC times (the other storage modules use them too).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.storage.lock import SharedLock, StoreBusyError


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


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


class StoreConnection:
    """The connection, the lock and the transactions of a :class:`~ctoprep.storage.store.Store`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: SharedLock | None = None) -> None:
        self.path = path
        self.conn = conn
        self._lock = lock
        self._identity = _identity(path)
        """The database file this connection opened; a write into a replaced file must never happen."""
        if isinstance(conn, GuardedConnection):
            conn.guard = self.check_identity

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
