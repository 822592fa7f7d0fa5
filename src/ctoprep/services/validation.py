"""What ``ctoprep validate`` finds: every framework folder and question bank checked, in one place.

The result (every problem, and a line for each framework and bank group that was checked) is a pure
function of the files' bytes, the working directory (problems name files relative to it) and the code
that checks them. So, as linters and type checkers do, a run over exactly the same inputs is answered
from the result of the last one, kept in the private cache folder: a run over unchanged content (CI,
a pre-commit hook, running it again) then neither parses TOML nor imports the file models.

The key covers everything the result depends on: the bytes of every file read (framework folders by
:func:`ctoprep.formats.framework_cache.cache_key`, every bank file, and every framework in the library,
which a bank may name), the targets in order, the working directory, and a fingerprint of the checking
code (ctoprep's modules and the parser and validator packages, by size and time, and the Python
version). Any change to any of them is a full validation. A file that cannot be read is never answered
from the cache. ``--no-cache`` always validates in full.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctoprep.core.models.value import Value, value_class
from ctoprep.core.problems import ContentError, Problem, Tallied, display_path

try:
    from _blake2 import blake2b  # as in framework_cache: hashlib would also load OpenSSL
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework
    from ctoprep.services.content import Library

CACHE_SCHEMA = "1"
CACHE_FORMAT = "ctoprep.validation-cache"
KEEP = 8
"""Results kept in the cache folder (the newest); older ones are removed when one is written."""

_CHECKERS = ("pydantic", "pydantic_core", "tomli")
"""Packages whose version changes what a check reports (messages, parsing)."""


@value_class
class Validation(Value, Tallied):
    """Every problem found, and what was checked (one entry per framework folder and bank group)."""

    problems: tuple[Problem, ...]
    checked: tuple[dict[str, Any], ...]
    from_cache: bool = False


def validate_content(
    library: Library,
    frameworks: Sequence[Path],
    banks: Sequence[Path],
    problems: Iterable[Problem] = (),
    *,
    cache_dir: Path | None = None,
) -> Validation:
    """Check ``frameworks`` (folders) and ``banks`` (files); ``problems`` are ones already found in
    naming them, reported first. With ``cache_dir`` (:func:`results_cache`), unchanged inputs are
    answered from the last result."""
    given = tuple(problems)
    folders = list(dict.fromkeys(p.resolve() for p in frameworks))
    files = list(dict.fromkeys(p.resolve() for p in banks))
    key = _key(library, folders, files, given) if cache_dir is not None else None
    if cache_dir is not None and key is not None:
        cached = _read(cache_dir, key)
        if cached is not None:
            return cached
    result = _validate(library, folders, files, given)
    # kept only if no file changed while it was being validated (the result would not be the key's)
    if cache_dir is not None and key is not None and _key(library, folders, files, given) == key:
        _write(cache_dir, key, result)
    return result


def _validate(library: Library, folders: list[Path], files: list[Path], given: tuple[Problem, ...]) -> Validation:
    from ctoprep.formats.loading import banks_by_framework, check_framework, check_question_banks

    problems = list(given)
    checked: list[dict[str, Any]] = []
    loaded: dict[str, Framework] = {}
    for folder in folders:
        framework, found = check_framework(folder)
        problems.extend(found)
        if framework is not None:
            loaded[framework.id] = framework
            checked.append(
                {
                    "kind": "framework",
                    "path": display_path(folder),
                    "id": framework.id,
                    "skills": len(framework.skills),
                    "areas": len(framework.areas),
                    "profiles": len(framework.profiles),
                    "activities": len(framework.catalogue.activities),
                }
            )
        else:
            checked.append({"kind": "framework", "path": display_path(folder), "id": None})

    by_framework, documents = banks_by_framework(files)
    for fid, group in by_framework.items():
        framework = loaded.get(fid)
        if framework is None and fid:
            try:
                framework = library.framework(fid)
            except ContentError as exc:
                problems.extend(exc.problems)
        if framework is None and not fid:
            # unreadable files or no [bank] table: let the checker say precisely what is wrong
            _, found = check_question_banks(group, None, documents=documents)
            problems.extend(
                found
                or [
                    Problem(
                        display_path(f), "not a question bank: no [bank] table with a 'framework' id", line=1, col=1
                    )
                    for f in group
                ]
            )
            continue
        bank, found = check_question_banks(group, framework, documents=documents)
        problems.extend(found)
        checked.append(
            {
                "kind": "questions",
                "framework": fid,
                "files": len(group),
                "questions": len(bank.questions) if bank else None,
            }
        )
    return Validation(problems=tuple(problems), checked=tuple(checked))


def results_cache(home: Path) -> Path | None:
    """The private cache folder, or None if it cannot be made private (results are then not kept)."""
    from ctoprep.storage import paths

    try:
        paths.ensure_private_dir(home)
        paths.ensure_private_dir(paths.cache_dir(home))
    except OSError:
        return None
    return paths.cache_dir(home)


# --- the cache ------------------------------------------------------------------------------------


def _key(library: Library, folders: list[Path], files: list[Path], given: tuple[Problem, ...]) -> str | None:
    """The hash of everything the result depends on, or None when some input cannot be read."""
    from ctoprep.formats.framework_cache import cache_key

    hasher = blake2b(f"{CACHE_FORMAT}:{CACHE_SCHEMA}".encode(), digest_size=20)

    def add(*parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
            hasher.update(len(data).to_bytes(8, "little") + data)

    add(code_fingerprint(), os.getcwd())
    add(json.dumps([p.to_json() for p in given]))
    entries, _ = library.entries()
    folder_keys: dict[Path, str | None] = {}
    for folder in [*folders, None, *(entry.path.resolve() for entry in entries)]:
        if folder is None:
            add("library")  # the frameworks a bank may name (read when it names one not given)
            continue
        if folder not in folder_keys:
            folder_keys[folder] = cache_key(folder)
        if folder_keys[folder] is None:
            return None
        # the key holds every file's bytes; whether an (empty) areas/ folder exists is checked too
        add(folder, folder_keys[folder], (folder / "areas").is_dir())
    add("banks")
    for path in files:
        try:
            add(path, path.read_bytes())
        except OSError:
            return None
    return hasher.hexdigest()


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """What identifies the checking code: the Python version, ctoprep's own files (by relative path,
    size and modification time: a development checkout changes without a new version) and the
    installed versions of the checker packages (their ``.dist-info`` folders)."""
    global _fingerprint
    if _fingerprint is None:
        from importlib.util import find_spec

        hasher = blake2b(sys.version.encode(), digest_size=20)
        root = Path(__file__).resolve().parent.parent
        hasher.update(str(root).encode("utf-8", "surrogateescape") + b"\0")
        for path, size, mtime in sorted(_sources(root)):
            hasher.update(f"{path}\0{size}\0{mtime}\0".encode("utf-8", "surrogateescape"))
        for name in _CHECKERS:
            spec = find_spec(name)
            origin = Path(spec.origin) if spec is not None and spec.origin else None
            hasher.update(f"{name}\0{_installed(origin)}\0".encode("utf-8", "surrogateescape"))
        _fingerprint = hasher.hexdigest()
    return _fingerprint


def _installed(origin: Path | None) -> str:
    """The package's folder and the ``.dist-info`` folders beside it that carry its name (the version
    is in their names), or the origin's size and time when there are none."""
    if origin is None:
        return "absent"
    package = origin.parent
    site = package.parent
    prefix = package.name.replace("_", "-").lower()
    try:
        infos = sorted(
            name
            for name in os.listdir(site)
            if name.endswith(".dist-info") and name.replace("_", "-").lower().startswith(prefix + "-")
        )
        if infos:
            return f"{package}\0{','.join(infos)}"
        stat = origin.stat()
    except OSError:
        return f"{origin}\0unreadable"
    return f"{origin}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _sources(root: Path) -> Iterable[tuple[str, int, int]]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            stack.append(Path(entry.path))
                    elif entry.name.endswith((".py", ".so", ".pyd", ".toml", ".json")):
                        stat = entry.stat()
                        yield os.path.relpath(entry.path, root), stat.st_size, stat.st_mtime_ns
        except OSError:
            continue


def _read(cache_dir: Path, key: str) -> Validation | None:
    try:
        data = json.loads((cache_dir / f"validated-{key}.json").read_bytes())
        if type(data) is not dict or data.get("format") != CACHE_FORMAT or data.get("key") != key:
            return None
        problems = tuple(Problem.from_json(item) for item in data["problems"])
        checked = data["checked"]
        if type(checked) is not list or not all(type(item) is dict for item in checked):
            return None
        return Validation(problems=problems, checked=tuple(checked), from_cache=True)
    except (OSError, ValueError, LookupError, TypeError, RecursionError):  # JSON errors are ValueErrors
        return None


def _write(cache_dir: Path, key: str, result: Validation) -> None:
    from ctoprep.formats.atomic import write_cache_file

    document = {
        "format": CACHE_FORMAT,
        "key": key,
        "problems": [p.to_json() for p in result.problems],
        "checked": list(result.checked),
    }
    write_cache_file(cache_dir, f"validated-{key}.json", json.dumps(document, ensure_ascii=False).encode())
    try:
        kept = sorted(cache_dir.glob("validated-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
