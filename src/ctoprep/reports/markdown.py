"""A Markdown report, for pasting into an e-mail to a mentor or a shared document.

Text from files and people is escaped so that it reads as written (never as a link, a table cell
break or emphasis) and control characters are made visible.
"""

from __future__ import annotations

import re

from ctoprep.core.text import plural, printable
from ctoprep.reports import (
    ReportContext,
    fmt_hours,
    fmt_level,
    fmt_money,
    fmt_score,
    fmt_target,
    month_label,
    month_span,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Plain text made inert inside Markdown (one line; table-safe)."""
    return _SPECIAL.sub(r"\\\1", printable(text, single_line=True))


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    spec = [("---:" if align[i : i + 1] == "r" else "---") for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(spec) + " |"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def render_markdown(ctx: ReportContext) -> str:
    fw, a, scores, gaps, plan = ctx.framework, ctx.assessment, ctx.scores, ctx.gaps, ctx.plan
    lines: list[str] = []
    who = md(a.person) or "Unnamed"
    lines.append(f"# {who}: {md(fw.short_title or fw.title)}")
    lines.append("")
    rater = "self-assessment" if a.rater.role.value == "self" else f"rated by mentor {md(a.rater.name)}".rstrip()
    meta = [rater, f"updated {a.updated_at.date().isoformat()}", f"report of {ctx.generated_on.isoformat()}"]
    if gaps is not None:
        meta.append(f"target profile: {md(gaps.profile_title)}")
    lines.append("_" + "; ".join(meta) + "_")
    lines.append("")
    o = scores.overall
    lines.append(
        f"**Overall: {fmt_score(o.score)} / 100** ({o.rated} of {o.total} skills rated, "
        f"{o.with_evidence} with evidence)" + (f". {md(o.reason.capitalize())}." if o.reason else "")
    )
    if scores.exam is not None and scores.exam.score is not None:
        lines.append("")
        lines.append(f"Weighted as the exam weighs the areas: **{fmt_score(scores.exam.score)} / 100**.")

    if scores.content_areas:
        lines += ["", "## Exam content areas", ""]
        rows = [
            [md(g.title), f"{g.weight:g}%", fmt_score(g.score), f"{g.rated}/{g.total}", md(g.reason)]
            for g in scores.content_areas
        ]
        lines += _table(["Content area", "Weight", "Score", "Rated", "Note"], rows, "lrrrl")

    lines += ["", "## Skill areas", ""]
    area_gaps = {g.area_id: g for g in gaps.areas} if gaps else {}
    rows = []
    for g in scores.areas:
        ag = area_gaps.get(g.id)
        rows.append(
            [
                md(g.title),
                fmt_score(g.score),
                fmt_score(ag.target_score) if ag else "—",
                fmt_level(ag.gap) if ag and ag.gap else ("0" if ag and ag.targeted else "—"),
                f"{g.rated}/{g.total}",
                str(g.with_evidence),
                md(g.reason),
            ]
        )
    lines += _table(["Area", "Score", "Target", "Gap (levels)", "Rated", "Evidence", "Note"], rows, "lrrrrrl")

    if gaps is not None:
        lines += ["", f"## Top gaps against {md(gaps.profile_title)}", ""]
        top = gaps.top(ctx.top)
        if top:
            rows = [
                [
                    str(i),
                    md(g.title),
                    md(g.area_title),
                    str(g.current),
                    fmt_target(g.target_min, g.target_max),
                    f"{g.priority:.0f}",
                ]
                for i, g in enumerate(top, 1)
            ]
            lines += _table(["#", "Skill", "Area", "Now", "Target", "Priority"], rows, "rllrrr")
            lines.append("")
            lines += [f"{i}. {md(g.reason)}" for i, g in enumerate(top, 1)]
            if len(gaps.gaps) > len(top):
                lines += ["", f"_{len(gaps.gaps) - len(top)} more gap(s) in the full report (JSON or HTML)._"]
        else:
            lines.append("No rated skill is below its target.")
        if gaps.strengths:
            lines += ["", "## Strengths", ""]
            lines += [f"- {md(g.reason)}" for g in gaps.strengths[: ctx.top]]
        if gaps.not_rated:
            lines += ["", f"## Not yet rated ({len(gaps.not_rated)})", ""]
            lines.append(", ".join(md(g.title) for g in gaps.not_rated))

    if plan is not None:
        lines += ["", *plan_markdown(ctx)]
    return "\n".join(lines).rstrip() + "\n"


def plan_markdown(ctx: ReportContext) -> list[str]:
    plan = ctx.plan
    assert plan is not None
    lim = plan.limits
    lines = [
        "## PD plan",
        "",
        f"_Budget ${lim.budget_usd:,}, {fmt_hours(lim.hours_per_month)} a month for {plural(lim.months, 'month')} "
        f"from {lim.start.isoformat()}. Uses ${plan.total_cost:,} and "
        f"{fmt_hours(plan.total_hours)}._",
    ]
    if plan.notes:
        lines.append("")
        lines += [f"- {md(n)}" for n in plan.notes]
    if plan.activities:
        lines += ["", "### Month by month", ""]
        rows = []
        for m in plan.months:
            starting = ", ".join(md(ctx.framework.activity_by_id[i].title) for i in m.starting) or "—"
            rerate = ", ".join(md(ctx.framework.skill_by_id[s].title) for s in m.rerate) or "—"
            cost = fmt_money(m.cost_usd) if m.cost_usd else "—"
            rows.append([month_label(m.starts_on), starting, fmt_hours(m.hours), cost, rerate])
        lines += _table(["Month", "Starting", "Hours", "Cost", "Re-rate"], rows, "llrrl")
        lines += ["", "### The activities", ""]
        for p in plan.activities:
            lines.append(
                f"- **{md(p.title)}** ({month_span(p.starts_on, p.ends_on)}, "
                f"{fmt_hours(p.hours)}, {fmt_money(p.cost_usd)}): {md(p.why)}."
            )
            if p.produces:
                lines.append(f"  Evidence: {md(p.produces).rstrip('.')}. Re-rate on {p.rerate_on.isoformat()}.")
            else:
                lines.append(f"  Re-rate on {p.rerate_on.isoformat()}.")
    useful = [lo for lo in plan.left_out if lo.kind.value != "covered"]
    if useful:
        lines += ["", "### Left out", ""]
        lines += [
            f"- {md(lo.title)} ({fmt_money(lo.cost_usd)}, {fmt_hours(lo.hours)}): {md(lo.reason)}"
            for lo in useful[: max(ctx.top, 5)]
        ]
        if len(useful) > max(ctx.top, 5):
            lines.append(f"- _and {len(useful) - max(ctx.top, 5)} more_")
    return lines
