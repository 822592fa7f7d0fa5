"""Writing ctoprep's TOML files from plain data, so that what is written reads back identically.

Only what the file formats use is supported: tables, arrays of tables, strings, integers,
finite floats, booleans and arrays of those. ``None``, empty strings and empty lists are left
out (every such key is optional in our formats). Strings with line breaks are written as
multi-line basic strings; every other string as a basic string with full escaping.

Why not tomli-w (tried December 2026, tomli-w 1.2.0 with ``multiline_strings=True``): a ``\\r\\n``
inside a multi-line string came back as ``\\n`` (the hypothesis round-trip test found it), and short
arrays of tables such as ``[[questions]]`` were written inline, which our banks' readers and diffs
do not expect. This writer keeps every string byte for byte (tested with hypothesis).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_INLINE_ARRAY_WIDTH = 100


def _escape_char(ch: str, *, multiline: bool) -> str:
    code = ord(ch)
    if ch == "\\":
        return "\\\\"
    if ch == '"':
        return '\\"'
    if ch == "\n":
        return "\n" if multiline else "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    if code < 0x20 or code == 0x7F:
        return f"\\u{code:04X}"
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written in UTF-8 TOML
        return "\\uFFFD"
    return ch


_COMMENT_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')


def toml_string(value: str) -> str:
    """``value`` as a TOML basic (or, with line breaks, multi-line basic) string."""
    if "\n" in value:
        body = _NEEDS_ESCAPE.sub(lambda m: _escape_char(m.group(), multiline=True), value)
        # the newline right after the opening quotes is dropped by TOML readers
        return '"""\n' + body + '"""'
    return _single_line(value)


def _single_line(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape_char(m.group(), multiline=False), value) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _single_line(key)


def _scalar(value: Any, *, in_array: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to TOML")
        return repr(value)
    if isinstance(value, str):
        return _single_line(value) if in_array else toml_string(value)
    if isinstance(value, Sequence):
        items = [_scalar(v, in_array=True) for v in value]
        inline = "[" + ", ".join(items) + "]"
        if len(inline) <= _INLINE_ARRAY_WIDTH:
            return inline
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as a TOML value")


def _prune(value: Any) -> Any:
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            v = _prune(v)
            if v is None or v == "" or (isinstance(v, list) and not v):
                continue
            out[str(k)] = v
        return out
    if isinstance(value, (list, tuple)):
        return [_prune(v) for v in value]
    return value


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _emit(lines: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    for k, v in table.items():
        if isinstance(v, Mapping) or _is_table_array(v):
            continue
        lines.append(f"{_key(k)} = {_scalar(v)}")
    for k, v in table.items():
        sub = (*path, k)
        header = ".".join(_key(part) for part in sub)
        if isinstance(v, Mapping):
            lines.append("")
            lines.append(f"[{header}]")
            _emit(lines, sub, v)
        elif _is_table_array(v):
            for element in v:
                lines.append("")
                lines.append(f"[[{header}]]")
                _emit(lines, sub, element)


def dumps(data: Mapping[str, Any], *, schema: str | None = None, comments: Sequence[str] = ()) -> str:
    """The TOML text of ``data``, starting with ``#:schema SCHEMA`` and ``# comment`` lines."""
    lines: list[str] = []
    if schema:
        lines.append(f"#:schema {schema}")
    for comment in comments:
        for part in comment.split("\n"):
            lines.append(f"# {_COMMENT_UNSAFE.sub('?', part)}".rstrip())
    body: list[str] = []
    _emit(body, (), _prune(data))
    while body and body[0] == "":
        body.pop(0)
    if lines and body and not body[0].startswith("["):
        lines.append("")
    return "\n".join(lines + body) + "\n"


def schema_reference(target_dir: Path, schema_file: Path) -> str:
    """What a file written into ``target_dir`` puts after ``#:schema`` to reach ``schema_file``.

    A relative path when there is one (as in the bundled content), else a ``file:`` URI.
    """
    try:
        relative = os.path.relpath(schema_file.resolve(), start=target_dir.resolve())
    except ValueError:  # another drive on Windows
        return schema_file.resolve().as_uri()
    return Path(relative).as_posix()
