"""The PD planner: exact against brute force, within every limit, explained, deterministic."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.files import Cadence
from ctoprep.core.planning import (
    Item,
    LeftOutReason,
    PlanLimits,
    build_plan,
    lagrangian_bound,
    month_start,
    set_value,
    solve_selection,
)
from tests.core.engine_helpers import START, activity, assess, cosn_like, make_framework

# brute force -------------------------------------------------------------------------------------


def brute_force(
    items: list[Item],
    need: list[float],
    weight: list[float],
    budget: float,
    hours: float,
    feasible: object = None,
) -> float:
    best = 0.0
    for r in range(len(items) + 1):
        for combo in itertools.combinations(range(len(items)), r):
            if sum(items[i].cost for i in combo) > budget + 1e-9:
                continue
            if sum(items[i].hours for i in combo) > hours + 1e-9:
                continue
            if feasible is not None and combo and not feasible(combo):  # type: ignore[operator]
                continue
            best = max(best, set_value(items, combo, need, weight))
    return best


def random_instance(rng: random.Random, n_items: int, n_skills: int) -> tuple[list[Item], list[float], list[float]]:
    need = [float(rng.randint(1, 3)) for _ in range(n_skills)]
    weight = [rng.choice((10.0, 25.0, 37.5, 50.0)) for _ in range(n_skills)]
    items = [
        Item(
            float(rng.choice((0, 0, 50, 200, 500, 1200))),
            float(rng.choice((2, 4, 6, 10, 16))),
            tuple(
                (s, rng.choice((0.25, 0.5, 0.5, 1.0)))
                for s in rng.sample(range(n_skills), rng.randint(1, min(3, n_skills)))
            ),
        )
        for _ in range(n_items)
    ]
    return items, need, weight


@pytest.mark.parametrize("seed", range(60))
def test_solver_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    items, need, weight = random_instance(rng, rng.randint(1, 11), rng.randint(1, 6))
    budget = float(rng.choice((0, 100, 500, 1000, 3000)))
    hours = float(rng.choice((4, 10, 20, 40)))
    solution = solve_selection(items, need, weight, budget, hours)
    expected = brute_force(items, need, weight, budget, hours)
    assert solution.optimal
    assert solution.value == pytest.approx(expected)
    assert solution.value == pytest.approx(set_value(items, solution.chosen, need, weight))
    assert sum(items[i].cost for i in solution.chosen) <= budget
    assert sum(items[i].hours for i in solution.chosen) <= hours + 1e-9


@pytest.mark.parametrize("seed", range(20))
def test_solver_respects_an_extra_feasibility_test(seed: int) -> None:
    rng = random.Random(1000 + seed)
    items, need, weight = random_instance(rng, rng.randint(3, 10), rng.randint(2, 6))

    def at_most_two_paid(combo: tuple[int, ...]) -> bool:
        return sum(1 for i in combo if items[i].cost > 0) <= 2

    solution = solve_selection(items, need, weight, 2000.0, 30.0, feasible=at_most_two_paid)
    assert at_most_two_paid(solution.chosen) or not solution.chosen
    assert solution.value == pytest.approx(brute_force(items, need, weight, 2000.0, 30.0, at_most_two_paid))


@pytest.mark.parametrize("seed", range(30))
def test_the_layout_bound_keeps_the_search_exact(seed: int) -> None:
    """With the bound that drops items which cannot be added (from the first node on, as the hard
    plans get it after LAYOUT_BOUND_AFTER nodes), the solver still finds the brute-force optimum."""
    rng = random.Random(3000 + seed)
    items, need, weight = random_instance(rng, rng.randint(3, 11), rng.randint(2, 6))
    limit = rng.choice((1, 2, 3))
    heavy = {i for i, item in enumerate(items) if item.hours >= 6}

    def few_heavy(combo: tuple[int, ...]) -> bool:  # monotone, like the month-by-month layout
        return sum(1 for i in combo if i in heavy) <= limit

    budget, hours = float(rng.choice((500, 1500, 3000))), float(rng.choice((20, 40)))
    solution = solve_selection(items, need, weight, budget, hours, feasible=few_heavy, layout_after=0)
    assert solution.optimal
    assert few_heavy(solution.chosen)
    assert solution.value == pytest.approx(brute_force(items, need, weight, budget, hours, few_heavy))
    cut = solve_selection(items, need, weight, budget, hours, feasible=few_heavy, layout_after=0, node_limit=2)
    assert cut.upper_bound >= solution.value - 1e-9


def test_fit_finds_the_earliest_start_then_the_shortest_spread() -> None:
    """The running-maximum fit places exactly where a plain search over every start and spread does."""
    from ctoprep.core.planning.layout import fit

    def plain(hours: float, months: int, self_paced: bool, load: list[float], cap: float) -> tuple[int, int] | None:
        horizon = len(load)
        longest = horizon if self_paced else months
        for start in range(horizon):
            for span in range(months, min(longest, horizon - start) + 1):
                if max(load[start : start + span]) + hours / span <= cap + 1e-6:
                    return start, span
        return None

    rng = random.Random(5)
    for _ in range(3000):
        horizon = rng.randint(1, 12)
        cap = rng.choice((4.0, 6.0, 8.0, 10.0))
        load = [rng.choice((0.0, 0.0, 1.0, 2.5, 4.0, 6.0, 8.0)) for _ in range(horizon)]
        months = rng.randint(1, 12)
        self_paced = rng.random() < 0.4
        hours = float(rng.choice((2, 6, 10, 16, 24, 40)))
        a = activity("x", {}, hours=hours, months=months, cadence=Cadence.SELF_PACED if self_paced else Cadence.MONTHLY)
        limits = PlanLimits(budget_usd=0, hours_per_month=cap, months=horizon, start=START)
        assert fit(a, load, limits) == plain(hours, months, self_paced, load, cap)


@pytest.mark.parametrize("seed", range(8))
def test_a_cut_off_search_still_proves_its_bound(seed: int) -> None:
    rng = random.Random(2000 + seed)
    items, need, weight = random_instance(rng, 11, 6)
    expected = brute_force(items, need, weight, 1500.0, 30.0)
    solution = solve_selection(items, need, weight, 1500.0, 30.0, node_limit=3)
    assert solution.value <= expected + 1e-9
    assert solution.upper_bound >= expected - 1e-9
    assert solution.optimal == (solution.upper_bound <= solution.value + 1e-9)


def test_lagrangian_bound_is_an_upper_bound() -> None:
    for seed in range(15):
        rng = random.Random(3000 + seed)
        items, need, weight = random_instance(rng, 9, 5)
        expected = brute_force(items, need, weight, 800.0, 24.0)
        assert lagrangian_bound(items, need, weight, 800.0, 24.0, target=expected) >= expected - 1e-9


def test_diminishing_returns_never_close_a_gap_twice() -> None:
    items = [Item(0.0, 5.0, ((0, 1.0),)), Item(0.0, 5.0, ((0, 1.0),)), Item(0.0, 5.0, ((0, 0.5),))]
    assert set_value(items, [0, 1, 2], [1.0], [40.0]) == 40.0
    solution = solve_selection(items, [1.0], [40.0], 0.0, 100.0)
    assert solution.chosen == (0,)  # one is enough; the others add nothing


# build_plan --------------------------------------------------------------------------------------


def small_world(*activities: object, targets: dict[str, tuple[int, int, float]] | None = None) -> object:
    return make_framework(
        {"a": 2, "b": 2},
        weights={"I": {"a": 50, "b": 50}},
        area_targets=targets or {"a": (3, 3, 1.0), "b": (3, 3, 1.0)},
        activities=activities,  # type: ignore[arg-type]
    )


def limits(budget: int = 0, hours: float = 10, months: int = 3) -> PlanLimits:
    return PlanLimits(budget_usd=budget, hours_per_month=hours, months=months, start=START)


def test_prefers_an_activity_that_serves_several_gaps() -> None:
    fw = small_world(
        activity("one-gap", {"a.0": 3}, hours=10),
        activity("two-gaps", {"a.0": 3, "b.0": 3}, hours=10),
    )
    gaps = find_gaps(fw, assess(fw, {"a.0": 2, "b.0": 2}))
    plan = build_plan(fw, gaps, limits(hours=10, months=1))
    assert [p.activity_id for p in plan.activities] == ["two-gaps"]
    assert plan.activities[0].why.startswith("serves 2 gaps")
    assert plan.optimal


def test_zero_budget_still_plans_free_activities() -> None:
    fw = small_world(
        activity("paid-course", {"a.0": 3}, cost=900, hours=10),
        activity("job-embedded", {"a.0": 2}, cost=0, hours=10),
    )
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 1})), limits(budget=0))
    assert [p.activity_id for p in plan.activities] == ["job-embedded"]
    assert plan.total_cost == 0
    (left,) = plan.left_out
    assert left.activity_id == "paid-course"
    assert left.kind is LeftOutReason.BUDGET
    assert left.reason == "costs $900; the budget is $0"
    assert any(n.startswith("No budget: the plan uses free activities") for n in plan.notes)
    assert any("Left out for lack of budget: 1 activity" in n for n in plan.notes)


def test_left_out_when_the_money_runs_out() -> None:
    fw = small_world(
        activity("big", {"a.0": 3, "a.1": 3}, cost=400, hours=5),
        activity("second", {"b.0": 3}, cost=300, hours=5),
    )
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 2, "a.1": 2, "b.0": 2})), limits(budget=500))
    assert [p.activity_id for p in plan.activities] == ["big"]
    (left,) = plan.left_out
    assert left.kind is LeftOutReason.BUDGET
    assert left.reason == "costs $300; $100 of the budget is left"


def test_activities_that_cannot_fit_say_why() -> None:
    fw = small_world(
        activity("long", {"a.0": 3}, months=6, hours=12, cadence=Cadence.MONTHLY),
        activity("intense", {"a.1": 3}, months=1, hours=30),
        activity("redundant", {"b.0": 1}, hours=1),
        activity("fine", {"b.0": 3}, hours=2),
    )
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 2, "a.1": 2, "b.0": 2})), limits(hours=10, months=3))
    reasons = {lo.activity_id: (lo.kind, lo.reason) for lo in plan.left_out}
    assert reasons["long"] == (LeftOutReason.TOO_LONG, "runs 6 months; the plan has 3")
    assert reasons["intense"] == (LeftOutReason.TOO_INTENSE, "needs 30 h a month; you have 10 h")
    assert reasons["redundant"][0] is LeftOutReason.COVERED
    assert [p.activity_id for p in plan.activities] == ["fine"]


def test_self_paced_work_is_spread_to_fit_the_month() -> None:
    fw = small_world(activity("book-club", {"a.0": 3}, months=1, hours=12, cadence=Cadence.SELF_PACED))
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 2})), limits(hours=5, months=3))
    (planned,) = plan.activities
    assert planned.months == 3
    assert planned.hours_per_month == pytest.approx(4)


def test_month_by_month_schedule_and_rerate_dates() -> None:
    fw = small_world(
        activity("first", {"a.0": 3}, hours=8, months=2, cadence=Cadence.MONTHLY),
        activity("second", {"b.0": 3}, hours=4, months=1),
    )
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 2, "b.0": 2})), limits(hours=5, months=3))
    by_id = {p.activity_id: p for p in plan.activities}
    assert by_id["first"].start_month == 0
    assert by_id["first"].rerate_on == date(2026, 3, 1)
    assert by_id["first"].produces == "evidence from first"
    assert by_id["second"].start_month == 2  # months 0 and 1 are full (4 h each + 4 would be 8 > 5)
    assert by_id["second"].rerate_on == date(2026, 4, 1)
    assert [round(m.hours, 6) for m in plan.months] == [4, 4, 4]
    assert plan.months[0].starts_on == START
    assert plan.months[1].starts_on == date(2026, 2, 1)
    assert plan.months[2].rerate == ("a.0",)  # b.0 is due the day after the plan ends
    rerate = {r.skill_id: r.rerate_on for r in plan.rerates}
    assert rerate == {"a.0": date(2026, 3, 1), "b.0": date(2026, 4, 1)}


def test_month_start_crosses_years() -> None:
    assert month_start(date(2026, 11, 20), 0) == date(2026, 11, 20)
    assert month_start(date(2026, 11, 20), 2) == date(2027, 1, 1)
    assert month_start(date(2026, 12, 31), 13) == date(2028, 1, 1)


def test_no_gaps_and_no_ratings_are_explained() -> None:
    fw = small_world(activity("x", {"a.0": 3}))
    nothing = build_plan(fw, find_gaps(fw, assess(fw, {})), limits())
    assert nothing.activities == ()
    assert nothing.notes[0] == "Nothing is rated yet: rate your skills first, then plan."
    on_target = build_plan(fw, find_gaps(fw, assess(fw, {s.id: 3 for s in fw.skills})), limits())
    assert on_target.notes[0].startswith("No skill is below its target")


def test_unrated_targets_are_noted() -> None:
    fw = small_world(activity("x", {"a.0": 3}))
    plan = build_plan(fw, find_gaps(fw, assess(fw, {"a.0": 2})), limits())
    assert any(n.startswith("3 targeted skill(s) are not yet rated") for n in plan.notes)


def test_contributions_are_credited_once() -> None:
    fw = small_world(
        activity("x", {"a.0": 3, "a.1": 2}, hours=4),
        activity("y", {"a.0": 3, "b.0": 3}, hours=4),
    )
    gaps = find_gaps(fw, assess(fw, {"a.0": 1, "a.1": 2, "b.0": 2}))  # a.0 is 2 below
    plan = build_plan(fw, gaps, limits(hours=10, months=1))
    credited: dict[str, float] = {}
    for p in plan.activities:
        for c in p.contributions:
            credited[c.skill_id] = credited.get(c.skill_id, 0) + c.steps
    assert credited == {"a.0": 2.0, "a.1": 0.5, "b.0": 1.0}
    assert plan.value == pytest.approx(sum(p.value for p in plan.activities))
    assert plan.value == pytest.approx(sum(c.value for p in plan.activities for c in p.contributions))


# properties on a framework shaped like the real one ---------------------------------------------

COSN = cosn_like(n_activities=40)
SKILLS = [s.id for s in COSN.skills]


@settings(max_examples=40, deadline=None)
@given(
    st.fixed_dictionaries({}, optional={s: st.sampled_from([None, 0, 1, 2, 3, 4]) for s in SKILLS}),
    st.sampled_from([0, 100, 500, 1000, 2500]),
    st.sampled_from([0.0, 2.0, 4.0, 8.0, 12.5]),
    st.integers(min_value=1, max_value=12),
)
def test_plans_never_exceed_the_limits(levels: dict[str, int | None], budget: int, hours: float, months: int) -> None:
    gaps = find_gaps(COSN, assess(COSN, levels))
    lim = PlanLimits(budget_usd=budget, hours_per_month=hours, months=months, start=date(2026, 9, 1))
    plan = build_plan(COSN, gaps, lim, node_limit=300)
    assert plan.total_cost <= budget
    assert plan.total_hours <= hours * months + 1e-6
    assert len(plan.months) == months
    for month in plan.months:
        assert month.hours <= hours + 1e-6
    for p in plan.activities:
        assert p.start_month >= 0
        assert p.end_month < months
    assert sum(m.cost_usd for m in plan.months) == plan.total_cost
    assert plan.value <= plan.upper_bound + 1e-9
    assert plan.value <= plan.gap_value + 1e-9
    assert build_plan(COSN, gaps, lim, node_limit=300) == plan


def test_bundled_framework_plans_if_present() -> None:
    from ctoprep.core.problems import ContentError
    from ctoprep.services.content import Library

    try:
        framework = Library(use_cache=False).framework("cosn-k12-cto")
    except ContentError:
        pytest.skip("bundled framework is being edited and does not load right now")
    if not framework.profiles or not framework.catalogue.activities:
        pytest.skip("bundled framework has no profiles or catalogue yet")
    gaps = find_gaps(framework, assess(framework, {s.id: 1 for s in framework.skills}))
    plan = build_plan(framework, gaps, PlanLimits(budget_usd=0, hours_per_month=6, months=6, start=START))
    assert plan.activities, "a plan with no budget should still use the free activities"
    assert plan.total_cost == 0


def test_activities_for_a_skill_are_the_ones_that_build_it_strongest_first() -> None:
    from ctoprep.core.planning import activities_for_skill
    from ctoprep.formats.loading import load_framework
    from ctoprep.storage.bundled import bundled_frameworks_dir

    fw = load_framework(bundled_frameworks_dir() / "cosn-k12-cto")
    for skill in fw.skills[:20]:
        found = activities_for_skill(fw, skill.id, limit=100)
        builders = {a.id for a in fw.catalogue.activities if any(d.skill_id == skill.id for d in a.develops)}
        assert {a.id for _, a in found} == builders
        keys = [(-strength, a.cost_usd, a.hours) for strength, a in found]
        assert keys == sorted(keys)
        assert activities_for_skill(fw, skill.id) == found[:4]
