"""Gaps against a target profile: sizes, statuses, a priority that explains itself, stable rankings."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.gaps import GapStatus, exam_factors, find_gaps, resolve_profile
from ctoprep.core.problems import ContentError
from ctoprep.core.scoring import score_assessment
from tests.core.engine_helpers import COSN_AREAS, COSN_CATEGORIES, COSN_WEIGHTS, assess, make_framework

# ten areas weighted like the exam; targets: every skill 3, one skill 3..4, one area's importance 1.5
COSN = make_framework(
    COSN_AREAS,
    categories=COSN_CATEGORIES,
    weights=COSN_WEIGHTS,
    area_targets={a: (3, 3, 1.5 if a == "strategic-planning" else 1.0) for a in COSN_AREAS},
    targets={"leadership.0": (3, 4, 2.0)},
)


def test_the_worked_example_in_docs() -> None:
    """docs/scoring.md: Strategic Planning skill at 1, target 3, importance 1.5, 15% of the exam."""
    gaps = find_gaps(COSN, assess(COSN, {"strategic-planning.0": 1}), "p")
    (gap,) = gaps.gaps
    assert gap.gap == 2
    assert gap.exam_factor == pytest.approx(1.25)  # (1 + 15 / 10) / 2
    assert gap.priority == pytest.approx(100 * 2 / 4 * 1.5 * 1.25)  # 93.75
    assert gap.reason == (
        "Skill strategic-planning.0 (Area strategic-planning): 2 levels below target (now 1, target 3), "
        "15% of the exam, importance 1.5"
    )


def test_status_of_each_kind() -> None:
    gaps = find_gaps(
        COSN,
        assess(
            COSN,
            {"leadership.0": 3, "leadership.1": 3, "leadership.2": 4, "leadership.3": 2, "leadership.4": None},
        ),
    )
    status = {g.skill_id: g.status for g in gaps.skills if g.area_id == "leadership"}
    assert status["leadership.0"] is GapStatus.MET  # within the range 3..4
    assert status["leadership.1"] is GapStatus.MET
    assert status["leadership.2"] is GapStatus.ABOVE
    assert status["leadership.3"] is GapStatus.BELOW
    assert status["leadership.4"] is GapStatus.NOT_RATED  # skipped
    assert status["leadership.5"] is GapStatus.NOT_RATED  # never reached
    assert [g.skill_id for g in gaps.strengths] == ["leadership.2"]
    assert gaps.strengths[0].excess == 1
    assert [g.skill_id for g in gaps.gaps] == ["leadership.3"]


def test_unrated_skills_are_not_gaps_of_full_size() -> None:
    gaps = find_gaps(COSN, assess(COSN, {"data-management.0": 2}))
    assert len(gaps.gaps) == 1
    assert len(gaps.not_rated) == 67
    assert all(g.gap == 0 and g.priority == 0 for g in gaps.not_rated)
    assert "not yet rated" in gaps.not_rated[0].reason
    area = next(a for a in gaps.areas if a.area_id == "leadership")
    assert area.gap == 0
    assert area.priority == 0
    assert area.reason.startswith("Area leadership: not yet rated")


def test_a_range_target_counts_from_its_minimum() -> None:
    gaps = find_gaps(COSN, assess(COSN, {"leadership.0": 1}))
    (gap,) = gaps.gaps
    assert (gap.target_min, gap.target_max, gap.gap) == (3, 4, 2)
    assert "target 3–4" in gap.reason


def test_ranking_is_by_priority_then_framework_order() -> None:
    # the same gap in three areas of equal weight (7%): ties keep framework order
    levels = {"data-management.0": 2, "communication-systems.0": 2, "business-management.0": 2}
    gaps = find_gaps(COSN, assess(COSN, levels))
    assert [g.skill_id for g in gaps.gaps] == [
        "communication-systems.0",
        "business-management.0",
        "data-management.0",
    ]
    levels["data-management.1"] = 0  # a bigger gap goes first
    gaps = find_gaps(COSN, assess(COSN, levels))
    assert gaps.gaps[0].skill_id == "data-management.1"
    assert gaps.top(2) == gaps.gaps[:2]
    assert gaps.top(0) == ()


def test_exam_weight_and_importance_order_equal_gaps() -> None:
    levels = {"strategic-planning.0": 2, "leadership.1": 2, "data-management.0": 2}
    order = [g.skill_id for g in find_gaps(COSN, assess(COSN, levels)).gaps]
    # 15% and importance 1.5, then 15%, then 7%
    assert order == ["strategic-planning.0", "leadership.1", "data-management.0"]


def test_exam_factors() -> None:
    factors = exam_factors(COSN)
    assert factors["strategic-planning"] == pytest.approx(1.25)
    assert factors["team-building"] == pytest.approx(0.95)
    plain = make_framework({"a": 1, "b": 1})
    assert exam_factors(plain) == {"a": 1.0, "b": 1.0}
    partial = make_framework({"a": 1, "b": 1}, weights={"I": {"a": 100}})
    assert exam_factors(partial) == {"a": 1.0, "b": 0.5}


def test_adjustments_reweigh_priorities_not_gaps() -> None:
    levels = {"strategic-planning.0": 2, "data-management.0": 2}
    plain = find_gaps(COSN, assess(COSN, levels))
    adjusted = find_gaps(COSN, assess(COSN, levels), adjustments={"data-management": 3.0})
    assert [g.gap for g in adjusted.gaps] == [1, 1]
    assert adjusted.gaps[0].skill_id == "data-management.0"
    dm_plain = next(g for g in plain.gaps if g.area_id == "data-management")
    assert adjusted.gaps[0].priority == pytest.approx(3 * dm_plain.priority)
    assert "weighted x3 by practice results" in adjusted.gaps[0].reason
    area = next(a for a in adjusted.areas if a.area_id == "data-management")
    assert area.adjustment == 3.0


@pytest.mark.parametrize(
    ("adjustments", "message"),
    [
        ({"data-managment": 1.2}, "unknown area 'data-managment'.*did you mean 'data-management'"),
        ({"leadership": -1}, ">= 0"),
    ],
)
def test_bad_adjustments_are_refused(adjustments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find_gaps(COSN, assess(COSN, {}), adjustments=adjustments)


def test_area_gap_is_mean_shortfall_so_strength_does_not_hide_weakness() -> None:
    levels = {"leadership.1": 4, "leadership.2": 4, "leadership.3": 1}
    area = next(a for a in find_gaps(COSN, assess(COSN, levels)).areas if a.area_id == "leadership")
    assert area.current == pytest.approx(3.0)  # the mean is on target ...
    assert area.gap == pytest.approx(2 / 3)  # ... but one skill is 2 below
    assert (area.below, area.above, area.met, area.not_rated) == (1, 2, 0, 4)
    assert area.target == pytest.approx(3.0)
    assert area.target_score == pytest.approx(75.0)
    assert "1 of 3 rated skills below" in area.reason
    assert "only 3 of 7 skills rated" in area.reason  # the area score's own caveat


def test_report_or_assessment_give_the_same_gaps() -> None:
    a = assess(COSN, {s.id: i % 5 for i, s in enumerate(COSN.skills)})
    assert find_gaps(COSN, a) == find_gaps(COSN, score_assessment(COSN, a))


def test_profile_resolution() -> None:
    assert resolve_profile(COSN, None).id == "p"
    assert resolve_profile(COSN, "p").id == "p"
    with pytest.raises(ContentError) as info:
        resolve_profile(COSN, "q")
    assert info.value.problems[0].hint == "available: p"
    bare = dataclasses.replace(COSN, profiles=())
    with pytest.raises(ContentError, match="no target profiles"):
        find_gaps(bare, assess(bare, {}))


def test_scale_agnostic_gaps_count_scale_steps() -> None:
    wide = make_framework({"a": 2}, scale=(0, 25, 50, 75, 100), area_targets={"a": (75, 75, 1.0)})
    gaps = find_gaps(wide, assess(wide, {"a.0": 25, "a.1": 100}))
    assert gaps.gaps[0].gap == 2
    assert gaps.gaps[0].priority == pytest.approx(50.0)
    assert gaps.strengths[0].excess == 1


def test_skills_without_a_target_have_no_gap() -> None:
    fw = make_framework({"a": 2}, targets={"a.0": (2, 2, 1.0)})
    gaps = find_gaps(fw, assess(fw, {"a.0": 0, "a.1": 0}))
    assert [g.skill_id for g in gaps.skills] == ["a.0"]


# properties ------------------------------------------------------------------------------------

LEVELS = st.sampled_from([None, 0, 1, 2, 3, 4])
SKILLS = [s.id for s in COSN.skills]


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={s: LEVELS for s in SKILLS}), st.data())
def test_raising_a_rating_never_raises_a_gap(levels: dict[str, int | None], data: st.DataObject) -> None:
    rated = sorted(s for s, v in levels.items() if v is not None and v < 4)
    if not rated:
        return
    skill = data.draw(st.sampled_from(rated))
    higher = dict(levels)
    higher[skill] = data.draw(st.integers(min_value=levels[skill] + 1, max_value=4))  # type: ignore[operator]
    before, after = find_gaps(COSN, assess(COSN, levels)), find_gaps(COSN, assess(COSN, higher))
    for b, a in zip(before.skills, after.skills, strict=True):
        assert a.gap <= b.gap
        assert a.priority <= b.priority + 1e-9
    for b, a in zip(before.areas, after.areas, strict=True):
        assert a.gap <= b.gap + 1e-9
        assert a.priority <= b.priority + 1e-9
    assert after.total_priority <= before.total_priority + 1e-9


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({}, optional={s: LEVELS for s in SKILLS}))
def test_gaps_are_deterministic_and_ranked(levels: dict[str, int | None]) -> None:
    assessment = assess(COSN, levels)  # one assessment: two built a second apart differ in updated_at
    first, second = find_gaps(COSN, assessment), find_gaps(COSN, assessment)
    assert first == second
    keys = [(-g.priority, g.index) for g in first.gaps]
    assert keys == sorted(keys)
    assert all(g.status is GapStatus.BELOW and g.gap > 0 for g in first.gaps)
    ranked = [(-a.priority, a.index) for a in first.ranked_areas]
    assert ranked == sorted(ranked)


@settings(max_examples=80, deadline=None)
@given(
    st.fixed_dictionaries({}, optional={s: LEVELS for s in SKILLS}),
    st.integers(min_value=0, max_value=12),
    st.fixed_dictionaries({}, optional={a: st.sampled_from([0.0, 0.5, 1.3]) for a in COSN_AREAS}),
)
def test_what_is_built_when_read_agrees_with_a_plain_recount(
    levels: dict[str, int | None], n: int, adjustments: dict[str, float]
) -> None:
    """The report keeps only each skill's standing and builds rows, area sums and rankings when read:
    whatever is read first, and in whatever order, it agrees with counting from the ratings directly."""
    profile = resolve_profile(COSN, "p")
    fresh = find_gaps(COSN, assess(COSN, levels), "p", adjustments=adjustments)
    assert fresh.top(n) == find_gaps(COSN, assess(COSN, levels), "p", adjustments=adjustments).gaps[:n]
    by_id = {g.skill_id: g for g in fresh.skills}
    assert set(by_id) == set(profile.skill_targets)
    for skill_id, target in profile.skill_targets.items():
        gap, level = by_id[skill_id], levels.get(skill_id)
        expected = (
            GapStatus.NOT_RATED
            if level is None
            else GapStatus.BELOW
            if level < target.min
            else GapStatus.ABOVE
            if level > target.max
            else GapStatus.MET
        )
        assert gap.status is expected
        assert gap.gap == (target.min - level if expected is GapStatus.BELOW else 0)  # type: ignore[operator]
        assert gap.adjustment == adjustments.get(gap.area_id, 1.0)
    for area in fresh.areas:
        mine = [g for g in fresh.skills if g.area_id == area.area_id]
        assert area.below == sum(g.status is GapStatus.BELOW for g in mine)
        assert area.not_rated == sum(g.status is GapStatus.NOT_RATED for g in mine)
        assert area.targeted == len(mine)
    assert fresh.total_priority == pytest.approx(sum(g.priority for g in fresh.gaps))
    assert fresh.top(n) == fresh.gaps[:n]
