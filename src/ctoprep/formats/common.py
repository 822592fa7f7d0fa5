"""Helpers shared by the converters: cleaning foreign text, making ids, reading input files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ctoprep.core.decoding import decode_csv, decode_utf8
from ctoprep.core.problems import Problem, display_path
from ctoprep.formats.toml_source import MAX_FILE_BYTES, read_bytes

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
"""Framework, area and skill ids (see docs/format.md)."""
QUESTION_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ID = 80
MAX_TITLE = 300
MAX_TEXT = 4000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: object, *, single_line: bool = False, nfc: bool = False) -> str:
    """Foreign text made safe to store: no control characters (bar newline and tab), no lone
    surrogates, line ends as ``\\n``, outer whitespace stripped. Anything not a string is ``""``."""
    if not isinstance(value, str):
        return ""
    text = _SURROGATE.sub("\ufffd", value)
    if nfc:
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if single_line:
        text = " ".join(text.split())
    return text.strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def slugify(text: str, max_len: int = 60) -> str:
    """A lower-case id made from ``text`` (may be empty): ``"1.OA.A Ünits"`` -> ``"1.oa.a-units"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_text)
    slug = re.sub(r"-{2,}", "-", slug)
    slug = re.sub(r"\.{2,}", ".", slug)
    slug = slug.strip("-.")
    return slug[:max_len].rstrip("-.")


class IdAllocator:
    """Hands out ids that match the id pattern and are unique within one namespace."""

    def __init__(self, taken: set[str] | None = None, pattern: re.Pattern[str] = ID_PATTERN) -> None:
        self.taken: set[str] = set(taken or ())
        self.pattern = pattern

    def usable(self, candidate: str) -> bool:
        return bool(candidate) and len(candidate) <= MAX_ID and bool(self.pattern.fullmatch(candidate))

    def claim(self, *candidates: str, fallback: str) -> str:
        """The first usable, free candidate; else the first usable one (or ``fallback``) with a number."""
        for candidate in candidates:
            if self.usable(candidate) and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        base = next((c for c in candidates if self.usable(c)), fallback)[: MAX_ID - 6].rstrip("-.")
        n = 2
        while f"{base}-{n}" in self.taken:
            n += 1
        chosen = f"{base}-{n}"
        self.taken.add(chosen)
        return chosen


def read_text_file(path: Path, *, what: str, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is allowed); every failure is a :class:`ContentError`."""
    return decode_utf8(read_bytes(path, limit=limit), display_path(path), what)


def read_csv_file(path: Path, warnings: list[Problem], *, limit: int = MAX_FILE_BYTES) -> str:
    """Read a CSV file: UTF-8, or Windows-1252 with a warning (``core.decoding.decode_csv``)."""
    return decode_csv(read_bytes(path, limit=limit), display_path(path), warnings)
