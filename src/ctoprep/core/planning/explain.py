"""The plan in words: why an activity is in it, why others are left out, and its notes."""

from __future__ import annotations

from collections.abc import Sequence

from ctoprep.core.gaps import GapReport
from ctoprep.core.models.framework import Activity
from ctoprep.core.planning.layout import lay_out, min_monthly_load
from ctoprep.core.planning.models import Contribution, LeftOut, LeftOutReason, PlanLimits, PlannedActivity
from ctoprep.core.planning.selection import EPS, Item


def format_money(amount: float) -> str:
    return "free" if amount == 0 else f"${amount:,.0f}"


def format_hours(amount: float) -> str:
    return f"{amount:.1f}".rstrip("0").rstrip(".") + " h"


def why_chosen(activity: Activity, contributions: Sequence[Contribution], span: int) -> str:
    parts = [f"{c.title} (+{c.steps:g} level{'s' if c.steps > 1 else ''})" for c in contributions[:3]]
    more = len(contributions) - 3
    serves = "; ".join(parts) + (f" and {more} more" if more > 0 else "")
    pace = f"{format_hours(activity.hours)} over {span} month{'s' if span > 1 else ''}"
    if not contributions:
        return f"no gap left for it to close; {format_money(activity.cost_usd)}, {pace}"
    gaps = f"serves {len(contributions)} gaps" if len(contributions) > 1 else "serves 1 gap"
    return f"{gaps}: {serves}; {format_money(activity.cost_usd)}, {pace}"


def left_out_reasons(
    activities: Sequence[Activity],
    items: Sequence[Item],
    useful: Sequence[int],
    chosen: Sequence[int],
    infeasible: dict[int, tuple[LeftOutReason, str]],
    alone: Sequence[float],
    progress: Sequence[float],
    need: Sequence[float],
    weight: Sequence[float],
    limits: PlanLimits,
) -> tuple[LeftOut, ...]:
    """Every activity that serves a gap but is not in the plan, with the reason, judged against the plan."""
    cost_left = limits.budget_usd - sum(activities[k].cost_usd for k in chosen)
    hours_left = limits.total_hours - sum(activities[k].hours for k in chosen)
    out: list[tuple[int, LeftOut]] = []
    chosen_set = set(chosen)
    for k in useful:
        if k in chosen_set:
            continue
        a = activities[k]
        marginal = sum(
            weight[s] * max(0.0, min(p, need[s] - progress[s])) for s, p in items[k].develops if need[s] > progress[s]
        )
        if k in infeasible:
            kind, reason = infeasible[k]
            marginal = alone[k]
        elif marginal <= EPS:
            kind, reason = LeftOutReason.COVERED, "its skills are already covered by the chosen activities"
        else:
            over_budget = a.cost_usd > cost_left
            over_hours = a.hours > hours_left + 1e-6
            if over_budget and over_hours:
                kind = LeftOutReason.BUDGET_AND_HOURS
                reason = (
                    f"costs {format_money(a.cost_usd)} and needs {format_hours(a.hours)}; ${max(cost_left, 0):,} and "
                    f"{format_hours(max(hours_left, 0))} are left"
                )
            elif over_budget:
                kind = LeftOutReason.BUDGET
                reason = f"costs {format_money(a.cost_usd)}; ${max(cost_left, 0):,} of the budget is left"
            elif over_hours:
                kind = LeftOutReason.HOURS
                reason = f"needs {format_hours(a.hours)}; {format_hours(max(hours_left, 0))} are left"
            elif isinstance(lay_out(activities, [*chosen, k], alone, limits), int):
                kind = LeftOutReason.LAYOUT
                reason = (
                    f"no month has room for it: {format_hours(min_monthly_load(a, limits.months))} a month on top of "
                    f"the chosen activities would go over {format_hours(limits.hours_per_month)}"
                )
            else:
                kind = LeftOutReason.OTHER
                reason = "the chosen activities close more gap within the same limits"
        left = LeftOut(
            activity_id=a.id,
            title=a.title,
            cost_usd=a.cost_usd,
            hours=a.hours,
            value=marginal,
            kind=kind,
            reason=reason,
        )
        out.append((k, left))
    # the useful ones first, most useful first; those made redundant by the plan last
    out.sort(key=lambda kl: (kl[1].kind is LeftOutReason.COVERED, -kl[1].value, kl[0]))
    return tuple(left for _, left in out)


def plan_notes(
    gaps: GapReport,
    limits: PlanLimits,
    planned: Sequence[PlannedActivity],
    left_out: Sequence[LeftOut],
    value: float,
    gap_value: float,
    optimal: bool,
    upper: float,
) -> tuple[str, ...]:
    notes: list[str] = []
    if not gaps.gaps:
        if gaps.not_rated and len(gaps.not_rated) == len(gaps.skills):
            notes.append("Nothing is rated yet: rate your skills first, then plan.")
        else:
            notes.append("No skill is below its target in this profile: there is no gap to plan for.")
    if gaps.not_rated and gaps.gaps:
        notes.append(
            f"{len(gaps.not_rated)} targeted skill(s) are not yet rated and are not in this plan; "
            "rate them to plan for them."
        )
    if gaps.gaps and not planned:
        notes.append("No activity in the catalogue fits these limits and serves a gap.")
    if limits.budget_usd == 0 and planned:
        notes.append(
            "No budget: the plan uses free activities only (job-embedded work, mentoring, reading, communities)."
        )
    if gap_value > 0 and planned:
        notes.append(f"Expected to close {value / gap_value:.0%} of the priority-weighted gap.")
    money_short = [lo for lo in left_out if lo.kind in (LeftOutReason.BUDGET, LeftOutReason.BUDGET_AND_HOURS)]
    if money_short:
        best = money_short[0]
        notes.append(
            f"Left out for lack of budget: {len(money_short)} activit{'y' if len(money_short) == 1 else 'ies'}, "
            f"the most useful being {best.title} ({format_money(best.cost_usd)})."
        )
    if not optimal and upper > 0:
        notes.append(
            f"This plan closes at least {value / upper:.0%} of what the best plan within these limits could "
            "(fitting activities into the hours of each month, or a long search, cost the rest)."
        )
    return tuple(notes)
