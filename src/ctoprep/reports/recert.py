"""The recertification summary to submit: Markdown and HTML, built from one :class:`RecertSummary`.

Both render the same rows (``templates/recert.md.j2`` and ``recert.html.j2``), chosen once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ctoprep.core.recert import RecertEntry, RecertSummary
from ctoprep.reports.markdown import tidy
from ctoprep.reports.templating import render


@dataclass(frozen=True)
class EntryRow:
    entry: RecertEntry
    category: str
    hours: float


def _hours(value: float) -> str:
    return f"{value:g}"


def _cap(value: float | None) -> str:
    return "no cap" if value is None else _hours(value)


def _values(summary: RecertSummary, who: str) -> dict[str, Any]:
    rules = summary.rules
    by_id = rules.category_by_id
    rows = []
    for x in summary.entries:
        if x in summary.outside:
            continue
        category = by_id.get(x.category)
        rows.append(
            EntryRow(x, category.title if category else x.category, category.credited(x.amount) if category else 0)
        )
    return {
        "s": summary,
        "who": who,
        "title": f"{rules.title}: activity log",
        "entries": rows,
        "unconfirmed": [c.title for c in rules.categories if not c.confirmed],
        "hours": _hours,
        "cap": _cap,
    }


def recert_markdown(summary: RecertSummary, who: str = "") -> str:
    return tidy(render("recert.md.j2", **_values(summary, who)))


def recert_html(summary: RecertSummary, who: str = "") -> str:
    return render("recert.html.j2", **_values(summary, who))
