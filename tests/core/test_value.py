"""The shared __eq__, __hash__ and __repr__ of the resolved values behave as dataclass's own would."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.framework import Level, Target
from ctoprep.core.models.value import Value
from ctoprep.core.scoring import score_assessment
from tests.core.engine_helpers import assess, cosn_like


def twin(value: Any) -> Any:
    """The same values in a dataclass that generates its own methods."""
    cls = type(value)
    fields = [(f.name, Any, dataclasses.field(repr=f.repr)) for f in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__qualname__, fields, frozen=True, kw_only=True)
    return made(**{f.name: getattr(value, f.name) for f in dataclasses.fields(cls)})


@pytest.mark.parametrize(
    "value",
    [Level(value=1, label="One"), Target(min=1, max=2, importance=1.5), Target(min=1, max=1, rationale="x")],
    ids=repr,
)
def test_as_dataclass_would_generate(value: Value) -> None:
    other = twin(value)
    assert repr(value) == repr(other)
    assert hash(value) == hash(other)
    assert value == dataclasses.replace(value)
    assert value != twin(value)  # another class is never equal, as with dataclass
    assert (value == 1) is False


def test_repr_leaves_out_the_fields_declared_so() -> None:
    framework = cosn_like(n_activities=3)
    scores = score_assessment(framework, assess(framework, {}))
    shown = repr(scores)
    assert shown.startswith("ScoreReport(levels=")
    assert "framework=" not in shown
    assert "assessment=" not in shown
    assert repr(find_gaps(framework, scores)).startswith("GapReport(adjustments=")


def test_unequal_fields_and_unhashable_fields() -> None:
    assert Target(min=1, max=2) != Target(min=1, max=3)
    assert len({Target(min=1, max=2), Target(min=1, max=2)}) == 1
    framework = cosn_like(n_activities=3)
    with pytest.raises(TypeError, match="unhashable"):
        hash(framework.profiles[0])  # it holds dicts, as with dataclass
