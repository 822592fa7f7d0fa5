"""Building the plan: the gaps and the catalogue into solver items, the selection, its layout and results."""

from __future__ import annotations

from datetime import date

from ctoprep.core.gaps import GapReport, SkillGap
from ctoprep.core.models.framework import Activity, Framework
from ctoprep.core.planning.explain import format_hours, format_money, left_out_reasons, plan_notes, why_chosen
from ctoprep.core.planning.layout import (
    Layout,
    add_load,
    fit,
    lay_out,
    min_monthly_load,
    month_end,
    month_start,
    packing_key,
    place,
)
from ctoprep.core.planning.models import (
    Contribution,
    LeftOutReason,
    Plan,
    PlanLimits,
    PlanMonth,
    PlannedActivity,
    SkillRerate,
)
from ctoprep.core.planning.selection import EPS, NODE_LIMIT, Item, set_value, solve_selection

PROGRESS_BY_STRENGTH: dict[int, float] = {1: 0.25, 2: 0.5, 3: 1.0}
"""Expected progress in scale steps from one activity, by how strongly it develops a skill."""


def activities_for_skill(framework: Framework, skill_id: str, limit: int = 4) -> list[tuple[int, Activity]]:
    """The catalog's activities that build one skill, strongest first, then cheapest and shortest.

    Each comes with how strongly it builds the skill (the catalog's ``strength``); the planner credits
    progress by the same strength (``PROGRESS_BY_STRENGTH``).
    """
    found = [(d.strength, a) for a in framework.catalogue.activities for d in a.develops if d.skill_id == skill_id]
    found.sort(key=lambda pair: (-pair[0], pair[1].cost_usd, pair[1].hours))
    return found[:limit]


def build_plan(framework: Framework, gaps: GapReport, limits: PlanLimits, *, node_limit: int = NODE_LIMIT) -> Plan:
    """The PD plan for a gap report within the person's limits.

    Deterministic: the same framework, gaps and limits give the same plan.
    """
    activities = framework.catalogue.activities
    gap_list: list[SkillGap] = list(gaps.gaps)
    skill_index = {g.skill_id: s for s, g in enumerate(gap_list)}
    need = [g.gap for g in gap_list]
    weight = [g.value_per_step for g in gap_list]

    items = [
        Item(
            float(a.cost_usd),
            a.hours,
            tuple(
                (skill_index[d.skill_id], PROGRESS_BY_STRENGTH.get(d.strength, 0.5))
                for d in a.develops
                if d.skill_id in skill_index
            ),
        )
        for a in activities
    ]
    alone = [set_value(items, [k], need, weight) for k in range(len(items))]
    useful = [k for k in range(len(items)) if alone[k] > EPS]

    # what can never fit, whatever else is chosen
    infeasible: dict[int, tuple[LeftOutReason, str]] = {}
    for k in useful:
        a = activities[k]
        if a.months > limits.months:
            infeasible[k] = (
                LeftOutReason.TOO_LONG,
                f"runs {a.months} months; the plan has {limits.months}",
            )
        elif min_monthly_load(a, limits.months) > limits.hours_per_month + 1e-6:
            infeasible[k] = (
                LeftOutReason.TOO_INTENSE,
                f"needs {format_hours(min_monthly_load(a, limits.months))} a month; you have "
                f"{format_hours(limits.hours_per_month)}",
            )
        elif a.cost_usd > limits.budget_usd and a.hours > limits.total_hours + 1e-6:
            infeasible[k] = (
                LeftOutReason.BUDGET_AND_HOURS,
                f"costs {format_money(a.cost_usd)} and needs {format_hours(a.hours)}; the budget is "
                f"${limits.budget_usd:,} and the plan has {format_hours(limits.total_hours)}",
            )
        elif a.cost_usd > limits.budget_usd:
            infeasible[k] = (
                LeftOutReason.BUDGET,
                f"costs {format_money(a.cost_usd)}; the budget is ${limits.budget_usd:,}",
            )
        elif a.hours > limits.total_hours + 1e-6:
            infeasible[k] = (
                LeftOutReason.HOURS,
                f"needs {format_hours(a.hours)}; the plan has {format_hours(limits.total_hours)} in all",
            )
    candidates = [k for k in useful if k not in infeasible]

    # one exact search; a set only counts if it can be laid out month by month within the hours
    pool = candidates
    layouts: dict[tuple[int, ...], Layout] = {(): ({}, [0.0] * limits.months)}

    def layout_of(chosen_in_pool: tuple[int, ...]) -> Layout:
        """A layout of the set: one activity added to a laid-out subset, else the full layout."""
        if chosen_in_pool in layouts:
            return layouts[chosen_in_pool]
        found: Layout = None
        smaller_key = next(
            (
                key
                for j in range(len(chosen_in_pool))
                if (key := chosen_in_pool[:j] + chosen_in_pool[j + 1 :]) in layouts
            ),
            chosen_in_pool[:-1],
        )
        smaller = layout_of(smaller_key)
        if smaller is not None:
            (added,) = set(chosen_in_pool) - set(smaller_key)
            spot = fit(activities[pool[added]], smaller[1], limits)
            if spot is not None:
                found = ({**smaller[0], pool[added]: spot}, add_load(smaller[1], activities[pool[added]], spot))
        if found is None:
            # inside the search only feasibility matters: one packing order, longest and heaviest first
            members = [pool[i] for i in chosen_in_pool]
            packed = place(activities, sorted(members, key=lambda k: packing_key(activities[k], k)), limits)
            found = None if isinstance(packed, int) else packed
        layouts[chosen_in_pool] = found
        return found

    solution = solve_selection(
        [items[k] for k in pool],
        need,
        weight,
        float(limits.budget_usd),
        limits.total_hours,
        feasible=lambda chosen_in_pool: layout_of(chosen_in_pool) is not None,
        node_limit=node_limit,
    )
    chosen = [pool[i] for i in solution.chosen]
    # lay the final set out most valuable first (earliest re-rating); the search's own layout,
    # built one activity at a time, is the fallback
    final = lay_out(activities, chosen, alone, limits)
    if isinstance(final, int):
        found = layout_of(solution.chosen)
        assert found is not None
        final = found
    placements = final[0]

    # credit progress in schedule order, so the explanation matches the diminishing returns
    schedule = sorted(chosen, key=lambda k: (placements[k][0], -alone[k], k))
    progress = [0.0] * len(gap_list)
    planned: list[PlannedActivity] = []
    skill_acts: dict[int, list[tuple[int, date]]] = {}
    total_value = 0.0
    for k in schedule:
        a = activities[k]
        start, span = placements[k]
        contributions = []
        for s, p in items[k].develops:
            steps = max(0.0, min(p, need[s] - progress[s]))
            if steps <= EPS:
                continue
            progress[s] += steps
            g = gap_list[s]
            contributions.append(
                Contribution(
                    skill_id=g.skill_id,
                    title=g.title,
                    area_title=g.area_title,
                    steps=steps,
                    value=steps * weight[s],
                )
            )
        contributions.sort(key=lambda c: (-c.value, skill_index[c.skill_id]))
        value = sum(c.value for c in contributions)
        total_value += value
        rerate_on = month_start(limits.start, start + span)
        for c in contributions:
            skill_acts.setdefault(skill_index[c.skill_id], []).append((k, rerate_on))
        planned.append(
            PlannedActivity(
                activity_id=a.id,
                title=a.title,
                format=a.format,
                cadence=a.cadence,
                cost_usd=a.cost_usd,
                hours=a.hours,
                start_month=start,
                months=span,
                hours_per_month=a.hours / span,
                starts_on=month_start(limits.start, start),
                ends_on=month_end(limits.start, start + span - 1),
                rerate_on=rerate_on,
                produces=a.produces,
                contributions=tuple(contributions),
                value=value,
                why=why_chosen(a, contributions, span),
            )
        )

    rerates = tuple(
        SkillRerate(
            skill_id=gap_list[s].skill_id,
            title=gap_list[s].title,
            rerate_on=max(d for _, d in acts),
            activity_ids=tuple(activities[k].id for k, _ in acts),
            expected_steps=progress[s],
            gap=need[s],
        )
        for s, acts in sorted(skill_acts.items(), key=lambda kv: (max(d for _, d in kv[1]), kv[0]))
    )

    months = []
    for m in range(limits.months):
        running = [p for p in planned if p.start_month <= m <= p.end_month]
        starting = [p for p in planned if p.start_month == m]
        first, nxt = month_start(limits.start, m), month_start(limits.start, m + 1)
        months.append(
            PlanMonth(
                index=m,
                starts_on=first,
                activities=tuple(p.activity_id for p in running),
                starting=tuple(p.activity_id for p in starting),
                hours=sum(p.hours_per_month for p in running),
                cost_usd=sum(p.cost_usd for p in starting),
                rerate=tuple(r.skill_id for r in rerates if first <= r.rerate_on < nxt),
            )
        )

    total_cost = sum(p.cost_usd for p in planned)
    total_hours = sum(p.hours for p in planned)
    left_out = left_out_reasons(activities, items, useful, chosen, infeasible, alone, progress, need, weight, limits)
    gap_value = sum(g.priority for g in gap_list)
    optimal = solution.optimal
    upper = max(solution.upper_bound, total_value)

    notes = plan_notes(gaps, limits, planned, left_out, total_value, gap_value, optimal, upper)
    return Plan(
        framework_id=framework.id,
        profile_id=gaps.profile_id,
        limits=limits,
        activities=tuple(planned),
        months=tuple(months),
        rerates=rerates,
        left_out=left_out,
        total_cost=total_cost,
        total_hours=total_hours,
        value=total_value,
        gap_value=gap_value,
        optimal=optimal,
        upper_bound=upper,
        nodes=solution.nodes,
        notes=notes,
    )
