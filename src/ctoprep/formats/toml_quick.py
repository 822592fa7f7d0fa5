"""A small TOML file's data without the machinery that explains problems in it.

:func:`ctoprep.formats.toml_source.load_toml` reads, decodes and parses a file and keeps what it needs
to point at a problem's line (the module costs several milliseconds to import). Listing frameworks
reads only the ``[framework]`` table of each ``framework.toml``: :func:`toml_data` parses a small,
well-formed file directly and hands any other file to ``load_toml``, so the data, and every problem
reported, are the same as ``load_toml``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctoprep.core.decoding import decode_utf8
from ctoprep.core.problems import ContentError

QUICK_BYTES = 1_000_000
"""Larger files go the long way (they are never a framework.toml)."""


def toml_data(path: Path) -> dict[str, Any]:
    """The parsed file, as ``load_toml(path).data`` gives it.

    Raises:
        ContentError: as ``load_toml`` does (an unreadable, binary, non-UTF-8 or malformed file).
    """
    try:
        if path.stat().st_size <= QUICK_BYTES:
            import tomli

            # the one decoding policy (binary refused, BOM dropped), as load_toml applies it
            parsed: dict[str, Any] = tomli.loads(decode_utf8(path.read_bytes(), str(path), "TOML text"))
            return parsed
    except (OSError, ValueError, RecursionError, ContentError):  # load_toml explains any failure
        pass
    from ctoprep.formats.toml_source import load_toml

    return load_toml(path).data
