"""The user's data folder: ``--home``, else ``$CTOPREP_HOME``, else the platform's data directory."""

from __future__ import annotations

import os
from pathlib import Path

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
    """Create ``path`` (and parents) readable by the owner only; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:
        pass
    return path


def store_file(home: Path) -> Path:
    return home / DB_NAME


def cache_dir(home: Path) -> Path:
    return home / "cache"


def user_frameworks_dir(home: Path) -> Path:
    return home / "frameworks"


def user_banks_dir(home: Path) -> Path:
    return home / "question_banks"
