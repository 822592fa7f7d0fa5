"""A cohort as self-contained HTML, versioned JSON, CSV (the heat map) and Markdown.

When the cohort is anonymized, nothing here names a person or a file (file names often carry names):
members appear by their initials or codes, and skipped packets only as a count.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ctoprep import __version__
from ctoprep.core.cohort import ActivityReach, CohortView, CommonGap
from ctoprep.core.text import printable
from ctoprep.reports.markdown import tidy
from ctoprep.reports.templating import render

COHORT_FORMAT = "ctoprep.cohort"
COHORT_SCHEMA_VERSION = 1


def _r(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def shade(score: float | None) -> str:
    """A block whose height follows the score, so a heat map reads without color."""
    if score is None:
        return " "
    return "▁" if score < 25 else "▃" if score < 50 else "▅" if score < 75 else "▇"


# JSON ---------------------------------------------------------------------------------------------


def _reach(a: ActivityReach) -> dict[str, Any]:
    return {
        "activity": a.activity_id,
        "title": a.title,
        "format": a.format.value,
        "cost_usd": a.cost_usd,
        "hours": a.hours,
        "members": a.members,
        "share": _r(a.share, 4),
        "who": list(a.labels),
        "skills": list(a.skills),
        "value": _r(a.value),
        "added_value": _r(a.added_value),
    }


def _gap(g: CommonGap) -> dict[str, Any]:
    return {
        "skill": g.skill_id,
        "title": g.title,
        "area": g.area_id,
        "members": g.members,
        "share": _r(g.share, 4),
        "mean_gap": _r(g.mean_gap),
        "total_priority": _r(g.total_priority),
        "who": list(g.labels),
    }


def cohort_document(view: CohortView) -> dict[str, Any]:
    c = view.cohort
    listed = [{"file": p.file, "message": p.message} for p in view.skipped]
    skipped: Any = len(listed) if view.anonymized else listed
    return {
        "format": COHORT_FORMAT,
        "schema_version": COHORT_SCHEMA_VERSION,
        "generated_by": f"ctoprep {__version__}",
        "generated_on": view.generated_on.isoformat(),
        "framework": {"id": c.framework_id, "version": c.framework_version},
        "profile": {"id": c.profile_id, "title": c.profile_title},
        "anonymized": c.anonymize.value,
        "size": c.size,
        "areas": [
            {
                "area": a.area_id,
                "code": a.code,
                "title": a.title,
                "scored": a.scored,
                "mean_score": _r(a.mean_score),
                "lowest": _r(a.lowest),
                "highest": _r(a.highest),
                "members_below": a.members_below,
            }
            for a in c.areas
        ],
        "members": [
            {
                "label": m.label,
                **({} if view.anonymized else {"source": m.source}),
                "overall": _r(m.overall),
                "rated": m.rated,
                "total": m.total,
                "gaps": m.gaps,
                "areas": {
                    cell.area_id: {
                        "score": _r(cell.score),
                        "gap": _r(cell.gap),
                        "below": cell.below,
                        "rated": cell.rated,
                        "total": cell.total,
                        "reliable": cell.reliable,
                    }
                    for cell in m.cells
                },
            }
            for m in c.members
        ],
        "common_gaps": [_gap(g) for g in c.common_gaps],
        "activities": [_reach(a) for a in c.activities],
        "agenda": [_reach(a) for a in c.agenda],
        "skipped": skipped,
    }


def render_cohort_json(view: CohortView) -> str:
    """The cohort as JSON: indented to the level of each member, gap and activity, one per line.

    A thousand members' rows indented all the way down took Python's pure-Python indenting encoder a
    quarter of a second; each row on its own line goes through the C encoder and reads as well.
    """
    return _indented(cohort_document(view), 0) + "\n"


def _indented(value: Any, level: int, depth: int = 2) -> str:
    if level >= depth or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False)
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {_indented(v, level + 1, depth)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    rows = [f"{inner}{_indented(v, level + 1, depth)}" for v in value]
    return "[\n" + ",\n".join(rows) + f"\n{pad}]"


# CSV ----------------------------------------------------------------------------------------------


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (=, +, -, @ and tab/CR prefixes are quoted)."""
    text = printable(text, single_line=True)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_cohort_csv(view: CohortView) -> str:
    """The heat map: one row per member; each area's score (0–100) and gap (steps below target)."""
    c = view.cohort
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["member", "overall", "rated", "total", "skills below target"]
    for a in c.areas:
        header += [f"{csv_cell(a.title)} score", f"{csv_cell(a.title)} gap"]
    writer.writerow(header)
    for m in c.members:
        overall = "" if m.overall is None else f"{m.overall:.1f}"
        row: list[str] = [csv_cell(m.label), overall, str(m.rated), str(m.total), str(m.gaps)]
        for cell in m.cells:
            row += ["" if cell.score is None else f"{cell.score:.1f}", f"{cell.gap:.2f}"]
        writer.writerow(row)
    return buffer.getvalue()


# Markdown and HTML -------------------------------------------------------------------------------
# templates/cohort.md.j2 and cohort.html.j2; the rows (caps included) are chosen here, once.

BUCKETS = ((25.0, "#f4cfc4"), (50.0, "#fbe3bd"), (75.0, "#e2eed6"), (101.0, "#c4e2cc"))


def _color(score: float | None) -> str:
    if score is None:
        return "#f1f2f4"
    for upper, color in BUCKETS:
        if score < upper:
            return color
    return BUCKETS[-1][1]


def _values(view: CohortView) -> dict[str, Any]:
    c = view.cohort
    key = [(view.area_label(a.area_id), a.title) for a in c.areas if view.area_label(a.area_id) != a.title]
    return {
        "view": view,
        "title": f"Cohort of {c.size}: {view.framework.short_title or view.framework.title}",
        "common_gaps": c.common_gaps[: view.top],
        "activities": c.activities[: view.top],
        "key": key,
        "score_text": score_text,
        "color": _color,
    }


def render_cohort_markdown(view: CohortView) -> str:
    return tidy(render("cohort.md.j2", **_values(view)))


def render_cohort_html(view: CohortView) -> str:
    return render("cohort.html.j2", **_values(view))
