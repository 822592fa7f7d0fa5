"""Self vs mentor: figures checked by hand on small cases, and the invariants of the statistic."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.comparison import PairKind, compare, kappa_band, weighted_kappa
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError
from tests.core.engine_helpers import make_framework

# one area of four skills on a 0-2 scale (k = 3), one of two skills
SMALL = make_framework({"a": 4, "b": 2}, scale=(0, 1, 2))


def ratings_of(framework: Framework, levels: dict[str, int | None], role: RaterRole, name: str = "") -> Assessment:
    return Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version),
        person="Pat",
        rater=Rater(role=role, name=name),
        ratings={s: Rating(level=v, evidence=f"{role.value} saw {s}") for s, v in levels.items()},
    )


def pair(framework: Framework, mine: dict[str, int | None], theirs: dict[str, int | None]):  # type: ignore[no-untyped-def]
    return compare(
        framework,
        ratings_of(framework, mine, RaterRole.SELF),
        ratings_of(framework, theirs, RaterRole.MENTOR, "Morgan"),
    )


def test_hand_checked_case_on_a_three_level_scale() -> None:
    """Self (0, 1, 2, 2) vs mentor (0, 1, 1, 2), weights 1 / .5 / 0 for 0 / 1 / 2 steps apart.

    p_o = (1 + 1 + .5 + 1) / 4 = 7/8. Self marginals (1, 1, 2), mentor (1, 2, 1):
    p_e = [1*(1*1 + .5*2 + 0*1) + 1*(.5*1 + 1*2 + .5*1) + 2*(0*1 + .5*2 + 1*1)] / 16 = (2 + 3 + 4) / 16 = 9/16.
    kappa = (7/8 - 9/16) / (1 - 9/16) = (5/16) / (7/16) = 5/7.
    """
    c = pair(SMALL, {"a.0": 0, "a.1": 1, "a.2": 2, "a.3": 2}, {"a.0": 0, "a.1": 1, "a.2": 1, "a.3": 2})
    ag = c.agreement
    assert ag.both_rated == 4
    assert ag.observed == pytest.approx(float(Fraction(7, 8)))
    assert ag.expected == pytest.approx(float(Fraction(9, 16)))
    assert ag.kappa == pytest.approx(float(Fraction(5, 7)))
    assert ag.band == "substantial"
    assert ag.matrix == ((1, 0, 0), (0, 1, 0), (0, 1, 1))
    assert (ag.exact, ag.within_one) == (3, 4)
    assert ag.mean_difference == pytest.approx(0.25)
    assert [p.skill_id for p in c.blind_spots] == ["a.2"]
    assert c.hidden_strengths == ()
    assert c.skill_by_id["a.2"].difference == 1
    area = c.areas[0]
    assert (area.self_mean, area.mentor_mean) == (pytest.approx(1.25), pytest.approx(1.0))
    assert (area.agree, area.blind_spots, area.hidden_strengths) == (3, 1, 0)
    assert ag.reading.startswith("Substantial agreement (weighted kappa 0.71 over 4 skill(s) rated by both).")
    assert "Same level on 3 of 4 (75%); within one level on 4 of 4 (100%)." in ag.reading
    assert "0.2 levels above the mentor's" in ag.reading
    assert "first impression" in ag.reading


def test_opposite_ends_of_a_five_level_scale_is_minus_one() -> None:
    """Self (0, 4) vs mentor (4, 0): p_o = 0, p_e = (1 + 0 + 0 + 1) / 4 = 1/2, kappa = -1."""
    fw = make_framework({"a": 2})
    c = pair(fw, {"a.0": 0, "a.1": 4}, {"a.0": 4, "a.1": 0})
    assert c.agreement.kappa == pytest.approx(-1.0)
    assert c.agreement.band == "poor"
    assert c.agreement.mean_difference == 0
    assert [p.kind for p in c.skills] == [PairKind.HIDDEN_STRENGTH, PairKind.BLIND_SPOT]
    assert c.skill_by_id["a.1"].difference == 4


def test_full_agreement_is_one_and_one_level_everywhere_is_undefined() -> None:
    c = pair(SMALL, {"a.0": 0, "a.1": 1, "a.2": 2}, {"a.0": 0, "a.1": 1, "a.2": 2})
    assert c.agreement.kappa == pytest.approx(1.0)
    assert c.agreement.band == "almost perfect"
    same = pair(SMALL, {"a.0": 1, "a.1": 1}, {"a.0": 1, "a.1": 1})
    assert same.agreement.kappa is None
    assert same.agreement.band == ""
    assert "cannot be measured beyond chance" in same.agreement.reading


def test_only_skills_rated_by_both_count_and_nothing_is_averaged() -> None:
    c = pair(
        SMALL,
        {"a.0": 2, "a.1": None, "a.2": 1, "b.0": 0},
        {"a.0": 1, "a.1": 2, "a.3": 2, "b.1": 1, "b.0": 7},  # 7 is off the scale: not rated
    )
    kinds = {p.skill_id: p.kind for p in c.skills}
    assert kinds == {
        "a.0": PairKind.BLIND_SPOT,
        "a.1": PairKind.MENTOR_ONLY,
        "a.2": PairKind.SELF_ONLY,
        "a.3": PairKind.MENTOR_ONLY,
        "b.0": PairKind.SELF_ONLY,
        "b.1": PairKind.MENTOR_ONLY,
    }
    assert c.agreement.both_rated == 1
    a = c.areas[0]
    # means over the one skill both rated, kept apart: self 2, mentor 1 (never 1.5)
    assert (a.both_rated, a.self_rated, a.mentor_rated) == (1, 2, 3)
    assert (a.self_mean, a.mentor_mean, a.mean_difference) == (2, 1, 1)
    assert "no skill rated by both" in c.areas[1].reading
    assert c.skill_by_id["a.0"].self_evidence == "self saw a.0"
    assert c.skill_by_id["a.0"].mentor_evidence == "mentor saw a.0"


def test_differences_are_counted_in_steps_of_any_scale() -> None:
    fw = make_framework({"a": 2}, scale=(1, 3, 5))
    c = pair(fw, {"a.0": 5, "a.1": 1}, {"a.0": 1, "a.1": 3})
    assert c.skill_by_id["a.0"].difference == 2
    assert c.skill_by_id["a.1"].difference == -1
    assert [p.skill_id for p in c.hidden_strengths] == ["a.1"]


def test_nothing_rated_by_both_reads_plainly() -> None:
    c = pair(SMALL, {"a.0": 1}, {"a.1": 1})
    assert c.agreement.kappa is None
    assert c.agreement.reading.startswith("No skill is rated by both")


def test_another_framework_is_refused() -> None:
    other = make_framework({"a": 1}, framework_id="other")
    with pytest.raises(ContentError, match="for framework 'other'"):
        compare(SMALL, ratings_of(SMALL, {}, RaterRole.SELF), ratings_of(other, {}, RaterRole.MENTOR))


@pytest.mark.parametrize(
    ("kappa", "band"),
    [(-0.3, "poor"), (-0.001, "slight"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.4, "fair"),
     (0.41, "moderate"), (0.6, "moderate"), (0.61, "substantial"), (0.8, "substantial"), (0.81, "almost perfect"),
     (1.0, "almost perfect"), (None, "")],
)  # fmt: skip
def test_landis_and_koch_bands(kappa: float | None, band: str) -> None:
    assert kappa_band(kappa) == band


levels = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(levels)
def test_kappa_invariants(pairs: list[tuple[int, int]]) -> None:
    matrix = [[0] * 5 for _ in range(5)]
    for i, j in pairs:
        matrix[i][j] += 1
    kappa, observed, expected = weighted_kappa(matrix)
    swapped = [[matrix[j][i] for j in range(5)] for i in range(5)]
    assert weighted_kappa(swapped)[0] == (pytest.approx(kappa) if kappa is not None else None)
    assert observed is not None
    assert expected is not None
    assert 0 <= observed <= 1
    assert 0 <= expected <= 1
    if kappa is not None:
        assert -1 - 1e-9 <= kappa <= 1 + 1e-9
        if all(i == j for i, j in pairs):
            assert kappa == pytest.approx(1.0)
    else:
        assert len({i for i, _ in pairs} | {j for _, j in pairs}) == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=7, max_size=7))
def test_swapping_roles_mirrors_blind_spots_and_hidden_strengths(pairs: list[tuple[int, int]]) -> None:
    fw = make_framework({"a": 7})
    mine = {f"a.{n}": i for n, (i, _) in enumerate(pairs)}
    theirs = {f"a.{n}": j for n, (_, j) in enumerate(pairs)}
    forward, backward = pair(fw, mine, theirs), pair(fw, theirs, mine)
    assert {p.skill_id for p in forward.blind_spots} == {p.skill_id for p in backward.hidden_strengths}
    assert len(forward.blind_spots) + len(forward.hidden_strengths) + len(forward.agreed) == 7
    assert forward.agreement.mean_difference == pytest.approx(-(backward.agreement.mean_difference or 0))
