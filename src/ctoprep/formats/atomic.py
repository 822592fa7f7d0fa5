"""Atomic file writes: a temp file in the same folder, fsync, then rename over the target.

A reader (or a crash) sees either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OverwriteRefusedError(FileExistsError):
    """The target exists and overwriting was not asked for."""


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o600, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` atomically with permissions ``mode``.

    Raises:
        OverwriteRefusedError: ``overwrite`` is false and ``path`` exists.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise OverwriteRefusedError(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if not overwrite:
            # link() fails if the target appeared meanwhile, so we never clobber a file we did not mean to
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str, *, mode: int = 0o600, overwrite: bool = True) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode, overwrite=overwrite)


def write_cache_file(folder: Path, name: str, data: bytes) -> None:
    """Write a cache file into the private ``folder``, atomically; a cache is an optimization, so
    failing to write one is never the user's problem and is ignored."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(folder / name, data)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
