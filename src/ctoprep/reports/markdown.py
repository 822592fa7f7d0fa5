"""A Markdown report, for pasting into an e-mail to a mentor or a shared document.

Rendered from ``templates/report.md.j2`` over the one :class:`~ctoprep.reports.view.ReportView`
the HTML report uses too. Text from files and people is escaped (:func:`md`) so that it reads as
written (never as a link, a table cell break or emphasis) and control characters are made visible.
"""

from __future__ import annotations

import re

from ctoprep.reports import ReportContext
from ctoprep.reports.templating import md, render
from ctoprep.reports.view import build_view

__all__ = ["md", "render_markdown", "tidy"]

_BLANKS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """One blank line at most between blocks, one newline at the end (text from people is single-line)."""
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"


def render_markdown(ctx: ReportContext) -> str:
    return tidy(render("report.md.j2", v=build_view(ctx)))
