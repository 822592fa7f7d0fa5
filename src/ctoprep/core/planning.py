"""A PD plan: the activities that close the most priority-weighted gap within a budget and hours.

The objective (``docs/scoring.md`` has the details)::

    value(S) = sum over gap skills s of  value_per_step[s] * min(gap[s], sum over a in S of progress[a, s])

``progress`` is what an activity is expected to move a skill, in scale steps, from how strongly it
develops it (:data:`PROGRESS_BY_STRENGTH`). The ``min`` is the diminishing return: once a gap is
expected to close, more activities on that skill add nothing, so one gap is never closed five times
over, and an activity that serves several gaps is worth the sum of what it closes in each.

Constraints: total cost within the budget; total hours within ``hours_per_month * months``; every
activity fits the horizon and its monthly load fits ``hours_per_month``. The selection is exact:
a depth-first branch and bound whose bound is the smaller of two fractional-knapsack bounds (by
cost and by hours) over each remaining activity's marginal value, which is a valid bound because
the objective is submodular. If the search hits its node limit it returns the best plan found with
the proven upper bound, so the plan states how far from optimal it can be at most.

The selected activities are then laid out month by month (earliest start first, highest value
first). If one cannot be placed without a month going over ``hours_per_month`` (packing in time
is a separate problem), it is left out, recorded as such, and the selection is solved again
without it, so no month of a plan ever exceeds the hours limit.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ctoprep.core.gaps import GapReport, SkillGap
from ctoprep.core.models.framework import Activity, Framework
from ctoprep.core.models.vocabulary import ActivityFormat, Cadence
from ctoprep.core.trusted import trusted

PROGRESS_BY_STRENGTH: dict[int, float] = {1: 0.25, 2: 0.5, 3: 1.0}
"""Expected progress in scale steps from one activity, by how strongly it develops a skill."""
NODE_LIMIT = 4_000
"""Branch-and-bound nodes explored before settling for the best plan found (with its bound)."""
_EPS = 1e-9


class PlanModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlanLimits(PlanModel):
    """What the person can spend: dollars in total, hours a month, months until the exam or review."""

    budget_usd: Annotated[int, Field(ge=0, le=10_000_000)] = 0
    hours_per_month: Annotated[float, Field(ge=0, le=744)] = 8.0
    months: Annotated[int, Field(ge=1, le=60)] = 6
    start: date

    @property
    def total_hours(self) -> float:
        return self.hours_per_month * self.months


def parse_budget(text: str) -> int:
    """Dollars from what a person typed ("$3,000", "3000"); ValueError says what is wrong.

    The one reading of plan limits: the command line and the app's Plan screen both use these three.
    """
    cleaned = text.strip().replace(",", "").removeprefix("$")
    if not cleaned:
        raise ValueError("budget is empty: give whole dollars, 0 for free activities only")
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a whole number of dollars") from None
    if not 0 <= value <= 10_000_000:
        raise ValueError("budget must be between $0 and $10,000,000")
    return value


def parse_hours_per_month(text: str) -> float:
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("hours a month is empty: give the hours you can spend, e.g. 6")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a number of hours") from None
    if not 0 < value <= 744:
        raise ValueError("hours a month must be more than 0 and at most 744 (the hours in a month)")
    return value


def parse_months(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("months is empty: give how many months the plan covers (1 to 60)")
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a whole number of months") from None
    if not 1 <= value <= 60:
        raise ValueError("months must be between 1 and 60")
    return value


def activities_for_skill(framework: Framework, skill_id: str, limit: int = 4) -> list[tuple[int, Activity]]:
    """The catalog's activities that build one skill, strongest first, then cheapest and shortest.

    Each comes with how strongly it builds the skill (the catalog's ``strength``); the planner credits
    progress by the same strength (``PROGRESS_BY_STRENGTH``).
    """
    found = [(d.strength, a) for a in framework.catalogue.activities for d in a.develops if d.skill_id == skill_id]
    found.sort(key=lambda pair: (-pair[0], pair[1].cost_usd, pair[1].hours))
    return found[:limit]


class LeftOutReason(StrEnum):
    BUDGET = "budget"
    HOURS = "hours"
    BUDGET_AND_HOURS = "budget-and-hours"
    TOO_LONG = "too-long"
    TOO_INTENSE = "too-intense"
    COVERED = "covered"
    LAYOUT = "layout"
    OTHER = "other"


class Contribution(PlanModel):
    skill_id: str
    title: str
    area_title: str
    steps: float
    """Expected progress credited to this activity, in scale steps (after diminishing returns)."""
    value: float


class PlannedActivity(PlanModel):
    activity_id: str
    title: str
    format: ActivityFormat
    cadence: Cadence
    cost_usd: int
    hours: float
    start_month: int
    """0-based month of the plan."""
    months: int
    """Months it runs in this plan (a self-paced activity may be spread thinner than its minimum)."""
    hours_per_month: float
    starts_on: date
    ends_on: date
    rerate_on: date
    """When to re-rate the skills it develops: the first day after it ends."""
    produces: str
    contributions: tuple[Contribution, ...]
    value: float
    why: str

    @property
    def end_month(self) -> int:
        return self.start_month + self.months - 1


class PlanMonth(PlanModel):
    index: int
    starts_on: date
    activities: tuple[str, ...]
    """Ids of the activities running this month."""
    starting: tuple[str, ...]
    hours: float
    cost_usd: int
    """Cost of the activities starting this month (paid when they start)."""
    rerate: tuple[str, ...]
    """Skill ids due for re-rating this month."""


class SkillRerate(PlanModel):
    skill_id: str
    title: str
    rerate_on: date
    activity_ids: tuple[str, ...]
    expected_steps: float
    gap: float


class LeftOut(PlanModel):
    activity_id: str
    title: str
    cost_usd: int
    hours: float
    value: float
    """What it would add to the chosen plan (its value on its own for ones that cannot fit at all)."""
    kind: LeftOutReason
    reason: str


class Plan(PlanModel):
    framework_id: str
    profile_id: str
    limits: PlanLimits
    activities: tuple[PlannedActivity, ...]
    """Chosen activities, by start month, then value."""
    months: tuple[PlanMonth, ...]
    rerates: tuple[SkillRerate, ...]
    left_out: tuple[LeftOut, ...]
    total_cost: int
    total_hours: float
    value: float
    """Priority-weighted gap the plan is expected to close."""
    gap_value: float
    """Priority-weighted gap there is to close: the sum of the gaps' priorities."""
    optimal: bool
    upper_bound: float
    """No plan within the limits can close more than this (equals ``value`` when ``optimal``)."""
    nodes: int
    notes: tuple[str, ...]

    @property
    def share_closed(self) -> float:
        return self.value / self.gap_value if self.gap_value > 0 else 0.0


# the selection problem -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One activity as the solver sees it."""

    cost: float
    hours: float
    develops: tuple[tuple[int, float], ...]
    """(skill index, progress in steps)."""


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: tuple[int, ...]
    """Indices into the items, ascending."""
    value: float
    cost: float
    hours: float
    optimal: bool
    upper_bound: float
    """No feasible set is worth more (equals ``value`` when ``optimal``)."""
    nodes: int


def set_value(items: Sequence[Item], chosen: Iterable[int], need: Sequence[float], weight: Sequence[float]) -> float:
    """The objective for a set of items."""
    progress = [0.0] * len(need)
    for i in chosen:
        for s, p in items[i].develops:
            progress[s] += p
    return sum(w * min(n, p) for w, n, p in zip(weight, need, progress, strict=True))


def _fractional(gains: Sequence[tuple[float, float]], capacity: float) -> float:
    """Fractional knapsack over (gain, size) pairs: an upper bound for the 0/1 problem."""
    total = 0.0
    rest = []
    for g, size in gains:
        if size <= _EPS:
            total += g
        else:
            rest.append((g / size, g, size))
    rest.sort(reverse=True)
    for _, g, size in rest:
        if size <= capacity:
            total += g
            capacity -= size
        else:
            total += g * max(capacity, 0.0) / size
            break
    return total


def lagrangian_bound(
    items: Sequence[Item],
    need: Sequence[float],
    weight: Sequence[float],
    budget: float,
    hours: float,
    target: float,
    iterations: int = 60,
) -> float:
    """An upper bound from relaxing the per-skill caps with multipliers ``0 <= mu[s] <= weight[s]``.

    For any such ``mu`` and any feasible set O (see ``docs/scoring.md``)::

        value(O) <= sum_s need[s] * (weight[s] - mu[s]) + sum_{a in O} sum_s mu[s] * min(progress[a, s], need[s])

    and the second sum is at most a fractional knapsack, by cost or by hours. Subgradient steps
    (Polyak's rule towards ``target``, the best value known) look for the ``mu`` giving the least bound.
    """
    n_skills = len(need)
    capped = [tuple((s, min(p, need[s])) for s, p in item.develops) for item in items]
    by_cost = [i for i, item in enumerate(items) if item.cost <= budget + _EPS]
    by_hours = [i for i, item in enumerate(items) if item.hours <= hours + _EPS]
    mu = [w / 2 for w in weight]
    best = float("inf")
    for _ in range(iterations):
        base = sum(need[s] * (weight[s] - mu[s]) for s in range(n_skills))
        profit = [sum(mu[s] * q for s, q in develops) for develops in capped]
        bound_cost, taken_cost = _fractional_taking([(i, profit[i], items[i].cost) for i in by_cost], budget)
        bound_hours, taken_hours = _fractional_taking([(i, profit[i], items[i].hours) for i in by_hours], hours)
        if bound_cost <= bound_hours:
            bound, taken = base + bound_cost, taken_cost
        else:
            bound, taken = base + bound_hours, taken_hours
        best = min(best, bound)
        supply = [0.0] * n_skills
        for i, share in taken:
            for s, q in capped[i]:
                supply[s] += q * share
        step = [supply[s] - need[s] for s in range(n_skills)]
        norm = sum(x * x for x in step)
        if norm <= _EPS or best - target <= _EPS:
            break
        t = (bound - target) / norm
        mu = [min(weight[s], max(0.0, mu[s] - t * step[s])) for s in range(n_skills)]
    return best


def _fractional_taking(
    gains: Sequence[tuple[int, float, float]], capacity: float
) -> tuple[float, list[tuple[int, float]]]:
    """Like :func:`_fractional`, also returning what it takes: (item, share taken)."""
    total = 0.0
    taken: list[tuple[int, float]] = []
    rest = []
    for i, g, size in gains:
        if size <= _EPS:
            total += g
            taken.append((i, 1.0))
        else:
            rest.append((g / size, -i, g, size))
    rest.sort(reverse=True)
    for _, neg_i, g, size in rest:
        if size <= capacity:
            total += g
            capacity -= size
            taken.append((-neg_i, 1.0))
        else:
            share = max(capacity, 0.0) / size
            total += g * share
            taken.append((-neg_i, share))
            break
    return total, taken


@dataclass(slots=True)
class _Node:
    progress: list[float]
    available: list[int]
    chosen: tuple[int, ...]
    cost: float
    hours: float
    value: float


def solve_selection(
    items: Sequence[Item],
    need: Sequence[float],
    weight: Sequence[float],
    budget: float,
    hours: float,
    *,
    feasible: Callable[[tuple[int, ...]], bool] | None = None,
    node_limit: int = NODE_LIMIT,
) -> Solution:
    """Choose items maximising :func:`set_value` with total cost <= ``budget`` and hours <= ``hours``.

    Depth-first branch and bound, taking the item with the best marginal value per share of what is
    left first. ``feasible`` is an extra test a set must pass to be accepted (the month-by-month
    layout); it must be monotone (a set that fails has no superset that passes), so a failing set
    is not extended. The bounds ignore it, so they stay valid. Exact unless ``node_limit`` nodes
    are not enough: then ``optimal`` is False and ``upper_bound`` is the least proven bound.
    """
    n_skills = len(need)
    accept = feasible or (lambda chosen: True)

    costs = [item.cost for item in items]
    hours_of = [item.hours for item in items]
    develops = [item.develops for item in items]

    def marginal_gains(
        progress: list[float], available: Iterable[int], cost_left: float, hours_left: float
    ) -> list[tuple[int, float]]:
        cost_cap, hours_cap = cost_left + _EPS, hours_left + _EPS
        out = []
        for i in available:
            if costs[i] > cost_cap or hours_of[i] > hours_cap:
                continue
            g = 0.0
            for s, p in develops[i]:
                left = need[s] - progress[s]
                if left > _EPS:
                    g += weight[s] * (p if p < left else left)
            if g > _EPS:
                out.append((i, g))
        return out

    def best_pick(gains: list[tuple[int, float]], cost_left: float, hours_left: float) -> tuple[int, float]:
        """The best marginal value per share of the budget and hours left (ties: the earlier item)."""
        per_dollar = 1.0 / cost_left if cost_left > _EPS else 0.0
        per_hour = 1.0 / hours_left if hours_left > _EPS else 0.0
        pick, pick_gain, pick_density = gains[0][0], gains[0][1], -1.0
        for i, g in gains:
            size = costs[i] * per_dollar + hours_of[i] * per_hour
            density = g / size if size > _EPS else float("inf")
            if density > pick_density or (density == pick_density and i < pick):
                pick, pick_gain, pick_density = i, g, density
        return pick, pick_gain

    def with_item(progress: list[float], i: int) -> list[float]:
        out = list(progress)
        for s, p in items[i].develops:
            out[s] += p
        return out

    # a greedy incumbent: the best marginal value per share of what is left, while it fits
    progress = [0.0] * n_skills
    available = list(range(len(items)))
    chosen: tuple[int, ...] = ()
    cost = used = value = 0.0
    while True:
        gains = marginal_gains(progress, available, budget - cost, hours - used)
        while gains:
            i, g = best_pick(gains, budget - cost, hours - used)
            available.remove(i)
            if accept(tuple(sorted((*chosen, i)))):
                break
            gains = [ig for ig in gains if ig[0] != i]
        if not gains:
            break
        chosen = tuple(sorted((*chosen, i)))
        progress = with_item(progress, i)
        cost, used, value = cost + items[i].cost, used + items[i].hours, value + g
    best = Solution(chosen, value, cost, used, True, value, 0)

    def bound_of(node: _Node) -> tuple[float, list[tuple[int, float]]]:
        cost_left, hours_left = budget - node.cost, hours - node.hours
        gains = marginal_gains(node.progress, node.available, cost_left, hours_left)
        if not gains:
            return node.value, gains
        by_cost = _fractional([(g, items[i].cost) for i, g in gains], cost_left)
        by_hours = _fractional([(g, items[i].hours) for i, g in gains], hours_left)
        return node.value + min(by_cost, by_hours), gains

    stack = [_Node([0.0] * n_skills, list(range(len(items))), (), 0.0, 0.0, 0.0)]
    nodes = 0
    while stack:
        if nodes >= node_limit:
            break
        node = stack.pop()
        nodes += 1
        better = node.value > best.value + _EPS or (
            node.value > best.value - _EPS
            and (node.cost < best.cost - _EPS or (node.cost < best.cost + _EPS and node.hours < best.hours - _EPS))
        )
        if better and node.chosen:
            if not accept(node.chosen):
                continue  # feasibility is monotone: nothing that contains this set can pass either
            best = Solution(node.chosen, node.value, node.cost, node.hours, True, node.value, 0)
        bound, gains = bound_of(node)
        if not gains or bound <= best.value + _EPS:
            continue
        pick, gain = best_pick(gains, budget - node.cost, hours - node.hours)
        rest = [i for i, _ in gains if i != pick]
        # pushed last, popped first: the branch with the pick is explored before the one without
        stack.append(_Node(node.progress, rest, node.chosen, node.cost, node.hours, node.value))
        stack.append(
            _Node(
                with_item(node.progress, pick),
                rest,
                tuple(sorted((*node.chosen, pick))),
                node.cost + items[pick].cost,
                node.hours + items[pick].hours,
                node.value + gain,
            )
        )
    if not stack:
        return Solution(best.chosen, best.value, best.cost, best.hours, True, best.value, nodes)
    open_bound = max(bound_of(node)[0] for node in stack)
    upper = min(open_bound, lagrangian_bound(items, need, weight, budget, hours, best.value))
    upper = max(upper, best.value)
    return Solution(best.chosen, best.value, best.cost, best.hours, upper <= best.value + _EPS, upper, nodes)


# the plan ----------------------------------------------------------------------------------------


def month_start(start: date, index: int) -> date:
    """The first day of plan month ``index`` (month 0 starts on the plan's start date)."""
    if index <= 0:
        return start
    months = start.month - 1 + index
    return date(start.year + months // 12, months % 12 + 1, 1)


def _month_end(start: date, index: int) -> date:
    first = month_start(start, index)
    return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def _money(amount: float) -> str:
    return "free" if amount == 0 else f"${amount:,.0f}"


def _hours(amount: float) -> str:
    return f"{amount:.1f}".rstrip("0").rstrip(".") + " h"


def _fit(activity: Activity, load: list[float], limits: PlanLimits) -> tuple[int, int] | None:
    """The earliest start, then the shortest spread, at which ``activity`` fits on top of ``load``."""
    cap = limits.hours_per_month + 1e-6
    horizon = limits.months
    longest = horizon if activity.cadence is Cadence.SELF_PACED else activity.months
    for start in range(horizon):
        for span in range(activity.months, min(longest, horizon - start) + 1):
            if max(load[start : start + span]) + activity.hours / span <= cap:
                return start, span
    return None


def _add(load: list[float], activity: Activity, spot: tuple[int, int]) -> list[float]:
    start, span = spot
    out = list(load)
    for m in range(start, start + span):
        out[m] += activity.hours / span
    return out


def _place(
    activities: Sequence[Activity], order: Sequence[int], limits: PlanLimits
) -> tuple[dict[int, tuple[int, int]], list[float]] | int:
    """Place activities in ``order``, each at its earliest start (then shortest spread) that fits.

    Returns placements (activity index -> (start month, months)) and the load of each month, or
    the first index that did not fit.
    """
    load = [0.0] * limits.months
    placed: dict[int, tuple[int, int]] = {}
    for k in order:
        spot = _fit(activities[k], load, limits)
        if spot is None:
            return k
        load = _add(load, activities[k], spot)
        placed[k] = spot
    return placed, load


def _packing_key(activity: Activity, index: int) -> tuple[int, float, int]:
    """Longest first, then the heaviest month: the classic order for packing in time."""
    return (-activity.months, -activity.hours / activity.months, index)


def _layout(
    activities: Sequence[Activity], chosen: Sequence[int], value: Sequence[float], limits: PlanLimits
) -> tuple[dict[int, tuple[int, int]], list[float]] | int:
    """Lay the chosen activities out month by month without any month going over the hours limit.

    Tries the most valuable first (earliest re-rating), then the classic packing orders (longest
    first, heaviest month first). Returns placements, or an activity that no order could place.
    """
    orders = (
        sorted(chosen, key=lambda k: (-value[k], k)),
        sorted(chosen, key=lambda k: _packing_key(activities[k], k)),
        sorted(chosen, key=lambda k: (-activities[k].hours / activities[k].months, -activities[k].months, k)),
    )
    first_failure: int | None = None
    for order in orders:
        result = _place(activities, order, limits)
        if not isinstance(result, int):
            return result
        first_failure = result if first_failure is None else first_failure
    assert first_failure is not None
    return first_failure


_Layout = tuple[dict[int, tuple[int, int]], list[float]] | None
"""Placements (activity index -> (start month, months)) and the hours of each month; None if none fits."""


def _min_monthly_load(activity: Activity, months: int) -> float:
    spread = months if activity.cadence is Cadence.SELF_PACED else activity.months
    return activity.hours / max(spread, 1)


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
    useful = [k for k in range(len(items)) if alone[k] > _EPS]

    # what can never fit, whatever else is chosen
    infeasible: dict[int, tuple[LeftOutReason, str]] = {}
    for k in useful:
        a = activities[k]
        if a.months > limits.months:
            infeasible[k] = (
                LeftOutReason.TOO_LONG,
                f"runs {a.months} months; the plan has {limits.months}",
            )
        elif _min_monthly_load(a, limits.months) > limits.hours_per_month + 1e-6:
            infeasible[k] = (
                LeftOutReason.TOO_INTENSE,
                f"needs {_hours(_min_monthly_load(a, limits.months))} a month; you have "
                f"{_hours(limits.hours_per_month)}",
            )
        elif a.cost_usd > limits.budget_usd and a.hours > limits.total_hours + 1e-6:
            infeasible[k] = (
                LeftOutReason.BUDGET_AND_HOURS,
                f"costs {_money(a.cost_usd)} and needs {_hours(a.hours)}; the budget is "
                f"${limits.budget_usd:,} and the plan has {_hours(limits.total_hours)}",
            )
        elif a.cost_usd > limits.budget_usd:
            infeasible[k] = (
                LeftOutReason.BUDGET,
                f"costs {_money(a.cost_usd)}; the budget is ${limits.budget_usd:,}",
            )
        elif a.hours > limits.total_hours + 1e-6:
            infeasible[k] = (
                LeftOutReason.HOURS,
                f"needs {_hours(a.hours)}; the plan has {_hours(limits.total_hours)} in all",
            )
    candidates = [k for k in useful if k not in infeasible]

    # one exact search; a set only counts if it can be laid out month by month within the hours
    pool = candidates
    layouts: dict[tuple[int, ...], _Layout] = {(): ({}, [0.0] * limits.months)}

    def layout_of(chosen_in_pool: tuple[int, ...]) -> _Layout:
        """A layout of the set: one activity added to a laid-out subset, else the full layout."""
        if chosen_in_pool in layouts:
            return layouts[chosen_in_pool]
        found: _Layout = None
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
            spot = _fit(activities[pool[added]], smaller[1], limits)
            if spot is not None:
                found = ({**smaller[0], pool[added]: spot}, _add(smaller[1], activities[pool[added]], spot))
        if found is None:
            # inside the search only feasibility matters: one packing order, longest and heaviest first
            members = [pool[i] for i in chosen_in_pool]
            packed = _place(activities, sorted(members, key=lambda k: _packing_key(activities[k], k)), limits)
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
    final = _layout(activities, chosen, alone, limits)
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
            if steps <= _EPS:
                continue
            progress[s] += steps
            g = gap_list[s]
            contributions.append(
                trusted(
                    Contribution,
                    dict(
                        skill_id=g.skill_id,
                        title=g.title,
                        area_title=g.area_title,
                        steps=steps,
                        value=steps * weight[s],
                    ),
                )
            )
        contributions.sort(key=lambda c: (-c.value, skill_index[c.skill_id]))
        value = sum(c.value for c in contributions)
        total_value += value
        rerate_on = month_start(limits.start, start + span)
        for c in contributions:
            skill_acts.setdefault(skill_index[c.skill_id], []).append((k, rerate_on))
        planned.append(
            trusted(
                PlannedActivity,
                dict(
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
                    ends_on=_month_end(limits.start, start + span - 1),
                    rerate_on=rerate_on,
                    produces=a.produces,
                    contributions=tuple(contributions),
                    value=value,
                    why=_why(a, contributions, span),
                ),
            )
        )

    rerates = tuple(
        trusted(
            SkillRerate,
            dict(
                skill_id=gap_list[s].skill_id,
                title=gap_list[s].title,
                rerate_on=max(d for _, d in acts),
                activity_ids=tuple(activities[k].id for k, _ in acts),
                expected_steps=progress[s],
                gap=need[s],
            ),
        )
        for s, acts in sorted(skill_acts.items(), key=lambda kv: (max(d for _, d in kv[1]), kv[0]))
    )

    months = []
    for m in range(limits.months):
        running = [p for p in planned if p.start_month <= m <= p.end_month]
        starting = [p for p in planned if p.start_month == m]
        first, nxt = month_start(limits.start, m), month_start(limits.start, m + 1)
        months.append(
            trusted(
                PlanMonth,
                dict(
                    index=m,
                    starts_on=first,
                    activities=tuple(p.activity_id for p in running),
                    starting=tuple(p.activity_id for p in starting),
                    hours=sum(p.hours_per_month for p in running),
                    cost_usd=sum(p.cost_usd for p in starting),
                    rerate=tuple(r.skill_id for r in rerates if first <= r.rerate_on < nxt),
                ),
            )
        )

    total_cost = sum(p.cost_usd for p in planned)
    total_hours = sum(p.hours for p in planned)
    left_out = _left_out(activities, items, useful, chosen, infeasible, alone, progress, need, weight, limits)
    gap_value = sum(g.priority for g in gap_list)
    optimal = solution.optimal
    upper = max(solution.upper_bound, total_value)

    notes = _notes(gaps, limits, planned, left_out, total_value, gap_value, optimal, upper)
    return trusted(
        Plan,
        dict(
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
        ),
    )


def _why(activity: Activity, contributions: Sequence[Contribution], span: int) -> str:
    parts = [f"{c.title} (+{c.steps:g} level{'s' if c.steps > 1 else ''})" for c in contributions[:3]]
    more = len(contributions) - 3
    serves = "; ".join(parts) + (f" and {more} more" if more > 0 else "")
    pace = f"{_hours(activity.hours)} over {span} month{'s' if span > 1 else ''}"
    if not contributions:
        return f"no gap left for it to close; {_money(activity.cost_usd)}, {pace}"
    gaps = f"serves {len(contributions)} gaps" if len(contributions) > 1 else "serves 1 gap"
    return f"{gaps}: {serves}; {_money(activity.cost_usd)}, {pace}"


def _left_out(
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
        elif marginal <= _EPS:
            kind, reason = LeftOutReason.COVERED, "its skills are already covered by the chosen activities"
        else:
            over_budget = a.cost_usd > cost_left
            over_hours = a.hours > hours_left + 1e-6
            if over_budget and over_hours:
                kind = LeftOutReason.BUDGET_AND_HOURS
                reason = (
                    f"costs {_money(a.cost_usd)} and needs {_hours(a.hours)}; ${max(cost_left, 0):,} and "
                    f"{_hours(max(hours_left, 0))} are left"
                )
            elif over_budget:
                kind = LeftOutReason.BUDGET
                reason = f"costs {_money(a.cost_usd)}; ${max(cost_left, 0):,} of the budget is left"
            elif over_hours:
                kind = LeftOutReason.HOURS
                reason = f"needs {_hours(a.hours)}; {_hours(max(hours_left, 0))} are left"
            elif isinstance(_layout(activities, [*chosen, k], alone, limits), int):
                kind = LeftOutReason.LAYOUT
                reason = (
                    f"no month has room for it: {_hours(_min_monthly_load(a, limits.months))} a month on top of "
                    f"the chosen activities would go over {_hours(limits.hours_per_month)}"
                )
            else:
                kind = LeftOutReason.OTHER
                reason = "the chosen activities close more gap within the same limits"
        left = trusted(
            LeftOut,
            dict(
                activity_id=a.id,
                title=a.title,
                cost_usd=a.cost_usd,
                hours=a.hours,
                value=marginal,
                kind=kind,
                reason=reason,
            ),
        )
        out.append((k, left))
    # the useful ones first, most useful first; those made redundant by the plan last
    out.sort(key=lambda kl: (kl[1].kind is LeftOutReason.COVERED, -kl[1].value, kl[0]))
    return tuple(left for _, left in out)


def _notes(
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
            f"the most useful being {best.title} ({_money(best.cost_usd)})."
        )
    if not optimal and upper > 0:
        notes.append(
            f"This plan closes at least {value / upper:.0%} of what the best plan within these limits could "
            "(fitting activities into the hours of each month, or a long search, cost the rest)."
        )
    return tuple(notes)
