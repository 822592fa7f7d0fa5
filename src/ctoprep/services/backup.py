"""Back up the whole store to one file, and restore it (refused while another ctoprep has it open)."""

from __future__ import annotations

from pathlib import Path

from ctoprep.services.context import open_store
from ctoprep.storage import backup as _backup
from ctoprep.storage import paths


def backup_store(home: Path | None, target: Path, *, overwrite: bool = False) -> int:
    """Write a consistent copy of the store to ``target`` (0600); returns the number of assessments in it.

    Raises:
        OverwriteRefusedError: ``target`` exists and ``overwrite`` is false.
        OSError: the file cannot be written.
    """
    with open_store(home) as store:
        _backup.backup(store, target, overwrite=overwrite)
        return len(store.assessments())


def restore_store(home: Path | None, source: Path) -> int:
    """Replace the store with a verified backup, rebuilt on this ctoprep's own schema; returns assessments.

    Raises:
        ContentError: the backup fails a check (the store is untouched), or another ctoprep has it open.
    """
    folder = paths.ensure_private_dir(paths.data_home(home))
    return _backup.restore(folder, source)
