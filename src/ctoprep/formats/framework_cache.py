"""Warm start for frameworks: the resolved model as JSON, keyed by the hash of every file's bytes.

Reading it needs neither the TOML parser, nor the file models, nor pydantic, which keeps the app's
start-up and the scripting commands close to a bare Python start. It is plain JSON decoded by
:func:`ctoprep.core.models.framework_json.from_json_dict`, never pickle: a cache file planted by
someone else can at worst be rejected, never run code. A stale, unreadable or invalid entry is ignored
(the framework is then read from its files, and the entry written again).
"""

from __future__ import annotations

import json
from pathlib import Path

try:
    from _blake2 import blake2b  # what hashlib.blake2b is; importing hashlib also loads OpenSSL (~3 ms)
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b

from ctoprep.core.models.framework import Framework

CACHE_SCHEMA = "7"
"""Bump when the resolved models change shape. 6: plain JSON in an envelope, decoded without pydantic;
7: skill targets that are their area's written as ``"area"``."""

CACHE_FORMAT = "ctoprep.framework-cache"

_FILES = ("profiles.toml", "blueprint.toml", "catalogue.toml", "recertification.toml")


def cache_key(folder: Path) -> str | None:
    hasher = blake2b(f"{CACHE_SCHEMA}:{folder.resolve()}".encode(), digest_size=20)
    try:
        files = [folder / "framework.toml", *sorted((folder / "areas").glob("*.toml"))]
        files += [folder / name for name in _FILES if (folder / name).exists()]
        for path in files:
            hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    return hasher.hexdigest()


def read(folder: Path, cache_dir: Path) -> Framework | None:
    from ctoprep.core.models.framework_json import from_json_dict

    key = cache_key(folder)
    if key is None:
        return None
    try:
        data = json.loads((cache_dir / f"framework-{key}.json").read_bytes())
        if type(data) is not dict or data.get("format") != CACHE_FORMAT or data.get("key") != key:
            return None
        return from_json_dict(data.get("framework"))
    except (OSError, ValueError, LookupError, TypeError, RecursionError):  # JSON errors are ValueErrors
        return None


def write(folder: Path, cache_dir: Path, framework: Framework) -> None:
    from ctoprep.core.models.framework_json import to_json_dict
    from ctoprep.formats.atomic import write_cache_file

    key = cache_key(folder)
    if key is None:
        return
    document = {"format": CACHE_FORMAT, "key": key, "framework": to_json_dict(framework, shared_targets=True)}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    write_cache_file(cache_dir, f"framework-{key}.json", text.encode("utf-8"))
