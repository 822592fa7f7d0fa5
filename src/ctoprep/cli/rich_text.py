"""Small rich helpers shared by the text reports (report, plan, compare, cohort).

rich is imported inside the functions, so that importing a command module to build the argument
parser stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def t(text: str, style: str = "") -> Text:
    """Text from a file or a person: literal, control characters made visible."""
    from rich.text import Text

    from ctoprep.core.text import printable

    return Text(printable(text, single_line=True), style=style)


def is_plain(console: Console) -> bool:
    """Plain output when piped or NO_COLOR is set: no colors, no box drawing."""
    return console.no_color or not console.is_terminal


def table(plain: bool, title: str = "") -> Table:
    from rich import box
    from rich.table import Table

    if plain:
        return Table(
            title=title or None,
            title_justify="left",
            box=None,
            show_edge=False,
            header_style="",
            title_style="",
            pad_edge=False,
        )
    return Table(title=title or None, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
