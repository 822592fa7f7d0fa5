"""The home screen as it was when the app last closed, so that the next start paints at once.

Loading the workspace (pydantic, the models, the framework, the store) costs more than Textual's own
start-up. The app therefore paints the home screen from this snapshot, loads the workspace in a
thread after the first frame, and then replaces the snapshot with the real thing.

The snapshot is used only while nothing it depends on has changed: its key covers the store's files,
every framework and question-bank file (size, time, inode), the framework asked for, today's date and
the program's version. Any write to the store, an edited framework or a new day makes it stale, and a
stale, unreadable or hostile snapshot is ignored (the app then loads before painting, as on a first
run). Even a snapshot that somehow slipped through is only shown until the real load lands.

This module imports neither pydantic nor the models: that is its point.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date
from pathlib import Path

from ctoprep import __version__
from ctoprep.storage import paths
from ctoprep.storage.bundled import bundled_banks_dir, bundled_frameworks_dir
from ctoprep.ui.home_content import HomeContent

SCHEMA = 1
FILE_NAME = "home-snapshot.json"


def snapshot_file(home: Path) -> Path:
    return paths.cache_dir(home) / FILE_NAME


def state_key(home: Path, framework_id: str | None, today: date) -> str:
    """Everything the home screen's content depends on, as one string (cheap: ``stat`` calls only)."""
    parts = [f"{SCHEMA}|{__version__}|{framework_id or ''}|{today.isoformat()}"]
    store = paths.store_file(home)
    files = [store, store.with_name(store.name + "-wal")]
    for root in (
        paths.user_frameworks_dir(home),
        bundled_frameworks_dir(),
        paths.user_banks_dir(home),
        bundled_banks_dir(),
    ):
        files.extend(_toml_files(root))
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            parts.append(f"{path}|-")
            continue
        parts.append(f"{path}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}")
    return "\n".join(parts)


def _toml_files(root: Path) -> list[Path]:
    found: list[Path] = []
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            found.extend(Path(dirpath) / name for name in sorted(filenames) if name.endswith(".toml"))
            found.append(Path(dirpath))  # a file added or removed changes the folder's time
    except OSError:
        pass
    return found


def read(home: Path, framework_id: str | None, today: date) -> HomeContent | None:
    """The saved home screen if it is still current, else ``None`` (never raises)."""
    try:
        data = json.loads(snapshot_file(home).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("key") != state_key(home, framework_id, today):
            return None
        return HomeContent.from_json(data.get("content"))
    except (OSError, ValueError, TypeError, RecursionError):
        return None


def write(home: Path, framework_id: str | None, today: date, content: HomeContent) -> None:
    """Save ``content`` for the next start; call it after the store is closed (its files are in the key)."""
    from ctoprep.core.atomic import write_bytes_atomic

    record = {"key": state_key(home, framework_id, today), "content": content.to_json()}
    try:
        folder = paths.ensure_private_dir(paths.cache_dir(home))
        write_bytes_atomic(folder / FILE_NAME, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # only an optimisation


def forget(home: Path) -> None:
    with contextlib.suppress(OSError):
        snapshot_file(home).unlink()
