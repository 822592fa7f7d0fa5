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


def make_private_folder(folder: Path, home: Path) -> Path:
    """Create ``folder`` (0700) and, when it is inside the data folder ``home``, make every level from
    ``home`` down private too (the data folder itself may be created by this very command).

    Raises:
        UnsafeFolderError: a level belongs to another user or cannot be made private.
    """
    from ctoprep.storage.paths import ensure_private_dir

    try:
        relative = folder.resolve().relative_to(Path(home).resolve())
    except ValueError:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder
    level = ensure_private_dir(Path(home))
    for part in relative.parts:
        level = ensure_private_dir(level / part)
    return folder
