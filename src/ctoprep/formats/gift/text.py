"""Text in a GIFT question's format, and the markers GIFT's reader and writer share.

A piece of text may start with ``[html]``, ``[moodle]``, ``[plain]`` or ``[markdown]``; HTML (or
Moodle's auto-format text that holds HTML tags) is turned into plain text. ``_WEIGHT`` is the
``%50%`` prefix of a weighted answer and ``_META`` opens ctoprep's own ``// ctoprep {...}`` comment.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ctoprep.formats.common import clean_text

_FORMATS = ("html", "moodle", "plain", "markdown")
_FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_HTML_TAG = re.compile(
    r"</?(p|br|b|i|u|em|strong|span|div|ul|ol|li|img|a|sub|sup|table|tr|td|th|h[1-6]|code|pre|font|hr)\b[^>]*>",
    re.IGNORECASE,
)
_META = "ctoprep"


class _TextOnly(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})
    _SILENT = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SILENT:
            self.silent += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SILENT:
            self.silent = max(0, self.silent - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.silent:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, paragraphs kept as lines."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _plain(text: str, fmt: str | None) -> str:
    """One piece of question text in the question's format, as plain text."""
    own = _FORMAT_PREFIX.match(text)
    if own:
        fmt = own.group(1)
        text = text[own.end() :]
    if fmt == "html" or (fmt in (None, "moodle") and _HTML_TAG.search(text)):
        text = html_to_text(text)
    return clean_text(text)
