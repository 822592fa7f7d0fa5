"""Reading a CASE package defensively: the JSON file, its fields, and its text.

Every field is read without trusting its type (a wrong type reads as empty). Statements may hold
Markdown, so titles are made plain; notes that ctoprep itself exported are read back as bullets.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.formats.case_export import EXTENSION_KEY
from ctoprep.formats.common import MAX_TEXT, clean_text, read_text_file, shorten

_TITLE_SOFT_LIMIT = 120
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|`|~~)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_](?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s*|[-*+]\s+)")


def read_case_file(path: Path) -> Any:
    """Parse a CASE JSON file; malformed JSON is a :class:`ContentError` with line and column."""
    shown = display_path(path)
    text = read_text_file(path, what="JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError([Problem(shown, f"not valid JSON: {exc.msg}", line=exc.lineno, col=exc.colno)]) from None
    except RecursionError:
        raise ContentError([Problem(shown, "JSON is nested too deeply to be a CASE package", line=1, col=1)]) from None


# reading the package defensively ------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _strings(value: Any, limit: int = MAX_TEXT) -> list[str]:
    return [shorten(text, limit) for v in _list(value) if (text := clean_text(v, nfc=True))]


def _extension(obj: dict[str, Any]) -> dict[str, Any]:
    return _dict(_dict(obj.get("extensions")).get(EXTENSION_KEY))


def plain_title(text: str) -> str:
    """A one-line title from a statement that may hold Markdown."""
    lines = [_MD_HEADING.sub("", line) for line in text.split("\n")]
    flat = " ".join(" ".join(lines).split())
    flat = _MD_LINK.sub(r"\1", flat)
    flat = _MD_MARKS.sub("", flat)
    return _MD_EMPHASIS.sub(r"\1", flat).strip()


def _short_title(text: str) -> str:
    """A title from a (possibly long) full statement: its first sentence, shortened if need be."""
    title = plain_title(text)
    if len(title) <= _TITLE_SOFT_LIMIT:
        return title
    end = title.find(". ")
    if 0 < end < _TITLE_SOFT_LIMIT:
        return title[: end + 1]
    return shorten(title, _TITLE_SOFT_LIMIT)


_SECTIONS = {
    "indicators": "indicators",
    "evidence": "evidence",
    "mentor questions": "mentor_questions",
    "crosswalk": "crosswalk",
}
_CALIBRATION = "Level 2 or 3? "


def parse_bullets(notes: str) -> dict[str, list[str]] | None:
    """Indicators and evidence from notes written as ctoprep exports them, else ``None``::

    Indicators:
    - ...

    Evidence:
    - ...
    """
    found: dict[str, list[str]] = {}
    for section in notes.split("\n\n"):
        if section.strip().startswith(_CALIBRATION) and "calibration" not in found:
            found["calibration"] = [shorten(section.strip().removeprefix(_CALIBRATION).strip(), MAX_TEXT)]
            continue
        head, _, body = section.strip().partition("\n")
        key = _SECTIONS.get(head.strip().rstrip(":").casefold())
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        if key is None or key in found or not head.strip().endswith(":") or not lines:
            return None
        if not all(line.startswith("- ") for line in lines):
            return None
        found[key] = [shorten(line[2:].strip(), MAX_TEXT) for line in lines if line[2:].strip()]
    return found or None
