"""The home-screen snapshot for the app's fast start (light: no pydantic, no models). See storage.snapshot."""

from __future__ import annotations

from ctoprep.storage.snapshot import FILE_NAME, forget, read_content, snapshot_file, state_key, write_content

__all__ = ["FILE_NAME", "forget", "read_content", "snapshot_file", "state_key", "write_content"]
