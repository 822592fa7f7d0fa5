"""Turning text from files and people into display content that is never parsed as markup."""

from __future__ import annotations

from rich.text import Text

from ctoprep.core.text import printable


def plain(text: str, style: str = "", *, single_line: bool = False) -> Text:
    """Content for a widget: control characters made visible, markup left as literal text."""
    return Text(printable(text, single_line=single_line), style=style)
