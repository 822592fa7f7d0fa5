"""The home screen as it was when the app last closed, so that the next start paints at once.

Loading the workspace (pydantic, the models, the framework, the store) costs more than Textual's own
start-up. The app therefore paints the home screen from this snapshot, loads the workspace in a
thread after the first frame, and then replaces the snapshot with the real thing.

The snapshot is used only while nothing it depends on has changed: its key covers the store's files,
every framework and question-bank file (size, time, inode), the framework asked for, today's date and
the program's version. Any write to the store, an edited framework or a new day makes it stale, and a
stale, unreadable or hostile snapshot is ignored: the first frame then says the workspace is loading
and shows no figures (``home_content.loading_content``), as on a first run. Even a snapshot that
somehow slipped through is only shown until the real load lands.

This module imports neither pydantic nor the models: that is its point.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ctoprep.services.snapshot import forget, read_content, snapshot_file, state_key, write_content
from ctoprep.ui.home_content import HomeContent

__all__ = ["forget", "read", "snapshot_file", "state_key", "write"]


def read(home: Path, framework_id: str | None, today: date) -> HomeContent | None:
    """The saved home screen if it is still current, else ``None`` (never raises)."""
    content = read_content(home, framework_id, today)
    if content is None:
        return None
    try:
        return HomeContent.from_json(content)
    except (ValueError, TypeError, RecursionError):
        return None


def write(home: Path, framework_id: str | None, today: date, content: HomeContent) -> None:
    """Save ``content`` for the next start; call it after the store is closed (its files are in the key)."""
    write_content(home, framework_id, today, content.to_json())
