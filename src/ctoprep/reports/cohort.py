"""A cohort as self-contained HTML, versioned JSON, CSV (the heat map) and Markdown.

When the cohort is anonymised, nothing here names a person or a file (file names often carry names):
members appear by their initials or codes, and skipped packets only as a count.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ctoprep import __version__
from ctoprep.core.cohort import ActivityReach, CohortView, CommonGap
from ctoprep.core.text import printable
from ctoprep.reports.mentor import e, html_page, md

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
    skipped: Any = len(listed) if view.anonymised else listed
    return {
        "format": COHORT_FORMAT,
        "schema_version": COHORT_SCHEMA_VERSION,
        "generated_by": f"ctoprep {__version__}",
        "generated_on": view.generated_on.isoformat(),
        "framework": {"id": c.framework_id, "version": c.framework_version},
        "profile": {"id": c.profile_id, "title": c.profile_title},
        "anonymised": c.anonymise.value,
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
                **({} if view.anonymised else {"source": m.source}),
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
    return json.dumps(cohort_document(view), indent=2, ensure_ascii=False) + "\n"


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


# Markdown -----------------------------------------------------------------------------------------


def render_cohort_markdown(view: CohortView) -> str:
    c = view.cohort
    lines = [
        f"# Cohort of {c.size}: {md(view.framework.short_title or view.framework.title)}",
        "",
        f"_Against {md(c.profile_title)}; {view.generated_on.isoformat()}_",
        "",
        "## Heat map (area scores 0–100)",
        "",
    ]
    header = ["member"] + [md(view.area_label(a.area_id)) for a in c.areas] + ["overall"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- |" + " ---: |" * (len(header) - 1))
    for m in c.members:
        cells = [score_text(cell.score) for cell in m.cells]
        lines.append("| " + " | ".join([md(m.label), *cells, score_text(m.overall)]) + " |")
    lines += ["", "## Most common gaps", ""]
    for g in c.common_gaps[: view.top]:
        lines.append(f"- **{md(g.title)}** ({md(g.area_title)}): {g.members} of {c.size}, mean gap {g.mean_gap:.1f}")
    lines += ["", "## Agenda for group sessions", ""]
    for i, a in enumerate(c.agenda, 1):
        lines.append(f"{i}. **{md(a.title)}**: serves {a.members} of {c.size} ({md(', '.join(a.labels))})")
    lines.append("")
    return "\n".join(lines)


# HTML ---------------------------------------------------------------------------------------------

BUCKETS = ((25.0, "#f4cfc4"), (50.0, "#fbe3bd"), (75.0, "#e2eed6"), (101.0, "#c4e2cc"))


def _shade(score: float | None) -> str:
    if score is None:
        return "#f1f2f4"
    for upper, colour in BUCKETS:
        if score < upper:
            return colour
    return BUCKETS[-1][1]


def render_cohort_html(view: CohortView) -> str:
    c, fw = view.cohort, view.framework
    title = f"Cohort of {c.size}: {fw.short_title or fw.title}"
    body = [
        f"<header><h1>{e(title)}</h1>",
        f'<p class="meta">Against {e(c.profile_title)} · {view.generated_on.isoformat()}'
        + (f" · members shown by {c.anonymise.value}" if view.anonymised else "")
        + "</p></header>",
        "<section><h2>Heat map</h2>",
        '<p class="note">Each cell is the member\'s score in the area (0–100 over the skills they rated; – when none). '
        "Paler red is further from the target profile.</p>",
        '<table class="heat"><thead><tr><th>member</th>',
    ]
    for a in c.areas:
        body.append(f'<th class=n title="{e(a.title)}">{e(view.area_label(a.area_id))}</th>')
    body.append("<th class=n>overall</th><th class=n>below target</th></tr></thead><tbody>")
    for m in c.members:
        body.append(f"<tr><td>{e(m.label)}</td>")
        for cell in m.cells:
            tip = f"gap {cell.gap:.1f} steps, {cell.rated}/{cell.total} rated"
            body.append(
                f'<td class="cell" style="background:{_shade(cell.score)}" title="{e(tip)}">'
                f"{score_text(cell.score)}</td>"
            )
        body.append(f"<td class=n>{score_text(m.overall)}</td><td class=n>{m.gaps}</td></tr>")
    body.append("<tr><td><em>cohort mean</em></td>")
    for a in c.areas:
        body.append(f'<td class="cell"><em>{score_text(a.mean_score)}</em></td>')
    body.append("<td></td><td></td></tr></tbody></table>")
    key = [(view.area_label(a.area_id), a.title) for a in c.areas if view.area_label(a.area_id) != a.title]
    if key:  # the codes are printed with their names: a title attribute does not reach paper
        body.append(
            '<p class="note"><strong>Key:</strong> '
            + " · ".join(f"{e(code)} {e(title)}" for code, title in key)
            + "</p>"
        )
    body.append("</section>")

    body.append("<section><h2>Most common gaps</h2>")
    if c.common_gaps:
        body.append(
            "<table><thead><tr><th>skill</th><th>area</th><th class=n>members</th><th class=n>mean gap</th>"
            "<th>who</th></tr></thead><tbody>"
        )
        for g in c.common_gaps[: view.top]:
            body.append(
                f"<tr><td>{e(g.title)}</td><td>{e(g.area_title)}</td><td class=n>{g.members} of {c.size}</td>"
                f"<td class=n>{g.mean_gap:.1f}</td><td>{e(', '.join(g.labels))}</td></tr>"
            )
        body.append("</tbody></table>")
    else:
        body.append("<p>No member is below target in any rated skill.</p>")
    body.append("</section>")

    body.append("<section><h2>Agenda for group sessions</h2>")
    body.append(
        '<p class="note">Activities from the catalog picked one at a time, each adding the most to the cohort '
        "given the ones before it.</p>"
    )
    body.append(_html_reach(c.agenda, c.size, added=True) if c.agenda else "<p>No activity serves these gaps.</p>")
    body.append("</section><section><h2>Activities serving the most members</h2>")
    body.append(_html_reach(c.activities[: view.top], c.size) if c.activities else "<p>None.</p>")
    body.append("</section>")
    if view.skipped:
        body.append("<section><h2>Packets left out</h2>")
        if view.anonymised:
            body.append(f"<p>{len(view.skipped)} file(s) could not be used.</p>")
        else:
            body.append("<ul>" + "".join(f"<li>{e(p.format())}</li>" for p in view.skipped) + "</ul>")
        body.append("</section>")
    return html_page(title, body)


def _html_reach(items: Sequence[ActivityReach], size: int, *, added: bool = False) -> str:
    out = [
        "<table><thead><tr><th>activity</th><th>format</th><th class=n>cost</th><th class=n>hours</th>"
        "<th class=n>serves</th>" + ("<th class=n>adds</th>" if added else "") + "<th>who</th></tr></thead><tbody>"
    ]
    for a in items:
        cost = "free" if a.cost_usd == 0 else f"${a.cost_usd:,}"
        out.append(
            f"<tr><td>{e(a.title)}</td><td>{e(a.format.value)}</td><td class=n>{cost}</td><td class=n>{a.hours:g}</td>"
            f"<td class=n>{a.members} of {size}</td>"
            + (f"<td class=n>{a.added_value:.0f}</td>" if added else "")
            + f"<td>{e(', '.join(a.labels))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)
