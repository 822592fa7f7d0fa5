"""Reports as text documents: Markdown, self-contained HTML and versioned JSON.

Pure string builders over the core's results; they import neither rich nor textual. Everything
that came from a file or a person is escaped for the target format (never interpreted as markup).
"""

from __future__ import annotations

from datetime import date

from ctoprep.core.insights import ReportContext, prepare

__all__ = ["ReportContext", "prepare"]


def fmt_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.0f}"


def fmt_level(level: float | None) -> str:
    if level is None:
        return "—"
    return f"{level:.1f}".rstrip("0").rstrip(".")


def fmt_money(amount: float) -> str:
    return "free" if amount == 0 else f"${amount:,.0f}"


def fmt_hours(hours: float) -> str:
    return f"{hours:.1f}".rstrip("0").rstrip(".") + " h"


def fmt_target(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def month_label(day: date) -> str:
    return day.strftime("%b %Y")


def month_span(first: date, last: date) -> str:
    start, end = month_label(first), month_label(last)
    return start if start == end else f"{start} to {end}"
