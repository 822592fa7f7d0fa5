"""GIFT text cut into questions: blank-line blocks, comment lines, and tokens with escapes resolved.

``_blocks`` splits a file into (question lines, comment lines) per block; ``_Block`` holds one
question as tokens, a special character (``{}~=#:``) marked as such unless escaped; ``_meta``
reads the metadata of a block's comments (Moodle's ``[id:...]``/``[tag:...]`` or ctoprep's JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ctoprep.formats.gift.text import _META

SPECIAL = "{}~=#:"
_ESCAPES = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
_TOKEN = re.compile(r"\\[\\:#={}~n]|[{}~=#:]|[^\\{}~=#:]+|\\")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    special: bool
    line: int
    col: int


class _Block:
    """One question's lines as tokens, with escapes resolved and special characters marked."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.tokens: list[_Token] = []
        for lineno, line in lines:
            for match in _TOKEN.finditer(line):
                raw = match.group()
                col = match.start() + 1
                if raw.startswith("\\") and len(raw) == 2:
                    self.tokens.append(_Token(_ESCAPES[raw[1]], False, lineno, col))
                else:
                    self.tokens.append(_Token(raw, len(raw) == 1 and raw in SPECIAL, lineno, col))
            self.tokens.append(_Token("\n", False, lineno, len(line) + 1))
        self.start_line = lines[0][0] if lines else 0

    def text(self, start: int, end: int) -> str:
        return "".join(t.text for t in self.tokens[start:end])

    def find(self, char: str, start: int, end: int | None = None) -> int:
        stop = len(self.tokens) if end is None else end
        for i in range(start, stop):
            token = self.tokens[i]
            if token.special and token.text == char:
                return i
        return -1

    def rfind_run(self, char: str, count: int, start: int, end: int) -> int:
        for i in range(end - count, start - 1, -1):
            if all(self.tokens[i + k].special and self.tokens[i + k].text == char for k in range(count)):
                return i
        return -1

    def where(self, index: int) -> tuple[int, int]:
        if not self.tokens:
            return self.start_line, 1
        token = self.tokens[min(max(index, 0), len(self.tokens) - 1)]
        return token.line, token.col

    def skip_space(self, start: int, end: int) -> int:
        while start < end and not self.tokens[start].special and not self.tokens[start].text.strip():
            start += 1
        return start


def _blocks(text: str) -> Iterator[tuple[list[tuple[int, str]], list[tuple[int, str]]]]:
    """(question lines, comment lines) per blank-line-separated block."""
    lines: list[tuple[int, str]] = []
    comments: list[tuple[int, str]] = []
    for lineno, raw in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = raw.strip()
        if not stripped:
            if lines or comments:
                yield lines, comments
            lines, comments = [], []
        elif stripped.startswith("//"):
            comments.append((lineno, stripped[2:].strip()))
        else:
            lines.append((lineno, raw))
    if lines or comments:
        yield lines, comments


_ID_TAG = re.compile(r"\[(id|tag):([^\]]+)\]")


def _moodle_meta(comments: list[tuple[int, str]]) -> tuple[str, tuple[str, ...]]:
    """The id and tags of Moodle's ``// [id:...]`` and ``// [tag:...]`` comments (Moodle 3.4 and later)."""
    found_id = ""
    tags: list[str] = []
    for _, comment in comments:
        for kind, value in _ID_TAG.findall(comment):
            value = value.strip()
            if kind == "id" and value and not found_id:
                found_id = value
            elif kind == "tag" and value and value not in tags:
                tags.append(value)
    return found_id, tuple(tags)


def _meta(comments: list[tuple[int, str]]) -> dict[str, object]:
    moodle_id, moodle_tags = _moodle_meta(comments)
    extra: dict[str, object] = {}
    if moodle_id:
        extra["id"] = moodle_id
    if moodle_tags:
        extra["tags"] = list(moodle_tags)
    for _, comment in comments:
        if comment.startswith(_META + " "):
            try:
                data = json.loads(comment[len(_META) + 1 :])
            except (ValueError, RecursionError):
                return {}
            return data if isinstance(data, dict) else extra
    return extra
