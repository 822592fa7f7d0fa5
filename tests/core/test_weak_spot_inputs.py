"""Gap reports become weak-spot priorities with short reasons ("Area beta: 2 levels below target")."""

from __future__ import annotations

from pathlib import Path

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.practice import AreaAccuracy, choose_weak_spots, weak_spot_inputs
from ctoprep.formats.loading import load_framework
from tests.conftest import write_mini
from tests.core.practice_helpers import generated_bank


def test_gaps_become_priorities_and_reasons(tmp_path: Path) -> None:
    fw = load_framework(write_mini(tmp_path))
    a = Assessment(framework=FrameworkRef(id="mini", version="1.0"))
    for sid in ("alpha.one", "alpha.two"):
        a = a.with_rating(sid, Rating(level=0))  # target 2: two levels below
    for sid in ("beta.one", "beta.two"):
        a = a.with_rating(sid, Rating(level=2))  # at or above target
    gaps = find_gaps(fw, a, "p")
    accuracy = {"alpha": AreaAccuracy("alpha", "Area alpha", 9, 20)}
    inputs = weak_spot_inputs(gaps, accuracy, due=["beta.one-01"])
    assert inputs.area_reason == {"alpha": "Area alpha: 2 levels below target"}
    assert inputs.area_priority["alpha"] > inputs.area_priority["beta"] == 0
    assert inputs.due == ("beta.one-01",)
    spots = choose_weak_spots(generated_bank(fw), inputs, 3)
    assert spots[0].question_id == "beta.one-01"
    assert spots[1].reason == "Area alpha: 2 levels below target; 45% correct so far"


def test_without_an_assessment_only_accuracy_and_reviews_count() -> None:
    inputs = weak_spot_inputs(None, {}, ())
    assert inputs.area_priority == {}
    assert inputs.area_reason == {}
