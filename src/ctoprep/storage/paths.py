"""The user's data folder: ``--home``, else ``$CTOPREP_HOME``, else the platform's data directory."""

from __future__ import annotations

import os
from pathlib import Path

from ctoprep.core.problems import ContentError, Problem

HOME_ENV = "CTOPREP_HOME"
DB_NAME = "ctoprep.db"
"""The store's file name in the data folder."""


def data_home(home: Path | str | None = None) -> Path:
    """The folder that holds the store, user frameworks, banks and caches (not created here)."""
    if home:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("ctoprep", appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only; tighten it if it exists.

    Raises:
        UnsafeFolderError: the folder belongs to another user, or cannot be made private. Anything in
            such a folder (a planted cache, a swapped store) could have been written by someone else.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not hasattr(os, "getuid"):  # Windows: the folder's ACL comes from the user's profile
        return path
    info = path.stat()
    if info.st_uid != os.getuid():
        raise UnsafeFolderError(path, f"belongs to another user (uid {info.st_uid}), not to you (uid {os.getuid()})")
    if info.st_mode & 0o077:
        try:
            path.chmod(0o700)
        except OSError as exc:
            raise UnsafeFolderError(path, f"cannot be made private ({exc.strerror})") from None
        if path.stat().st_mode & 0o077:
            raise UnsafeFolderError(path, "cannot be made private (its permissions did not change)")
    return path


class UnsafeFolderError(ContentError):
    """A data folder ctoprep must not use: not the user's own, or not private."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            [
                Problem(
                    str(path),
                    f"this data folder {why}; ctoprep will not read or write there",
                    hint="use a folder of your own (--home DIR or CTOPREP_HOME), e.g. under your home directory",
                )
            ]
        )


def store_file(home: Path) -> Path:
    return home / DB_NAME


def cache_dir(home: Path) -> Path:
    return home / "cache"


def user_frameworks_dir(home: Path) -> Path:
    return home / "frameworks"


def user_banks_dir(home: Path) -> Path:
    return home / "question_banks"
