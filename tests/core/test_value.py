"""The resolved values (``@value_class`` on :class:`Value`) behave as frozen dataclasses would: construction,
defaults, ``__post_init__``, immutability, equality, hashing, repr, ``replace``, copy and pickle."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.framework import Level, Target
from ctoprep.core.models.value import Value, value_class
from ctoprep.core.scoring import score_assessment
from tests.conftest import run_fresh
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


# --- @value_class builds what dataclass(frozen=True, kw_only=True) would -----------------------------


@value_class
class Sample(Value):
    """A value with every kind of field the models use."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    notes: list[str] = dataclasses.field(default_factory=list, repr=False)
    derived: int = dataclasses.field(default=-1, init=False)
    seen: list[str] = dataclasses.field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError("count must not be negative")
        object.__setattr__(self, "derived", self.count * 2)


def _same_field(f: dataclasses.Field[Any]) -> Any:
    return dataclasses.field(default=f.default, default_factory=f.default_factory, init=f.init, repr=f.repr)


def _twin(name: str) -> dict[str, Any]:
    """A class namespace with Sample's fields and __post_init__, for a class made another way."""
    fields = dataclasses.fields(Sample)
    return {
        "__module__": __name__,
        "__doc__": f"{name}: Sample's fields and __post_init__.",
        "__annotations__": {f.name: f.type for f in fields},
        "__post_init__": Sample.__post_init__,
        **{f.name: _same_field(f) for f in fields},
    }


SampleWithDict: Any = value_class(slots=False)(type("SampleWithDict", (Value,), _twin("SampleWithDict")))
"""Sample's fields in a class without slots (as the models that cache properties are)."""

Reference: Any = dataclasses.dataclass(frozen=True, kw_only=True)(type("Reference", (), _twin("Reference")))
"""Sample's fields and __post_init__, with the methods dataclass generates."""


def _state(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "count", "tags", "notes", "derived", "seen", "other"]),
        st.one_of(st.integers(-2, 3), st.text(max_size=3), st.lists(st.text(max_size=2), max_size=2).map(tuple)),
        max_size=5,
    )
)
def test_construction_matches_dataclass(kwargs: dict[str, Any]) -> None:
    """Every call either builds the same fields or fails with the same kind of error."""
    outcomes: list[tuple[str, object]] = []
    for cls in (Sample, SampleWithDict, Reference):
        try:
            outcomes.append(("ok", _state(cls(**kwargs))))
        except (TypeError, ValueError) as exc:
            outcomes.append(("error", type(exc)))
    assert outcomes[0] == outcomes[1] == outcomes[2]


def test_errors_name_the_argument() -> None:
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'name'"):
        Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'other'"):
        Sample(name="a", other=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'derived'"):
        Sample(name="a", derived=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Sample("a")  # type: ignore[misc]  # keyword-only, as the models always were


def test_frozen_slotted_and_fresh_defaults() -> None:
    one, two = Sample(name="a", count=2), Sample(name="a", count=2)
    assert one == two
    assert one is not two
    assert one.derived == 4
    assert one.notes == []
    assert one.notes is not two.notes
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.count = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del one.name  # type: ignore[misc]
    assert not hasattr(one, "__dict__")  # slots, as dataclass(slots=True) makes them
    assert repr(one) == "Sample(name='a', count=2, tags=(), derived=4, seen=[])"
    assert Sample.__init__.__qualname__ == "Sample.__init__"


def test_replace_copy_and_pickle() -> None:
    one = Sample(name="a", count=1, tags=("x",))
    changed = dataclasses.replace(one, count=3)
    assert (changed.count, changed.derived, changed.tags) == (3, 6, ("x",))
    assert copy.copy(one) == one
    assert copy.deepcopy(one) == one
    assert pickle.loads(pickle.dumps(one)) == one


def test_only_values() -> None:
    with pytest.raises(TypeError, match="subclass of Value"):
        value_class(Reference)  # type: ignore[type-var]


def test_a_class_without_a_docstring_costs_no_signature_parsing() -> None:
    """dataclass words a missing docstring from inspect.signature, which for a class whose __init__ is not
    made yet parses object's text signature with tokenize (~7 ms of regular expressions, once)."""
    code = (
        "from ctoprep.core.models.value import Value, value_class\n"
        "@value_class\n"
        "class Bare(Value):\n"
        "    a: int\n"
        "    b: str = ''\n"
        "import tokenize\n"
        "assert tokenize._compile.cache_info().currsize == 0, 'tokenize compiled its expressions'\n"
        "assert Bare.__doc__ == 'Bare(a, b)', Bare.__doc__\n"
        "assert Bare(a=1).b == ''\n"
    )
    run_fresh(code, timeout=60)
