"""Warm start for frameworks: the resolved model as JSON, keyed by the hash of every file's bytes.

Reading it needs neither the TOML parser nor the file models, which keeps the app's start-up close to
a bare Textual app. It is JSON validated into the model, never pickle: a cache file planted by someone
else can at worst be rejected, never run code. A stale, unreadable or invalid entry is ignored.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ctoprep.core.models.framework import Framework

CACHE_SCHEMA = "5"
"""Bump when the resolved models change shape."""

_FILES = ("profiles.toml", "blueprint.toml", "catalogue.toml")


def cache_key(folder: Path) -> str | None:
    hasher = hashlib.blake2b(f"{CACHE_SCHEMA}:{folder.resolve()}".encode(), digest_size=20)
    try:
        files = [folder / "framework.toml", *sorted((folder / "areas").glob("*.toml"))]
        files += [folder / name for name in _FILES if (folder / name).exists()]
        for path in files:
            hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    return hasher.hexdigest()


def read(folder: Path, cache_dir: Path) -> Framework | None:
    key = cache_key(folder)
    if key is None:
        return None
    try:
        return Framework.model_validate_json((cache_dir / f"framework-{key}.json").read_bytes())
    except (OSError, ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None


def write(folder: Path, cache_dir: Path, framework: Framework) -> None:
    from ctoprep.formats.atomic import write_cache_file

    key = cache_key(folder)
    if key is None:
        return
    write_cache_file(cache_dir, f"framework-{key}.json", framework.model_dump_json().encode())
