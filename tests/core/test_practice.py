"""Mock-exam assembly, attempt scoring, the scaled estimate, readiness, review scheduling, calibration."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctoprep.core.calibration import Calibration, calibrate, gap_adjustments
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.models.framework import Blueprint, ContentArea
from ctoprep.core.practice import (
    AnswerRecord,
    AreaAccuracy,
    WeakSpotInputs,
    accuracy_by_area,
    area_item_counts,
    assemble_drill,
    assemble_mock,
    choose_weak_spots,
    estimate_scaled,
    readiness,
    score_attempt,
)
from ctoprep.core.problems import ContentError
from ctoprep.core.review import due_ids, record_answer
from ctoprep.core.scoring import score_assessment
from ctoprep.formats.loading import load_framework
from tests.conftest import write_mini
from tests.core.practice_helpers import generated_bank


@pytest.fixture
def fw(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_framework(write_mini(tmp_path))


def blueprint(weights: dict[str, float], items: int = 100) -> Blueprint:
    return Blueprint(
        id="b",
        title="B",
        item_count=items,
        time_limit_minutes=120,
        score_min=0,
        score_max=800,
        pass_score=600,
        content_areas=(ContentArea(id="I", title="I", weights=weights),),
    )


def test_cetl_weights_give_exact_item_counts() -> None:
    weights = {"lv": 15, "sp": 15, "ep": 10, "if": 12, "tb": 9, "sf": 9, "it": 9, "cs": 7, "bm": 7, "dm": 7}
    counts = area_item_counts(blueprint(weights))
    assert counts == weights  # 100 items: the percentages are the counts
    assert sum(area_item_counts(blueprint(weights), 40).values()) == 40


@given(st.lists(st.integers(1, 50), min_size=1, max_size=12), st.integers(1, 200))
def test_item_counts_always_sum_to_the_form_length(raw: list[int], items: int) -> None:
    weights = {f"a{i}": float(w) for i, w in enumerate(raw)}
    counts = area_item_counts(blueprint(weights), items)
    assert sum(counts.values()) == items
    total = sum(weights.values())
    for area, n in counts.items():
        assert abs(n - items * weights[area] / total) < 1 + 1e-9


def test_form_matches_the_blueprint_exactly(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw, per_skill=10)
    form = assemble_mock(fw, bank, seed=1)
    per_area = Counter(bank.area_of_question[q] for q in form)
    assert per_area == {"alpha": 6, "beta": 4}  # 10 items, 60/40
    assert len(set(form)) == len(form)


def test_successive_forms_do_not_repeat_while_the_bank_allows(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw, per_skill=10)  # 20 alpha, 20 beta: three forms of 6+4 fit without repeats
    seen: set[str] = set()
    for seed in range(3):
        form = assemble_mock(fw, bank, seen=seen, seed=seed)
        assert not seen & set(form)
        seen |= set(form)
    fourth = assemble_mock(fw, bank, seen=seen, seed=9)  # beta (20) now runs out after 5 forms... alpha at 4
    assert len(fourth) == 10


def test_same_seed_same_form(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw)
    assert assemble_mock(fw, bank, seed=7) == assemble_mock(fw, bank, seed=7)


def test_too_small_a_bank_is_explained(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw, per_skill=1)
    with pytest.raises(ContentError, match="too small for a full mock exam"):
        assemble_mock(fw, bank)


def test_drill_stays_in_the_chosen_areas(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw)
    drill = assemble_drill(bank, {"beta"}, 5)
    assert len(drill) == 5
    assert {bank.area_of_question[q] for q in drill} == {"beta"}


def test_scoring_an_attempt(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw)
    by_id = bank.by_id()
    form = assemble_mock(fw, bank, seed=3)
    answers = {pos: by_id[q].key_index for pos, q in enumerate(form[:7])}  # 7 right, 3 blank
    result = score_attempt(fw, bank, form, answers)
    assert (result.correct, result.answered, result.total) == (7, 7, 10)
    assert sum(a.total for a in result.areas) == 10
    assert result.scaled == estimate_scaled(0.7, fw.blueprint)
    assert result.scaled == 70  # the mini blueprint: 0-100, pass at 60 (60% right)
    assert result.passed is True


@given(st.floats(0, 1), st.floats(0, 1))
def test_scaled_estimate_is_monotone_and_in_range(a: float, b: float) -> None:
    bp = blueprint({"x": 100})
    lo, hi = sorted((a, b))
    assert 0 <= estimate_scaled(lo, bp) <= estimate_scaled(hi, bp) <= 800


def test_scaled_estimate_anchors() -> None:
    bp = blueprint({"x": 100})
    assert (estimate_scaled(0, bp), estimate_scaled(0.60, bp), estimate_scaled(1, bp)) == (0, 600, 800)


def test_no_verdict_from_too_few_answers(fw) -> None:  # type: ignore[no-untyped-def]
    answers = [AnswerRecord("q", "alpha", True)] * 20
    assert readiness(fw, [90, 95], answers).verdict == "too early to say"


def test_readiness_verdicts(fw) -> None:  # type: ignore[no-untyped-def]
    good = [AnswerRecord(f"q{i}", "alpha" if i % 2 else "beta", i % 10 != 0) for i in range(200)]
    assert readiness(fw, [85, 90], good).verdict == "ready"  # pass 60 + margin 2 on the mini 0-100 scale
    verdict = readiness(fw, [85, 61], good)
    assert verdict.verdict == "not yet"
    assert "61" in verdict.reasons[0]


def test_weak_spots_explain_themselves(fw) -> None:  # type: ignore[no-untyped-def]
    bank = generated_bank(fw)
    inputs = WeakSpotInputs(
        area_priority={"beta": 3.0, "alpha": 0.5},
        area_reason={"beta": "Area beta: 2 levels below target"},
        accuracy={"beta": AreaAccuracy("beta", "Area beta", 9, 20)},
        due=["alpha.one-03"],
    )
    spots = choose_weak_spots(bank, inputs, 5)
    assert spots[0].question_id == "alpha.one-03"
    assert "due for review" in spots[0].reason
    assert all(bank.area_of_question[s.question_id] == "beta" for s in spots[1:])
    assert spots[1].reason == "Area beta: 2 levels below target; 45% correct so far"


NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_missed_questions_enter_review_and_correct_ones_do_not() -> None:
    assert record_answer(None, "q1", correct=True, flagged=False, now=NOW) is None
    missed = record_answer(None, "q1", correct=False, flagged=False, now=NOW)
    assert missed is not None
    assert missed.due < NOW + timedelta(hours=1)
    assert due_ids({"q1": missed.due}, NOW + timedelta(hours=1)) == ["q1"]
    later = record_answer(missed.card_json, "q1", correct=True, flagged=False, now=NOW + timedelta(hours=1))
    assert later is not None
    assert later.due > missed.due


def test_exam_date_caps_the_interval() -> None:
    exam = date(2026, 11, 10)
    card = None
    moment = NOW
    for _ in range(6):  # answered right again and again: intervals grow, but never past the exam
        item = record_answer(card, "q", correct=card is not None, flagged=False, now=moment, exam_date=exam)
        assert item is not None
        assert item.due < datetime(2026, 11, 10, tzinfo=UTC)
        card, moment = item.card_json, max(moment, item.due) + timedelta(minutes=1)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="UTC"):
        record_answer(None, "q", correct=False, flagged=False, now=datetime(2026, 1, 1))


def test_calibration_classes(fw) -> None:  # type: ignore[no-untyped-def]
    a = Assessment(framework=FrameworkRef(id="mini", version="1.0"))
    for sid in ("alpha.one", "alpha.two"):
        a = a.with_rating(sid, Rating(level=2))  # alpha self-rated 100
    for sid in ("beta.one", "beta.two"):
        a = a.with_rating(sid, Rating(level=0))  # beta self-rated 0
    report = score_assessment(fw, a)
    answers = [AnswerRecord(f"a{i}", "alpha", i < 4) for i in range(10)]  # 40%
    answers += [AnswerRecord(f"b{i}", "beta", i < 9) for i in range(10)]  # 90%
    kinds = {c.area_id: c.kind for c in calibrate(report, accuracy_by_area(fw, answers))}
    assert kinds == {"alpha": Calibration.OVER, "beta": Calibration.UNDER}
    few = calibrate(report, accuracy_by_area(fw, answers[:3]))
    assert {c.kind for c in few} == {Calibration.UNKNOWN}
    assert gap_adjustments(calibrate(report, accuracy_by_area(fw, answers))) == {"alpha": 1.25, "beta": 0.9}
