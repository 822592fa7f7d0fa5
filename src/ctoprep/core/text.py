"""Text from files and people, made safe to show: control characters become visible, never executed.

Markup is handled by the display layer (``Text(...)``, ``markup=False``); this module handles what
markup escaping cannot: ANSI escape sequences and other control characters that a terminal would obey.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for it, e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def printable(text: str, *, single_line: bool = False) -> str:
    """``text`` with every control character (and bidi override) replaced by a visible stand-in."""
    if single_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(_visible, unicodedata.normalize("NFC", text))


_PARAGRAPH = re.compile(r"\n\s*\n")


def reflow(text: str) -> str:
    """Authors wrap long TOML strings by hand; join those lines so the display can wrap to its width.

    Blank lines (paragraph breaks) and list lines starting with '-', '*' or '•' are kept.
    """
    paragraphs = []
    for paragraph in _PARAGRAPH.split(text.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        out: list[str] = []
        for line in lines:
            if out and not line.startswith(("-", "*", "•")):
                out[-1] += " " + line
            else:
                out.append(line)
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def unclosed_quote_line(text: str, quote: str = '"') -> int | None:
    """The line on which a CSV quote opens and never closes, or None when every quote is closed.

    In well-formed CSV every quote character is paired (a quote inside a quoted cell is written twice),
    so an odd count means the sheet's last quoted cell runs to the end of the file, swallowing every
    row after it. Both CSV importers refuse such a file and name this line.
    """
    open_at: int | None = None
    line = 1
    for ch in text:
        if ch == quote:
            open_at = line if open_at is None else None
        elif ch == "\n":
            line += 1
    return open_at


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 month``, ``6 months``, ``1 assessment``: a count with the word in the right number."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
