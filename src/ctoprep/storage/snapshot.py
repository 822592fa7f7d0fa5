"""The saved home screen's file: where it lives, the key that says whether it is current, read and write.

The content itself (spans of styled text) is the UI's business (``ctoprep.ui.home_snapshot``); this
module only keeps a JSON record ``{"key": ..., "content": ...}`` in the private cache folder. It
imports neither pydantic nor the models, so the app's first frame does not wait for them.
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


def read_content(home: Path, framework_id: str | None, today: date) -> object:
    """The saved content if the snapshot is still current, else ``None`` (never raises)."""
    try:
        data = json.loads(snapshot_file(home).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != state_key(home, framework_id, today):
        return None
    return data.get("content")


def write_content(home: Path, framework_id: str | None, today: date, content: object) -> None:
    """Save content for the next start; call it after the store is closed (its files are in the key)."""
    from ctoprep.formats.atomic import write_bytes_atomic

    record = {"key": state_key(home, framework_id, today), "content": content}
    try:
        folder = paths.ensure_private_dir(paths.cache_dir(home))
        write_bytes_atomic(folder / FILE_NAME, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # only an optimization


def forget(home: Path) -> None:
    with contextlib.suppress(OSError):
        snapshot_file(home).unlink()
