"""The user's data folder, for the screens and commands (light: imports no models)."""

from __future__ import annotations

from pathlib import Path

from ctoprep.storage.paths import data_home


def data_folder(home: Path | str | None = None) -> Path:
    """``--home``, else ``$CTOPREP_HOME``, else the platform's data directory (not created here)."""
    return data_home(home)


def store_exists(home: Path | str | None = None) -> bool:
    """Whether the data folder holds a store yet (reading never creates one)."""
    from ctoprep.storage.paths import store_file

    return store_file(data_home(home)).exists()
