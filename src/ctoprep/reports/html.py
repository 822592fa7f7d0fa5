"""A self-contained HTML report: one file, no scripts, no fonts or images from anywhere, prints well.

Score bars per area (current against target), a radar chart of the areas in inline SVG, the exam
content areas, the gap table and, when planned, the month-by-month PD plan. Every piece of text from
a file or a person goes through :func:`e` (HTML-escaped, control characters made visible).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ctoprep import __version__

if TYPE_CHECKING:
    from ctoprep.core.gaps import SkillGap
from ctoprep.core.text import plural, printable
from ctoprep.reports import (
    ReportContext,
    fmt_hours,
    fmt_level,
    fmt_money,
    fmt_score,
    fmt_target,
    month_span,
)

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d7dce5; --current: #2f6fb3; --target: #c2571a;
        --good: #2c7a4b; --soft: #eef2f8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta, .note, figcaption, .legend { color: var(--muted); font-size: .9rem; }
.summary { display: flex; gap: 2rem; flex-wrap: wrap; align-items: baseline; }
.big { font-size: 2.4rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
.scroll { overflow-x: auto; }
th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { position: relative; height: .9rem; background: var(--soft); border-radius: 3px; min-width: 9rem; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--current); border-radius: 3px; }
.bar .tick { position: absolute; top: -.2rem; bottom: -.2rem; width: 3px; background: var(--target); }
.swatch { display: inline-block; width: .8rem; height: .8rem; vertical-align: -.1rem; margin: 0 .25rem 0 .8rem; }
.thin { color: var(--muted); font-style: italic; }
.chart { display: flex; justify-content: center; }
.chart svg { max-width: 34rem; width: 100%; height: auto; }
.gantt td.on { background: var(--current); }
.gantt td.m { width: 2.2rem; border-left: 1px solid #fff; }
ul.plain { padding-left: 1.1rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line);
         padding-top: .6rem; }
.noprint { margin-top: 2rem; }
@media (max-width: 40rem) {
  main { padding: 1rem .6rem 2rem; }
  th, td { padding: .25rem .3rem; }
  .bar { min-width: 5rem; }
}
@media print {
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  figure, tr, .summary { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .noprint { display: none; }
  #print-appendix:not(:checked) ~ .appendix { display: none; }
  .appendix { break-before: page; }
  .glance { float: right; width: 14rem; margin: 0 0 0 .8rem; }
  .glance .chart { display: block; margin: 0; }
  .glance .chart svg { max-width: 14rem; }
  .glance h2 { display: none; }
  .glance .legend { font-size: 6.5pt; }
  .why { display: none; }
  .scroll { overflow: visible; }  /* a scrolling box cannot break across pages */
  .areas { overflow: hidden; }
  .areas .barcol, .areas .legend { display: none; }
  h2 { margin-top: .9rem; }
  .big { font-size: 1.6rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { margin: 14mm; }
"""


def e(text: str) -> str:
    """Text from a file or a person, safe inside HTML."""
    return html.escape(printable(text, single_line=True), quote=True)


def _bar(current: float | None, target: float | None) -> str:
    fill = f'<div class="fill" style="width:{max(0.0, min(current, 100.0)):.1f}%"></div>' if current is not None else ""
    tick = (
        f'<div class="tick" style="left:calc({max(0.0, min(target, 100.0)):.1f}% - 1px)"></div>'
        if target is not None
        else ""
    )
    label = f"current {fmt_score(current)}" + (f", target {fmt_score(target)}" if target is not None else "")
    return f'<div class="bar" role="img" aria-label="{label}">{fill}{tick}</div>'


def radar_svg(labels: list[str], current: list[float | None], target: list[float | None]) -> str:
    """A radar chart of scores 0–100 per area: current (filled) and target (dashed)."""
    n = len(labels)
    size, cx, cy, radius = 520, 260, 250, 170

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(value, 100.0)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size - 20}" role="img" '
        'aria-label="Radar chart of the skill areas, current against target">'
    ]
    for ring in (25, 50, 75, 100):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#d7dce5" stroke-width="1"/>')
    for i in range(n):
        x, y = point(i, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d7dce5" stroke-width="1"/>')
    if any(t is not None for t in target):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, t or 0.0) for i, t in enumerate(target)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#c2571a" stroke-width="2" stroke-dasharray="6 4"/>')
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, c or 0.0) for i, c in enumerate(current)))
    parts.append(f'<polygon points="{pts}" fill="#2f6fb3" fill-opacity="0.25" stroke="#2f6fb3" stroke-width="2"/>')
    for i, c in enumerate(current):
        x, y = point(i, c or 0.0)
        fill = "#2f6fb3" if c is not None else "#fff"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}" stroke="#2f6fb3"/>')
    for i, label in enumerate(labels):
        x, y = point(i, 118)
        anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
        suffix = "" if current[i] is not None else " (not rated)"
        parts.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="12" fill="#1d2330">'
            f"{e(label)}{suffix}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(ctx: ReportContext) -> str:
    fw, a, scores, gaps, plan = ctx.framework, ctx.assessment, ctx.scores, ctx.gaps, ctx.plan
    who = a.person or "Unnamed"
    title = f"{who}: {fw.short_title or fw.title}"
    out: list[str] = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<header><h1>{e(title)}</h1>",
    ]
    rater = "Self-assessment" if a.rater.role.value == "self" else f"Rated by mentor {a.rater.name}".rstrip()
    meta = [e(rater), f"updated {a.updated_at.date().isoformat()}", f"report of {ctx.generated_on.isoformat()}"]
    if gaps is not None:
        meta.append(f"target profile: {e(gaps.profile_title)}")
    out.append(f'<p class="meta">{" · ".join(meta)}</p></header>')

    o = scores.overall
    out.append('<section class="summary">')
    out.append(
        f'<div><div class="big">{fmt_score(o.score)}<small>/100</small></div><div class="note">overall</div></div>'
    )
    if scores.exam is not None:
        out.append(
            f'<div><div class="big">{fmt_score(scores.exam.score)}<small>/100</small></div>'
            '<div class="note">weighted as the exam weighs the areas</div></div>'
        )
    out.append(
        f'<div><div class="big">{o.rated}<small>/{o.total}</small></div><div class="note">skills rated, '
        f"{o.with_evidence} with evidence</div></div>"
    )
    out.append("</section>")
    if o.reason:
        out.append(f'<p class="thin">{e(o.reason.capitalize())}: scores are over the rated skills only.</p>')

    # areas: bars and chart
    area_gaps = {g.area_id: g for g in gaps.areas} if gaps else {}
    if len(scores.areas) >= 3:
        labels = [fw.area_by_id[g.id].code or g.title for g in scores.areas]
        out.append('<section class="glance"><h2>The areas at a glance</h2><figure class="chart">')
        out.append(
            radar_svg(
                labels,
                [g.score for g in scores.areas],
                [area_gaps[g.id].target_score if g.id in area_gaps else None for g in scores.areas],
            )
        )
        out.append("</figure>")
        if any(fw.area_by_id[g.id].code for g in scores.areas):
            keys = ", ".join(f"{e(ar.code)}: {e(ar.title)}" for ar in fw.areas if ar.code)
            out.append(f'<p class="legend">{keys}</p>')
        out.append("</section>")

    out.append('<section class="areas"><h2>Skill areas: current and target</h2>')
    out.append(
        '<p class="legend"><span class="swatch" style="background:#2f6fb3"></span>current'
        '<span class="swatch" style="background:#c2571a"></span>target (the profile\'s minimum, averaged)</p>'
    )
    out.append(
        '<table><thead><tr><th>Area</th><th class="barcol">Current against target</th><th class="n">Score</th>'
        '<th class="n">Target</th><th class="n">Gap</th><th class="n">Rated</th><th class="n">Evidence</th>'
        "</tr></thead><tbody>"
    )
    for g in scores.areas:
        ag = area_gaps.get(g.id)
        target = ag.target_score if ag else None
        note = f'<div class="thin">{e(g.reason)}</div>' if g.reason else ""
        gap = fmt_level(ag.gap) if ag and ag.targeted else "—"
        out.append(
            f'<tr><td>{e(g.title)}{note}</td><td class="barcol">{_bar(g.score, target)}</td>'
            f'<td class="n">{fmt_score(g.score)}</td><td class="n">{fmt_score(target)}</td>'
            f'<td class="n">{gap}</td><td class="n">{g.rated}/{g.total}</td><td class="n">{g.with_evidence}</td></tr>'
        )
    out.append("</tbody></table></section>")

    if scores.content_areas:
        out.append("<section><h2>Exam content areas</h2>")
        out.append(
            '<table><thead><tr><th>Content area</th><th class="n">Weight</th><th>Current</th><th class="n">Score</th>'
            '<th class="n">Rated</th></tr></thead><tbody>'
        )
        for g in scores.content_areas:
            note = f'<div class="thin">{e(g.reason)}</div>' if g.reason else ""
            out.append(
                f'<tr><td>{e(g.title)}{note}</td><td class="n">{g.weight or 0:g}%</td><td>{_bar(g.score, None)}</td>'
                f'<td class="n">{fmt_score(g.score)}</td><td class="n">{g.rated}/{g.total}</td></tr>'
            )
        out.append("</tbody></table></section>")

    appendix: list[str] = []
    if gaps is not None:
        top = gaps.top(ctx.top)
        out.append(f"<section><h2>Top gaps against {e(gaps.profile_title)}</h2>")
        if top:
            out.append(_gap_table(top, 1))
            out.append(
                '<p class="note">Priority = levels below target x the value of one level (100 / the scale\'s '
                "steps x the profile's importance x the area's exam weight)."
                + (f" All {len(gaps.gaps)} gaps are in the appendix." if len(gaps.gaps) > len(top) else "")
                + "</p>"
            )
        else:
            out.append("<p>No rated skill is below its target.</p>")
        out.append("</section>")
        rest = gaps.gaps[len(top) :]
        if rest:
            appendix.append(f"<section><h3>The other {len(rest)} gaps</h3>{_gap_table(rest, len(top) + 1)}</section>")
        if gaps.strengths:
            appendix.append("<section><h3>Strengths</h3><ul class='plain'>")
            appendix.extend(f"<li>{e(sg.reason)}</li>" for sg in gaps.strengths)
            appendix.append("</ul></section>")
        if gaps.not_rated:
            appendix.append(f"<section><h3>Not yet rated ({len(gaps.not_rated)})</h3>")
            appendix.append(f'<p class="note">{", ".join(e(sg.title) for sg in gaps.not_rated)}</p></section>')

    if plan is not None:
        plan_parts, left_out = _plan_html(ctx)
        out.extend(plan_parts)
        appendix.extend(left_out)

    if appendix:
        # the first pages are the summary a CTO would send; the appendix prints only when asked for
        out.append(
            '<input type="checkbox" id="print-appendix" class="noprint">'
            '<label for="print-appendix" class="noprint note"> include the appendix when printing</label>'
        )
        out.append('<div class="appendix"><h2>Appendix</h2>')
        out.extend(appendix)
        out.append("</div>")

    out.append(
        f"<footer>Made with ctoprep {e(__version__)}, offline. ctoprep is independent of CoSN; CETL is a "
        f"trademark of CoSN. Framework: {e(fw.title)} ({e(fw.version)}).</footer>"
    )
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _why(gap: SkillGap) -> str:
    """The reason without the skill and area the row already shows."""
    prefix = f"{gap.title} ({gap.area_title}): "
    return gap.reason.removeprefix(prefix)


def _gap_table(rows: Sequence[SkillGap], first: int) -> str:
    parts = [
        '<div class="scroll"><table><thead><tr><th class="n">#</th><th>Skill</th><th class="n">Now</th>'
        '<th class="n">Target</th><th class="n">Priority</th><th>Why</th></tr></thead><tbody>'
    ]
    for i, sg in enumerate(rows, first):
        parts.append(
            f'<tr><td class="n">{i}</td><td>{e(sg.title)}<div class="thin">{e(sg.area_title)}</div></td>'
            f'<td class="n">{sg.current}</td><td class="n">{fmt_target(sg.target_min, sg.target_max)}</td>'
            f'<td class="n">{sg.priority:.0f}</td><td>{e(_why(sg))}</td></tr>'
        )
    parts.append("</tbody></table></div>")
    return "".join(parts)


def _plan_html(ctx: ReportContext) -> tuple[list[str], list[str]]:
    """The plan for the summary, and the activities it left out for the appendix."""
    plan = ctx.plan
    assert plan is not None
    lim = plan.limits
    out = [
        "<section><h2>PD plan</h2>",
        f'<p class="meta">Budget ${lim.budget_usd:,}, {fmt_hours(lim.hours_per_month)} a month for '
        f"{plural(lim.months, 'month')} from {lim.start.isoformat()}. Uses ${plan.total_cost:,} and "
        f"{fmt_hours(plan.total_hours)}.</p>",
    ]
    if plan.notes:
        out.append("<ul class='plain'>" + "".join(f"<li>{e(n)}</li>" for n in plan.notes) + "</ul>")
    if plan.activities:
        heads = "".join(f'<th class="m">{m.starts_on.strftime("%b")}</th>' for m in plan.months)
        out.append(f'<table class="gantt"><thead><tr><th>Activity</th>{heads}</tr></thead><tbody>')
        for p in plan.activities:
            cells = "".join(
                f'<td class="m{" on" if p.start_month <= m.index <= p.end_month else ""}"></td>' for m in plan.months
            )
            out.append(f"<tr><td>{e(p.title)}</td>{cells}</tr>")
        hours = "".join(f'<td class="m n">{m.hours:.0f}</td>' for m in plan.months)
        out.append(f'<tr><td class="note">hours</td>{hours}</tr></tbody></table>')
        out.append("<h3>The activities</h3>")
        out.append(
            '<table><thead><tr><th>Activity</th><th>When</th><th class="n">Hours</th><th class="n">Cost</th>'
            '<th class="why">Why</th><th>Evidence it produces</th><th>Re-rate</th></tr></thead><tbody>'
        )
        for p in plan.activities:
            out.append(
                f"<tr><td>{e(p.title)}</td><td>{month_span(p.starts_on, p.ends_on)}</td>"
                f'<td class="n">{fmt_hours(p.hours)}</td><td class="n">{fmt_money(p.cost_usd)}</td>'
                f"<td class='why'>{e(p.why)}</td><td>{e(p.produces) or '—'}</td><td>{p.rerate_on.isoformat()}</td></tr>"
            )
        out.append("</tbody></table>")
    useful = [lo for lo in plan.left_out if lo.kind.value != "covered"]
    left: list[str] = []
    if useful:
        out.append(f'<p class="note">{len(useful)} other activities were considered and left out (appendix).</p>')
        left.append(f"<section><h3>Activities the plan left out ({len(useful)})</h3>")
        left.append(
            '<div class="scroll"><table><thead><tr><th>Activity</th><th class="n">Cost</th><th class="n">Hours</th>'
            "<th>Why not</th></tr></thead><tbody>"
        )
        for lo in useful:
            left.append(
                f'<tr><td>{e(lo.title)}</td><td class="n">{fmt_money(lo.cost_usd)}</td>'
                f'<td class="n">{fmt_hours(lo.hours)}</td><td>{e(lo.reason)}</td></tr>'
            )
        left.append("</tbody></table></div></section>")
    out.append("</section>")
    return out, left
