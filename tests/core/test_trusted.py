"""Values built without validation are whole and valid: exactly what validation would have built.

The result models (scores, gaps, plans) are frozen dataclasses the core fills itself; the pydantic
models still filled with ``trusted`` (a cohort's rows, a question bank) must build what
``model_construct`` builds.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, create_model

from ctoprep.core.cohort import HeatCell, MemberRow
from ctoprep.core.gaps import AreaGap, GapReport, SkillGap, find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.questions import BankMeta, Option, Question, QuestionBank, QuestionBankFile
from ctoprep.core.models.value import Value
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
from ctoprep.core.scoring import GroupScore, ScoreReport, SkillScore, score_assessment
from ctoprep.core.trusted import check_trusted_model, trusted, trusted_each
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

TRUSTED_MODELS: list[type[BaseModel]] = [
    HeatCell,
    MemberRow,
    QuestionBank,
    QuestionBankFile,
    BankMeta,
    Question,
    Option,
]


@pytest.mark.parametrize("cls", TRUSTED_MODELS, ids=lambda c: c.__name__)
def test_models_built_with_trusted_suit_it(cls: type[BaseModel]) -> None:
    check_trusted_model(cls)


def test_trusted_builds_what_model_construct_builds() -> None:
    values = {
        "area_id": "a",
        "score": 50.0,
        "mean_level": 2.0,
        "gap": 0.5,
        "below": 1,
        "rated": 2,
        "total": 3,
        "reliable": False,
    }
    fast = trusted(HeatCell, dict(values))
    slow = HeatCell.model_construct(**values)
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump() == slow.model_dump()
    with pytest.raises(ValueError, match="frozen"):
        fast.below = 3  # type: ignore[misc]


def test_trusted_each_builds_what_trusted_builds() -> None:
    rows = [{"text": f"option {i}", "why": "because" * i} for i in range(5)]
    fast = trusted_each(Option, [dict(row) for row in rows])
    slow = [Option.model_construct(**row) for row in rows]
    assert fast == slow
    assert [type(m) for m in fast] == [Option] * 5
    assert [m.model_fields_set for m in fast] == [m.model_fields_set for m in slow]
    assert [m.model_dump() for m in fast] == rows
    assert fast[0].__pydantic_extra__ is None
    assert fast[0].__pydantic_private__ is None
    with pytest.raises(ValueError, match="frozen"):
        fast[0].text = "changed"  # type: ignore[misc]
    assert trusted_each(Option, []) == []


def test_instances_built_by_trusted_each_do_not_change_each_others_field_set() -> None:
    first, second = trusted_each(Option, [{"text": "a", "why": ""}, {"text": "b", "why": ""}])
    copied = first.model_copy(update={"why": "changed"})
    assert copied.why == "changed"
    assert copied.model_fields_set is not first.model_fields_set  # pydantic copies it before adding to it
    assert second.model_fields_set == {"text", "why"}
    assert first.model_fields_set == {"text", "why"}


def test_trusted_each_refuses_a_model_that_is_not_frozen() -> None:
    loose = create_model("Loose", text=(str, ...))
    with pytest.raises(TypeError, match="not frozen"):
        trusted_each(loose, [{"text": "a"}])


def test_check_trusted_model_refuses_a_model_with_its_own_new() -> None:
    class Odd(BaseModel):
        model_config = ConfigDict(frozen=True)
        x: int

        def __new__(cls, *args: Any, **kwargs: Any) -> Odd:
            return super().__new__(cls)

    with pytest.raises(TypeError, match="own construction"):
        check_trusted_model(Odd)


@pytest.mark.parametrize("cls", RESULT_MODELS, ids=lambda c: c.__name__)
def test_result_models_are_frozen_dataclasses(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)
    # frozen as @value_class makes them (tests/core/test_value.py): Value refuses assignment
    assert issubclass(cls, Value)
    assert cls.__setattr__ is Value.__setattr__
    assert not issubclass(cls, BaseModel)


LAZY_RESULTS = {
    ScoreReport: ("skills", "areas", "categories", "pd_focuses", "content_areas", "overall", "exam"),
    GapReport: ("skills", "gaps", "strengths", "areas"),
}
"""The result objects the two reports build when first read, rather than hold as fields."""


def results_in(value: object) -> Iterator[Any]:
    if isinstance(value, Framework | Profile | Assessment):
        return  # the inputs a result refers to, not a result
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        names = [f.name for f in dataclasses.fields(value)]
        for name in (*names, *LAZY_RESULTS.get(type(value), ())):
            yield from results_in(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from results_in(item)


def _strict(cls: type) -> type[BaseModel]:
    """A model of the fields of ``cls``, validating strictly (a str is not an int, a list not a tuple);
    the results nested in it are checked on their own."""
    fields: dict[str, Any] = {name: (hint, ...) for name, hint in typing.get_type_hints(cls).items()}
    config = ConfigDict(strict=True, arbitrary_types_allowed=True)
    return create_model(f"{cls.__name__}Check", __config__=config, **fields)


def test_every_result_is_complete_and_of_its_types() -> None:
    framework = cosn_like(n_activities=30)
    assessment = assess(framework, {s.id: (i % 6 or None) and i % 5 for i, s in enumerate(framework.skills)})
    scores = score_assessment(framework, assessment)
    gaps = find_gaps(framework, scores)
    plan = build_plan(framework, gaps, PlanLimits(budget_usd=500, hours_per_month=8, months=6, start=START))
    assert isinstance(scores, ScoreReport)
    assert isinstance(gaps, GapReport)
    assert isinstance(plan, Plan)
    seen = set()
    checks: dict[type, type[BaseModel]] = {}
    for result in [*results_in(scores), *results_in(gaps), *results_in(plan)]:
        cls = type(result)
        seen.add(cls)
        if cls in (ScoreReport, GapReport):
            continue  # they hold the framework, the assessment and the profile: inputs, not results
        check = checks.setdefault(cls, _strict(cls))
        values = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
        assert dict(check.model_validate(values)) == values, f"{cls.__name__} holds values its types refuse"
    assert plan.activities
    assert plan.left_out
    assert seen == {*RESULT_MODELS, PlanLimits}


@pytest.mark.parametrize(
    "values",
    [
        {"budget_usd": -1},
        {"budget_usd": 10_000_001},
        {"hours_per_month": 745},
        {"hours_per_month": float("nan")},
        {"months": 0},
        {"months": 61},
        {"months": "6"},
    ],
)
def test_plan_limits_refuse_what_no_plan_can_have(values: dict[str, Any]) -> None:
    (name,) = values
    with pytest.raises(ValueError, match=f"^{name} must be"):
        PlanLimits(**{"start": START, **values})


def test_plan_limits_hold_hours_as_a_float() -> None:
    limits = PlanLimits(budget_usd=0, hours_per_month=6, months=1, start=START)
    assert type(limits.hours_per_month) is float
