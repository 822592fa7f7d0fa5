"""Self vs mentor comparisons as Markdown, self-contained HTML and versioned JSON.

Self and mentor levels always appear side by side, never merged into one number. Text from files
and people (names, evidence, comments) is escaped for the target format and its control characters
made visible: it is shown as written, never interpreted as markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ctoprep import __version__
from ctoprep.core.comparison import AreaComparison, Comparison, PairKind, SkillPair
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.packets import PlanSummary
from ctoprep.core.text import plural, printable

COMPARISON_FORMAT = "ctoprep.comparison"
COMPARISON_SCHEMA_VERSION = 1

KIND_WORDS = {
    PairKind.AGREE: "agree",
    PairKind.BLIND_SPOT: "blind spot",
    PairKind.HIDDEN_STRENGTH: "hidden strength",
    PairKind.SELF_ONLY: "self only",
    PairKind.MENTOR_ONLY: "mentor only",
    PairKind.NEITHER: "not rated",
}
KIND_MARKS = {
    PairKind.AGREE: "=",
    PairKind.BLIND_SPOT: "▲",
    PairKind.HIDDEN_STRENGTH: "▼",
    PairKind.SELF_ONLY: "·",
    PairKind.MENTOR_ONLY: "·",
    PairKind.NEITHER: " ",
}
"""▲ self above the mentor (blind spot), ▼ self below (hidden strength): readable without color."""


@dataclass(frozen=True)
class ReviewView:
    """A comparison and what a mentor added to it: comments, a summary, agreed targets and plan."""

    framework: Framework
    comparison: Comparison
    generated_on: date
    comments: Mapping[str, str] = field(default_factory=dict)
    summary: str = ""
    profile: Profile | None = None
    """The agreed target profile, when the review set one."""
    plan: PlanSummary | None = None

    def target_of(self, skill_id: str) -> str:
        if self.profile is None:
            return ""
        t = self.profile.skill_targets.get(skill_id)
        if t is None:
            return ""
        return str(t.min) if t.min == t.max else f"{t.min}–{t.max}"


def lvl(level: int | None) -> str:
    return "—" if level is None else str(level)


def num(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{places}f}"


def signed(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if abs(value) >= 0.05 else "0"


def kappa_text(view: ReviewView) -> str:
    ag = view.comparison.agreement
    return "—" if ag.kappa is None else f"{ag.kappa:.2f}"


# JSON ---------------------------------------------------------------------------------------------


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def _pair(p: SkillPair, view: ReviewView) -> dict[str, Any]:
    return {
        "skill": p.skill_id,
        "title": p.title,
        "area": p.area_id,
        "self": p.self_level,
        "mentor": p.mentor_level,
        "difference": p.difference,
        "kind": p.kind.value,
        "self_evidence": p.self_evidence,
        "mentor_evidence": p.mentor_evidence,
        "self_confidence": p.self_confidence.value if p.self_confidence else None,
        "mentor_confidence": p.mentor_confidence.value if p.mentor_confidence else None,
        "comment": view.comments.get(p.skill_id, ""),
        "agreed_target": view.target_of(p.skill_id) or None,
    }


def _area(a: AreaComparison) -> dict[str, Any]:
    return {
        "area": a.area_id,
        "title": a.title,
        "total": a.total,
        "both_rated": a.both_rated,
        "self_rated": a.self_rated,
        "mentor_rated": a.mentor_rated,
        "self_mean": _round(a.self_mean),
        "mentor_mean": _round(a.mentor_mean),
        "mean_difference": _round(a.mean_difference),
        "agree": a.agree,
        "blind_spots": a.blind_spots,
        "hidden_strengths": a.hidden_strengths,
        "reading": a.reading,
    }


def comparison_document(view: ReviewView) -> dict[str, Any]:
    c, ag = view.comparison, view.comparison.agreement
    return {
        "format": COMPARISON_FORMAT,
        "schema_version": COMPARISON_SCHEMA_VERSION,
        "generated_by": f"ctoprep {__version__}",
        "generated_on": view.generated_on.isoformat(),
        "framework": {"id": c.framework_id, "version": c.framework_version},
        "scale": list(c.scale_values),
        "person": c.person,
        "mentor": c.mentor,
        "self_assessment": c.self_assessment_id,
        "mentor_assessment": c.mentor_assessment_id,
        "agreement": {
            "statistic": "cohen-kappa-linear",
            "both_rated": ag.both_rated,
            "levels": ag.levels,
            "kappa": _round(ag.kappa),
            "band": ag.band or None,
            "observed": _round(ag.observed),
            "expected": _round(ag.expected),
            "exact": ag.exact,
            "within_one": ag.within_one,
            "exact_share": _round(ag.exact_share),
            "within_one_share": _round(ag.within_one_share),
            "mean_difference": _round(ag.mean_difference),
            "matrix": [list(row) for row in ag.matrix],
            "reading": ag.reading,
        },
        "areas": [_area(a) for a in c.areas],
        "skills": [_pair(p, view) for p in c.skills],
        "blind_spots": [p.skill_id for p in c.blind_spots],
        "hidden_strengths": [p.skill_id for p in c.hidden_strengths],
        "summary": view.summary,
        "profile": view.profile.id if view.profile else None,
        "plan": view.plan.model_dump(mode="json") if view.plan else None,
    }


def render_comparison_json(view: ReviewView) -> str:
    return json.dumps(comparison_document(view), indent=2, ensure_ascii=False) + "\n"


# Markdown -----------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Text from a file or a person made inert inside Markdown (one line, table-safe)."""
    return _MD_SPECIAL.sub(r"\\\1", printable(text, single_line=True))


def _md_table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    spec = ["---:" if align[i : i + 1] == "r" else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(spec) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _who(view: ReviewView) -> tuple[str, str]:
    c = view.comparison
    return c.person or "Unnamed", c.mentor or "the mentor"


def render_comparison_markdown(view: ReviewView) -> str:
    c, ag, fw = view.comparison, view.comparison.agreement, view.framework
    person, mentor = _who(view)
    lines = [
        f"# {md(person)}: self-ratings beside {md(mentor)}'s",
        "",
        f"_{md(fw.short_title or fw.title)} {md(c.framework_version)}; comparison of {view.generated_on.isoformat()}_",
        "",
        f"**Agreement: {ag.band or 'not measurable'}** (linear-weighted kappa {kappa_text(view)}, "
        f"{ag.both_rated} skills rated by both).",
        "",
        md(ag.reading),
    ]
    if view.summary.strip():
        lines += ["", "## The mentor's summary", ""]
        lines += [md(line) or "" for line in view.summary.splitlines()]
    lines += ["", "## Skill areas", ""]
    lines += _md_table(
        ["area", "both rated", "self mean", "mentor mean", "self − mentor", "blind spots", "hidden strengths"],
        [
            [
                md(a.title),
                f"{a.both_rated}/{a.total}",
                num(a.self_mean),
                num(a.mentor_mean),
                signed(a.mean_difference),
                str(a.blind_spots),
                str(a.hidden_strengths),
            ]
            for a in c.areas
        ],
        "lrrrrrr",
    )
    for title, pairs, empty in (
        ("Blind spots (rated higher by self)", c.blind_spots, "None."),
        ("Hidden strengths (rated higher by the mentor)", c.hidden_strengths, "None."),
    ):
        lines += ["", f"## {title}", ""]
        if not pairs:
            lines.append(empty)
            continue
        for p in pairs:
            lines.append(
                f"- **{md(p.title)}** ({md(p.area_title)}): self {lvl(p.self_level)}, mentor {lvl(p.mentor_level)}"
            )
            lines += _md_evidence(p, view)
    lines += ["", "## Every skill", ""]
    has_targets = view.profile is not None
    header = ["skill", "area", "self", "mentor", ""] + (["agreed target"] if has_targets else []) + ["comment"]
    rows = []
    for p in c.skills:
        row = [md(p.title), md(p.area_title), lvl(p.self_level), lvl(p.mentor_level), KIND_WORDS[p.kind]]
        if has_targets:
            row.append(view.target_of(p.skill_id) or "—")
        row.append(md(view.comments.get(p.skill_id, "")))
        rows.append(row)
    lines += _md_table(header, rows, "llrr")
    if view.plan is not None:
        lines += ["", "## Agreed plan", ""]
        lines += _md_plan(view.plan)
    lines.append("")
    return "\n".join(lines)


def _md_evidence(p: SkillPair, view: ReviewView) -> list[str]:
    out = []
    if p.self_evidence.strip():
        out.append(f"  - self's evidence: {md(p.self_evidence)}")
    if p.mentor_evidence.strip():
        out.append(f"  - mentor's evidence: {md(p.mentor_evidence)}")
    comment = view.comments.get(p.skill_id, "")
    if comment.strip():
        out.append(f"  - mentor's comment: {md(comment)}")
    return out


def _md_plan(plan: PlanSummary) -> list[str]:
    lim = plan.limits
    lines = [
        f"Budget ${lim.budget_usd:,}, {lim.hours_per_month:g} h a month for {plural(lim.months, 'month')} from "
        f"{lim.start.isoformat()}; uses ${plan.total_cost:,} and {plan.total_hours:g} h, closing about "
        f"{plan.share_closed * 100:.0f}% of the priority-weighted gap (measured on the {plan.basis} ratings).",
        "",
    ]
    if not plan.activities:
        return [*lines, "No activity fits these limits."]
    return lines + _md_table(
        ["month", "activity", "cost", "hours", "why"],
        [
            [
                str(a.start_month + 1),
                md(a.title),
                "free" if a.cost_usd == 0 else f"${a.cost_usd:,}",
                f"{a.hours:g}",
                md(a.why),
            ]
            for a in plan.activities
        ],
        "rlrr",
    )


# HTML ---------------------------------------------------------------------------------------------

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""No scripts, fonts, images or requests of any kind: the file is inert wherever it is opened."""

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d7dce5; --self: #2f6fb3; --mentor: #c2571a; --soft: #eef2f8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0; background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.big { font-size: 1.8rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.self { color: var(--self); font-weight: 600; }
td.mentor { color: var(--mentor); font-weight: 600; }
tr.blind-spot td.kind { font-weight: 700; }
.ev { color: var(--muted); font-size: .88rem; }
.heat td.cell { text-align: center; font-variant-numeric: tabular-nums; min-width: 2.6rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line);
         padding-top: .6rem; }
.pairs { margin: .6rem 0 1rem; }
.pairs svg { width: 100%; max-width: 40rem; height: auto; }
.key { display: inline-block; width: .8rem; height: .8rem; vertical-align: -.1rem; margin: 0 .25rem 0 .8rem; }
@media (max-width: 40rem) {
  main { padding: 1rem .6rem 2rem; }
  table { display: block; overflow-x: auto; }
}
@media print { main { max-width: none; padding: 0; } tr, figure { break-inside: avoid; } h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def e(text: str) -> str:
    """Text from a file or a person, safe inside HTML (one line)."""
    return html.escape(printable(text, single_line=True), quote=True)


def e_lines(text: str) -> str:
    """Multi-line text from a person, safe inside HTML, line breaks kept."""
    return "<br>".join(html.escape(printable(line), quote=True) for line in text.splitlines())


def html_page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>{CSS}</style></head><body><main>",
            *body,
            f"<footer>Made with ctoprep {html.escape(__version__)}, offline. Not affiliated with CoSN.</footer>",
            "</main></body></html>",
            "",
        ]
    )


def render_comparison_html(view: ReviewView) -> str:
    c, ag, fw = view.comparison, view.comparison.agreement, view.framework
    person, mentor = _who(view)
    title = f"{person}: self-ratings beside {mentor}'s"
    body = [
        f"<header><h1>{e(title)}</h1>",
        f'<p class="meta">{e(fw.short_title or fw.title)} {e(c.framework_version)} · comparison of '
        f"{view.generated_on.isoformat()}</p></header>",
        "<section><h2>Agreement</h2>",
        f'<p><span class="big">{e(ag.band.capitalize() or "Not measurable")}</span> '
        f"· linear-weighted kappa {kappa_text(view)} · {ag.both_rated} skills rated by both</p>",
        f"<p>{e(ag.reading)}</p>",
        '<p class="note">Kappa compares agreement with what the two sets of ratings would give by chance; bands '
        "after Landis &amp; Koch (1977). Self and mentor levels are shown side by side and never averaged.</p>",
        "</section>",
    ]
    if view.summary.strip():
        body.append(f"<section><h2>The mentor's summary</h2><p>{e_lines(view.summary)}</p></section>")
    body.append("<section><h2>Skill areas</h2>")
    body.append(_pairs_chart(c.areas, view))
    body.append("<table><thead><tr><th>area</th><th class=n>both rated</th>")
    body.append(
        "<th class=n>self mean</th><th class=n>mentor mean</th><th class=n>self − mentor</th>"
        "<th class=n>blind spots</th><th class=n>hidden strengths</th></tr></thead><tbody>"
    )
    for a in c.areas:
        body.append(
            f"<tr><td>{e(a.title)}</td><td class=n>{a.both_rated}/{a.total}</td>"
            f'<td class="n self">{num(a.self_mean)}</td><td class="n mentor">{num(a.mentor_mean)}</td>'
            f"<td class=n>{signed(a.mean_difference)}</td><td class=n>{a.blind_spots}</td>"
            f"<td class=n>{a.hidden_strengths}</td></tr>"
        )
    body.append("</tbody></table></section>")
    for heading, pairs in (
        ("Blind spots (rated higher by self)", c.blind_spots),
        ("Hidden strengths (rated higher by the mentor)", c.hidden_strengths),
    ):
        body.append(f"<section><h2>{heading}</h2>")
        body.append(_html_pairs(pairs, view) if pairs else "<p>None.</p>")
        body.append("</section>")
    body.append("<section><h2>Every skill</h2>")
    body.append(_html_pairs(c.skills, view))
    body.append("</section>")
    if view.plan is not None:
        body.append("<section><h2>Agreed plan</h2>")
        body.append(_html_plan(view.plan))
        body.append("</section>")
    return html_page(title, body)


def _pairs_chart(areas: Sequence[AreaComparison], view: ReviewView) -> str:
    """Self and mentor means per area as paired bars (readable in gray: self solid, mentor hatched)."""
    top = max(view.framework.scale.values) or 1
    rows = [a for a in areas if a.self_mean is not None and a.mentor_mean is not None]
    if not rows:
        return ""
    label_w, bar_w, row_h = 230, 300, 26
    height = row_h * len(rows) + 10
    parts = [
        f'<figure class="pairs"><svg viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
        'aria-label="Self and mentor mean level per area">'
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="2" height="4" fill="#c2571a"/></pattern></defs>'
    ]
    for i, a in enumerate(rows):
        y = 5 + i * row_h
        self_w = bar_w * (a.self_mean or 0) / top
        mentor_w = bar_w * (a.mentor_mean or 0) / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{e(a.title)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{self_w:.1f}" height="9" fill="#2f6fb3"/>'
            f'<rect x="{label_w}" y="{y + 12}" width="{mentor_w:.1f}" height="9" fill="url(#hatch)" stroke="#c2571a"/>'
            f'<text x="{label_w + max(self_w, mentor_w) + 4:.1f}" y="{y + 15}" font-size="11">'
            f"{num(a.self_mean)} / {num(a.mentor_mean)}</text>"
        )
    parts.append("</svg>")
    parts.append(
        '<figcaption class="note"><span class="key" style="background:#2f6fb3"></span>self mean'
        '<span class="key" style="background:#c2571a"></span>mentor mean (hatched), over the skills both rated, '
        f"on the 0–{top} scale</figcaption></figure>"
    )
    return "".join(parts)


def _html_pairs(pairs: tuple[SkillPair, ...], view: ReviewView) -> str:
    has_targets = view.profile is not None
    rows = [
        "<table><thead><tr><th>skill</th><th class=n>self</th><th class=n>mentor</th><th></th>"
        + ("<th class=n>agreed target</th>" if has_targets else "")
        + "<th>evidence and comment</th></tr></thead><tbody>"
    ]
    for p in pairs:
        notes = []
        if p.self_evidence.strip():
            notes.append(f'<div class="ev">self: {e_lines(p.self_evidence)}</div>')
        if p.mentor_evidence.strip():
            notes.append(f'<div class="ev">mentor: {e_lines(p.mentor_evidence)}</div>')
        comment = view.comments.get(p.skill_id, "")
        if comment.strip():
            notes.append(f"<div>comment: {e_lines(comment)}</div>")
        rows.append(
            f'<tr class="{p.kind.value}"><td>{e(p.title)}<div class="ev">{e(p.area_title)}</div></td>'
            f'<td class="n self">{lvl(p.self_level)}</td><td class="n mentor">{lvl(p.mentor_level)}</td>'
            f'<td class="kind">{KIND_MARKS[p.kind]} {KIND_WORDS[p.kind]}</td>'
            + (f"<td class=n>{e(view.target_of(p.skill_id) or '—')}</td>" if has_targets else "")
            + f"<td>{''.join(notes)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _html_plan(plan: PlanSummary) -> str:
    lim = plan.limits
    out = [
        f"<p>Budget ${lim.budget_usd:,}, {lim.hours_per_month:g} h a month for {plural(lim.months, 'month')} from "
        f"{lim.start.isoformat()}; uses ${plan.total_cost:,} and {plan.total_hours:g} h, closing about "
        f"{plan.share_closed * 100:.0f}% of the priority-weighted gap (measured on the {plan.basis} ratings).</p>"
    ]
    if not plan.activities:
        out.append("<p>No activity fits these limits.</p>")
        return "".join(out)
    out.append(
        "<table><thead><tr><th class=n>month</th><th>activity</th><th class=n>cost</th><th class=n>hours</th>"
        "<th>why</th></tr></thead><tbody>"
    )
    for a in plan.activities:
        cost = "free" if a.cost_usd == 0 else f"${a.cost_usd:,}"
        out.append(
            f"<tr><td class=n>{a.start_month + 1}</td><td>{e(a.title)}</td><td class=n>{cost}</td>"
            f"<td class=n>{a.hours:g}</td><td>{e(a.why)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)
