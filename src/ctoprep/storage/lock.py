"""Who has the store open: every ctoprep process holds a shared lock; replacing the store needs it alone.

A restore (or anything else that replaces or reshapes the database file) takes the lock exclusively and
refuses while any other process, such as the app, has the store open. Without this, the app went on
writing into the unlinked old file and every save "succeeded" into nothing.

The lock is ``flock`` on ``ctoprep.db.lock`` beside the store (POSIX). Where ``flock`` is missing
(Windows) the lock is a no-op, and the store's identity check in :class:`~ctoprep.storage.store.Store`
still stops a process from writing into a replaced file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class StoreBusyError(Exception):
    """The store is in use in a way that forbids what was asked."""


def lock_file(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _open(db: Path) -> int:
    return os.open(lock_file(db), os.O_RDWR | os.O_CREAT, 0o600)


class SharedLock:
    """Held for as long as a :class:`Store` is open."""

    def __init__(self, db: Path) -> None:
        self.fd: int | None = None
        if fcntl is None:
            return
        fd = _open(db)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreBusyError("the store is being restored or replaced by another ctoprep command") from None
        self.fd = fd

    @contextlib.contextmanager
    def upgraded(self) -> Iterator[None]:
        """Hold the store alone for the block (this process's own shared lock becomes exclusive).

        Raises:
            StoreBusyError: another process has the store open.
        """
        if self.fd is None or fcntl is None:
            yield
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreBusyError(
                "another ctoprep program (the app, or a command still running) has the store open"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)  # closing the descriptor drops the lock
            self.fd = None


@contextlib.contextmanager
def exclusive(db: Path) -> Iterator[None]:
    """Hold the store alone for the block, or raise :class:`StoreBusyError` at once."""
    if fcntl is None:
        yield
        return
    fd = _open(db)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreBusyError(
                "another ctoprep program (the app, or a command still running) has the store open"
            ) from None
        yield
    finally:
        os.close(fd)
