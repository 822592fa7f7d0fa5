"""Models built with ``trusted`` are whole and valid: exactly what validation would have built."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from ctoprep.core.gaps import AreaGap, GapReport, SkillGap, find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.planning import (
    Contribution,
    LeftOut,
    Plan,
    PlanLimits,
    PlanMonth,
    PlannedActivity,
    SkillRerate,
    build_plan,
)
from ctoprep.core.scoring import GroupScore, ScoreReport, SkillScore, SkillStatus, score_assessment
from ctoprep.core.trusted import check_trusted_model, trusted
from tests.core.engine_helpers import START, assess, cosn_like

RESULT_MODELS = [
    SkillScore,
    GroupScore,
    ScoreReport,
    SkillGap,
    AreaGap,
    GapReport,
    Contribution,
    PlannedActivity,
    PlanMonth,
    SkillRerate,
    LeftOut,
    Plan,
]


@pytest.mark.parametrize("cls", RESULT_MODELS, ids=lambda c: c.__name__)
def test_result_models_suit_trusted_construction(cls: type[BaseModel]) -> None:
    check_trusted_model(cls)


def test_trusted_builds_what_model_construct_builds() -> None:
    values = {
        "skill_id": "a",
        "area_id": "b",
        "level": 2,
        "score": 50.0,
        "status": SkillStatus.RATED,
        "has_evidence": True,
    }
    fast = trusted(SkillScore, dict(values))
    slow = SkillScore.model_construct(**values)
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump() == slow.model_dump()
    with pytest.raises(ValueError, match="frozen"):
        fast.level = 3  # type: ignore[misc]


LAZY_RESULTS = {
    ScoreReport: ("skills", "areas", "categories", "pd_focuses", "content_areas", "overall", "exam"),
    GapReport: ("skills", "gaps", "strengths", "areas"),
}
"""The result objects the two reports build when first read, rather than hold as fields."""


def models_in(value: object) -> Iterator[BaseModel]:
    if isinstance(value, Framework | Profile | Assessment):
        return  # the inputs a result refers to, not a result
    if isinstance(value, BaseModel):
        yield value
        for name in (*type(value).model_fields, *LAZY_RESULTS.get(type(value), ())):
            yield from models_in(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from models_in(item)


def test_every_result_is_complete_and_valid() -> None:
    framework = cosn_like(n_activities=30)
    assessment = assess(framework, {s.id: (i % 6 or None) and i % 5 for i, s in enumerate(framework.skills)})
    scores = score_assessment(framework, assessment)
    gaps = find_gaps(framework, scores)
    plan = build_plan(framework, gaps, PlanLimits(budget_usd=500, hours_per_month=8, months=6, start=START))
    assert isinstance(scores, ScoreReport)
    assert isinstance(gaps, GapReport)
    assert isinstance(plan, Plan)
    seen = set()
    for model in [*models_in(scores), *models_in(gaps), *models_in(plan)]:
        cls = type(model)
        seen.add(cls)
        assert set(model.__dict__) >= set(cls.model_fields), f"{cls.__name__} misses fields"
        assert cls.model_validate(model.model_dump()) == model, f"{cls.__name__} holds values its types refuse"
    assert plan.activities
    assert plan.left_out
    assert seen == {*RESULT_MODELS, PlanLimits}
