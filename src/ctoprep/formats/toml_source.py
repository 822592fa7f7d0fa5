"""Reading TOML files safely, and mapping key paths back to lines for error messages.

tomli parses fast but forgets where each key was. When (and only when) a file has problems,
:class:`KeyLocator` scans the text once more to map key paths such as
``("questions", 3, "options", 1, "text")`` to a line and column.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from ctoprep.core.decoding import decode_utf8
from ctoprep.core.problems import ContentError, Problem, display_path, format_key_path

MAX_FILE_BYTES = 40 * 1024 * 1024
"""Largest input file we read: a 10,000-question bank is about 15 MB."""

KeyPath = tuple[str | int, ...]


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES, shown: str | None = None) -> bytes:
    """Read a whole file, turning every OS failure into a :class:`ContentError`.

    The name ``-`` means standard input, as everywhere on the command line. ``shown`` is how the
    path is named in a problem (worked out only when there is one, unless the caller knows it).
    """

    def named() -> str:
        return shown if shown is not None else display_path(path)

    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise ContentError([Problem(named(), f"input is too large (over {limit / 1e6:.0f} MB)")])
        return data
    try:
        if path.is_dir():
            raise ContentError([Problem(named(), "is a folder, not a file", hint="name a file inside it")])
        size = path.stat().st_size
        if size > limit:
            raise ContentError(
                [Problem(named(), f"file is too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")]
            )
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ContentError([Problem(named(), "file not found")]) from None
    except PermissionError:
        raise ContentError([Problem(named(), "permission denied", hint="check the file's permissions")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(named(), "is a folder, not a file")]) from None
    except OSError as exc:
        raise ContentError([Problem(named(), f"cannot read file: {exc.strerror or exc}")]) from None
    if len(data) > limit:
        raise ContentError([Problem(named(), f"file is too large (over {limit / 1e6:.0f} MB)")])
    return data


def decode_text(data: bytes, shown: str) -> str:
    """A TOML file's text, under the one decoding policy (``core.decoding``)."""
    return decode_utf8(data, shown, "TOML text")


@dataclass
class TomlDocument:
    """A parsed TOML file with what is needed to explain problems in it."""

    path: Path
    text: str
    data: dict[str, Any]
    digest: str
    _locator: KeyLocator | None = field(default=None, repr=False)

    @functools.cached_property
    def shown(self) -> str:
        return display_path(self.path)

    def locate(self, key_path: KeyPath) -> tuple[int, int]:
        if self._locator is None:
            self._locator = KeyLocator(self.text)
        return self._locator.locate(key_path)

    def problem(self, key_path: KeyPath, message: str, hint: str = "", *, warning: bool = False) -> Problem:
        from ctoprep.core.problems import Severity

        line, col = self.locate(key_path)
        return Problem(
            self.shown,
            message,
            line=line,
            col=col,
            hint=hint,
            key_path=format_key_path(key_path),
            severity=Severity.WARNING if warning else Severity.ERROR,
        )


DEEP = 100
"""Nesting (or dotted-key parts) past which a line is named as the culprit of a too-deep document."""


def _deep_line(text: str) -> tuple[int, str]:
    """The first line that nests arrays/tables, or dots a key, past :data:`DEEP` levels (1-based)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.split("=", 1)[0].count(".") > DEEP:
            return number, "a dotted key with too many parts"
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth > DEEP:
                    return number, "arrays or inline tables nested too deeply"
            elif ch in "]}":
                depth = max(0, depth - 1)
    return 0, "nesting too deep"


def parse_toml_text(text: str, path: Path, digest: str = "") -> TomlDocument:
    try:
        data = tomli.loads(text)
    except RecursionError:
        line, what = _deep_line(text)
        raise ContentError(
            [
                Problem(
                    display_path(path),
                    f"TOML too deeply nested: {what}",
                    line=line,
                    hint="no ctoprep file needs more than a few levels; this file is damaged or hostile",
                )
            ]
        ) from None
    except tomli.TOMLDecodeError as exc:
        message = str(exc.msg) if hasattr(exc, "msg") else str(exc)
        line = getattr(exc, "lineno", 0) or 0
        col = getattr(exc, "colno", 0) or 0
        raise ContentError(
            [
                Problem(
                    display_path(path),
                    f"TOML syntax error: {message}",
                    line=line,
                    col=col,
                    hint="check quotes, brackets and '=' on this line",
                )
            ]
        ) from None
    return TomlDocument(path=path, text=text, data=data, digest=digest)


def load_toml(path: Path) -> TomlDocument:
    """Read, decode and parse one TOML file; every failure is a :class:`ContentError`."""
    data = read_bytes(path)
    text = decode_text(data, display_path(path))
    return parse_toml_text(text, path, hashlib.blake2b(data, digest_size=20).hexdigest())


_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class KeyLocator:
    """Maps key paths of a *valid* TOML document to (line, column).

    A small scanner that understands tables, arrays of tables, dotted keys, inline tables,
    arrays and all four string forms, and records where every key and array element starts.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.positions: dict[KeyPath, int] = {}
        self._aot_count: dict[KeyPath, int] = {}
        # best effort: what was recorded before a surprise still helps
        with contextlib.suppress(IndexError, ValueError):
            self._scan()

    def locate(self, key_path: KeyPath) -> tuple[int, int]:
        path = tuple(key_path)
        while path:
            if path in self.positions:
                return self._line_col(self.positions[path])
            path = path[:-1]
        return (1, 1)

    def _line_col(self, offset: int) -> tuple[int, int]:
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    # scanning -----------------------------------------------------------------------------
    def _skip_ws(self, i: int, newlines: bool = False) -> int:
        t = self.text
        while i < self.n:
            ch = t[i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                i += 1
            elif ch == "#" and newlines:
                while i < self.n and t[i] != "\n":
                    i += 1
            else:
                break
        return i

    def _skip_line(self, i: int) -> int:
        while i < self.n and self.text[i] != "\n":
            i += 1
        return i + 1

    def _key(self, i: int) -> tuple[list[str], int]:
        keys: list[str] = []
        t = self.text
        while True:
            i = self._skip_ws(i)
            if t[i] in "\"'":
                quote = t[i]
                j = i + 1
                buf = []
                while t[j] != quote:
                    if quote == '"' and t[j] == "\\":
                        buf.append(t[j + 1])
                        j += 2
                        continue
                    buf.append(t[j])
                    j += 1
                keys.append("".join(buf))
                i = j + 1
            else:
                j = i
                while j < self.n and t[j] in _BARE:
                    j += 1
                keys.append(t[i:j])
                i = j
            i = self._skip_ws(i)
            if i < self.n and t[i] == ".":
                i += 1
                continue
            return keys, i

    def _resolve_prefix(self, keys: list[str]) -> KeyPath:
        path: KeyPath = ()
        for k in keys:
            path = (*path, k)
            if path in self._aot_count:
                path = (*path, self._aot_count[path] - 1)
        return path

    def _scan(self) -> None:
        t = self.text
        i = 0
        current: KeyPath = ()
        while i < self.n:
            i = self._skip_ws(i, newlines=True)
            if i >= self.n:
                break
            if t.startswith("[[", i):
                start = i
                keys, i = self._key(i + 2)
                base = (*self._resolve_prefix(keys[:-1]), keys[-1])
                idx = self._aot_count.get(base, 0)
                self._aot_count[base] = idx + 1
                current = (*base, idx)
                self.positions.setdefault(base, start)
                self.positions[current] = start
                i = self._skip_line(i)
            elif t[i] == "[":
                start = i
                keys, i = self._key(i + 1)
                current = (*self._resolve_prefix(keys[:-1]), keys[-1])
                self.positions.setdefault(current, start)
                i = self._skip_line(i)
            else:
                start = i
                keys, i = self._key(i)
                path = current
                for k in keys:
                    path = (*path, k)
                    self.positions.setdefault(path, start)
                i = self._skip_ws(i)
                i += 1  # '='
                i = self._value(self._skip_ws(i), path)

    def _value(self, i: int, path: KeyPath) -> int:
        t = self.text
        if t.startswith('"""', i) or t.startswith("'''", i):
            quote = t[i : i + 3]
            j = i + 3
            while True:
                if quote == '"""' and t[j] == "\\":
                    j += 2
                    continue
                if t.startswith(quote, j):
                    j += 3
                    while j < self.n and t[j] == quote[0]:  # up to two quotes may close the string
                        j += 1
                    return j
                j += 1
        if t[i] == '"':
            j = i + 1
            while t[j] != '"':
                j += 2 if t[j] == "\\" else 1
            return j + 1
        if t[i] == "'":
            return t.index("'", i + 1) + 1
        if t[i] == "[":
            i += 1
            idx = 0
            while True:
                i = self._skip_ws(i, newlines=True)
                if t[i] == "]":
                    return i + 1
                self.positions[(*path, idx)] = i
                i = self._value(i, (*path, idx))
                i = self._skip_ws(i, newlines=True)
                if t[i] == ",":
                    i += 1
                    idx += 1
        if t[i] == "{":
            i += 1
            while True:
                i = self._skip_ws(i)
                if t[i] == "}":
                    return i + 1
                start = i
                keys, i = self._key(i)
                sub = path
                for k in keys:
                    sub = (*sub, k)
                    self.positions.setdefault(sub, start)
                i = self._skip_ws(i) + 1
                i = self._value(self._skip_ws(i), sub)
                i = self._skip_ws(i)
                if t[i] == ",":
                    i += 1
        j = i
        while j < self.n and t[j] not in ",]}\n#":
            j += 1
        return j
