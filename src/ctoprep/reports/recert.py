"""The recertification summary to submit: Markdown and HTML, built from one :class:`RecertSummary`."""

from __future__ import annotations

from ctoprep.core.recert import RecertSummary
from ctoprep.reports.html import CSS, e
from ctoprep.reports.markdown import _table, md


def _hours(value: float) -> str:
    return f"{value:g}"


def _cap(value: float | None) -> str:
    return "no cap" if value is None else _hours(value)


def recert_markdown(summary: RecertSummary, who: str = "") -> str:
    rules = summary.rules
    title = f"# {md(rules.title)}: activity log"
    lines = [title, ""]
    if who:
        lines += [f"**Certificant:** {md(who)}  ", ""]
    lines += [
        f"Cycle {summary.start.isoformat()} to {summary.end.isoformat()} ({rules.cycle_years} years). "
        f"Counted {_hours(summary.counted)} of {_hours(rules.required_hours)} hours"
        + (
            " - requirement met."
            if summary.met
            else f"; {_hours(summary.remaining)} to go, {summary.days_left} days left."
        ),
        "",
        "## Hours by category",
        "",
    ]
    rows = [
        [md(t.category.title), str(t.entries), _hours(t.logged), _cap(t.category.max_hours), _hours(t.counted)]
        for t in summary.totals
    ]
    lines += _table(["Category", "Entries", "Logged", "Cap", "Counted"], rows, "lrrrr")
    lines += ["", "## Activities", ""]
    by_id = rules.category_by_id
    rows = [
        [
            x.earned_on.isoformat(),
            md(by_id[x.category].title if x.category in by_id else x.category),
            md(x.title),
            _hours(by_id[x.category].credited(x.amount) if x.category in by_id else 0),
            md(x.evidence) or "-",
        ]
        for x in summary.entries
        if x not in summary.outside
    ]
    lines += _table(["Date", "Category", "Activity", "Hours", "Evidence"], rows, "lllrl")
    if summary.outside:
        lines += ["", f"_{len(summary.outside)} logged activities fall outside this cycle and are not counted._"]
    lines += ["", "## Rules applied", ""]
    lines += [f"- {md(rule)}" for rule in rules.rules]
    unconfirmed = [c.title for c in rules.categories if not c.confirmed]
    if unconfirmed:
        lines.append(f"- Not confirmed against {md(rules.body)}'s page: {md(', '.join(unconfirmed))}.")
    lines += [
        "",
        f"_Rules as read from {md(rules.body)} ({rules.last_verified}): " + ", ".join(rules.sources) + "_",
        "",
    ]
    return "\n".join(lines)


def recert_html(summary: RecertSummary, who: str = "") -> str:
    rules = summary.rules
    by_id = rules.category_by_id
    status = (
        "Requirement met."
        if summary.met
        else f"{_hours(summary.remaining)} hours to go, {summary.days_left} days left in the cycle."
    )
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(rules.title)}: activity log</title><style>{CSS}</style></head><body><main>",
        f"<h1>{e(rules.title)}: activity log</h1>",
    ]
    if who:
        parts.append(f"<p><strong>Certificant:</strong> {e(who)}</p>")
    parts.append(
        f"<p>Cycle {summary.start.isoformat()} to {summary.end.isoformat()}. Counted "
        f"<strong>{_hours(summary.counted)} of {_hours(rules.required_hours)}</strong> hours. {e(status)}</p>"
    )
    parts.append(
        '<h2>Hours by category</h2><div class="scroll"><table><thead><tr><th>Category</th><th>Entries</th>'
        "<th>Logged</th><th>Cap</th><th>Counted</th></tr></thead><tbody>"
    )
    for t in summary.totals:
        parts.append(
            f"<tr><td>{e(t.category.title)}</td><td class='n'>{t.entries}</td><td class='n'>{_hours(t.logged)}</td>"
            f"<td class='n'>{_cap(t.category.max_hours)}</td><td class='n'>{_hours(t.counted)}</td></tr>"
        )
    parts.append(
        '</tbody></table></div><h2>Activities</h2><div class="scroll"><table><thead><tr><th>Date</th>'
        "<th>Category</th><th>Activity</th><th>Hours</th><th>Evidence</th></tr></thead><tbody>"
    )
    for x in summary.entries:
        if x in summary.outside:
            continue
        category = by_id.get(x.category)
        hours = category.credited(x.amount) if category else 0
        parts.append(
            f"<tr><td>{x.earned_on.isoformat()}</td><td>{e(category.title if category else x.category)}</td>"
            f"<td>{e(x.title)}</td><td class='n'>{_hours(hours)}</td><td>{e(x.evidence) or '-'}</td></tr>"
        )
    parts.append("</tbody></table></div><h2>Rules applied</h2><ul>")
    parts += [f"<li>{e(rule)}</li>" for rule in rules.rules]
    parts.append("</ul>")
    sources = ", ".join(e(s) for s in rules.sources)
    parts.append(f"<p class='note'>Rules as read from {e(rules.body)} ({e(rules.last_verified)}): {sources}</p>")
    parts.append("</main></body></html>\n")
    return "".join(parts)
