"""The resolved framework as plain JSON data, and back: what the framework cache and ``ctoprep show --json`` hold.

:func:`to_json_dict` gives every field in declaration order (tuples as lists, enums as their values), the
shape pydantic's ``model_dump(mode="json")`` gave when these were pydantic models. :func:`from_json_dict`
is its inverse, written by hand so that reading the cache needs no pydantic: the cache is ctoprep's own
file, written after the TOML files were validated, so it is not validated again field by field. Its
types and the references that lookups rely on are still checked, so a corrupt or planted file raises
:class:`ValueError` (the caller then reads the TOML files) instead of building a framework that breaks
later.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from ctoprep.core.models.framework import (
    Activity,
    Area,
    Blueprint,
    Catalogue,
    Category,
    ContentArea,
    CoreValue,
    CreditCategory,
    Development,
    Framework,
    Level,
    PdFocus,
    Profile,
    RecertCategory,
    Recertification,
    Scale,
    Skill,
    Target,
)
from ctoprep.core.models.vocabulary import ActivityFormat, Cadence

T = TypeVar("T")


class CacheFormatError(ValueError):
    """The data is not a framework as :func:`to_json_dict` writes one."""


def plain(value: Any) -> Any:
    """A dataclass value as JSON data: dataclasses as dicts of their fields in order, tuples as lists,
    enums as their values; everything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def to_json_dict(framework: Framework, *, shared_targets: bool = False) -> dict[str, Any]:
    """Every field of the framework as JSON data, in declaration order.

    With ``shared_targets`` (the cache's form), a profile's skill target that is its area's target is
    written as the string ``"area"``: most skills inherit their area's target, and writing each one
    out made profiles a third of the cache. :func:`from_json_dict` reads both forms.
    """
    data: dict[str, Any] = plain(framework)
    if shared_targets:
        area_of = {skill.id: skill.area_id for skill in framework.skills}
        for profile, written in zip(framework.profiles, data["profiles"], strict=True):
            targets = written["skill_targets"]
            for skill_id, target in profile.skill_targets.items():
                if target == profile.area_targets.get(area_of.get(skill_id, "")):
                    targets[skill_id] = AREA_TARGET
    return data


AREA_TARGET = "area"
"""A skill target written as this is its area's target (see :func:`to_json_dict`)."""


# -- reading back: each helper checks one JSON value's type ------------------------------------------


def _fail(what: str) -> CacheFormatError:
    return CacheFormatError(f"framework cache: {what}")


def _obj(value: object, cls: type) -> dict[str, Any]:
    """A JSON object with exactly the fields of ``cls``."""
    if type(value) is not dict or value.keys() != _names(cls):
        raise _fail(f"not a {cls.__name__}")
    return value


_NAMES: dict[type, set[str]] = {}


def _names(cls: type) -> set[str]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = {f.name for f in dataclasses.fields(cls)}
    return names


def _str(value: object) -> str:
    if type(value) is not str:
        raise _fail("expected a string")
    return value


def _int(value: object) -> int:
    if type(value) is not int:  # bool is not int here
        raise _fail("expected an integer")
    return value


def _float(value: object) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _fail("expected a number")


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise _fail("expected true or false")
    return value


def _opt(read: Callable[[object], T], value: object) -> T | None:
    return None if value is None else read(value)


def _list(read: Callable[[object], T], value: object) -> tuple[T, ...]:
    if type(value) is not list:
        raise _fail("expected a list")
    return tuple(read(v) for v in value)


def _strs(value: object) -> tuple[str, ...]:
    return _list(_str, value)


def _map(read: Callable[[object], T], value: object) -> dict[str, T]:
    if type(value) is not dict:
        raise _fail("expected an object")
    return {k: read(v) for k, v in value.items()}


def _level(value: object) -> Level:
    d = _obj(value, Level)
    return Level(value=_int(d["value"]), label=_str(d["label"]), descriptor=_str(d["descriptor"]))


def _scale(value: object) -> Scale:
    d = _obj(value, Scale)
    levels = _list(_level, d["levels"])
    if len(levels) < 2 or any(a.value >= b.value for a, b in itertools.pairwise(levels)):
        raise _fail("a scale needs two or more levels, lowest first")
    return Scale(id=_str(d["id"]), title=_str(d["title"]), levels=levels)


def _skill(value: object) -> Skill:
    d = _obj(value, Skill)
    return Skill(
        id=_str(d["id"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        indicators=_strs(d["indicators"]),
        evidence=_strs(d["evidence"]),
        level_descriptors=_opt(_strs, d["level_descriptors"]),
        area_id=_str(d["area_id"]),
        calibration=_str(d["calibration"]),
        mentor_questions=_strs(d["mentor_questions"]),
        see_also=_strs(d["see_also"]),
        crosswalk=_strs(d["crosswalk"]),
    )


def _area(value: object) -> Area:
    d = _obj(value, Area)
    return Area(
        id=_str(d["id"]),
        code=_str(d["code"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        pd_focuses=_strs(d["pd_focuses"]),
        aliases=_strs(d["aliases"]),
        category_id=_str(d["category_id"]),
        skills=_list(_skill, d["skills"]),
    )


def _category(value: object) -> Category:
    d = _obj(value, Category)
    return Category(
        id=_str(d["id"]),
        code=_str(d["code"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        areas=_list(_area, d["areas"]),
    )


def _pd_focus(value: object) -> PdFocus:
    d = _obj(value, PdFocus)
    return PdFocus(id=_str(d["id"]), title=_str(d["title"]))


def _core_value(value: object) -> CoreValue:
    d = _obj(value, CoreValue)
    return CoreValue(
        id=_str(d["id"]), title=_str(d["title"]), description=_str(d["description"]), indicators=_strs(d["indicators"])
    )


def _target(value: object) -> Target:
    d = _obj(value, Target)
    return Target(
        min=_int(d["min"]),
        max=_int(d["max"]),
        importance=_float(d["importance"]),
        rationale=_str(d["rationale"]),
        scope=_str(d["scope"]),
    )


def _profile(value: object, area_of: dict[str, str]) -> Profile:
    d = _obj(value, Profile)
    area_targets = _map(_target, d["area_targets"])

    def skill_target(skill_id: str, value: object) -> Target:
        if value == AREA_TARGET:
            target = area_targets.get(area_of.get(skill_id, ""))
            if target is None:
                raise _fail(f"skill {skill_id!r} has its area's target, and its area has none")
            return target
        return _target(value)

    skill_targets = d["skill_targets"]
    if type(skill_targets) is not dict:
        raise _fail("expected an object")
    return Profile(
        id=_str(d["id"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        rationale=_str(d["rationale"]),
        default=_bool(d["default"]),
        area_targets=area_targets,
        skill_targets={k: skill_target(k, v) for k, v in skill_targets.items()},
    )


def _content_area(value: object) -> ContentArea:
    d = _obj(value, ContentArea)
    return ContentArea(
        id=_str(d["id"]),
        title=_str(d["title"]),
        category_id=_opt(_str, d["category_id"]),
        weights=_map(_float, d["weights"]),
    )


def _blueprint(value: object) -> Blueprint:
    d = _obj(value, Blueprint)
    mix = _opt(lambda v: _list(_float, v), d["difficulty_mix"])
    if mix is not None and len(mix) != 3:
        raise _fail("difficulty_mix has three shares")
    return Blueprint(
        id=_str(d["id"]),
        title=_str(d["title"]),
        item_count=_int(d["item_count"]),
        time_limit_minutes=_int(d["time_limit_minutes"]),
        score_min=_int(d["score_min"]),
        score_max=_int(d["score_max"]),
        pass_score=_int(d["pass_score"]),
        difficulty_mix=(mix[0], mix[1], mix[2]) if mix is not None else None,
        content_areas=_list(_content_area, d["content_areas"]),
    )


def _credit_category(value: object) -> CreditCategory:
    d = _obj(value, CreditCategory)
    return CreditCategory(id=_str(d["id"]), title=_str(d["title"]), max_hours=_opt(_float, d["max_hours"]))


def _development(value: object) -> Development:
    d = _obj(value, Development)
    return Development(skill_id=_str(d["skill_id"]), strength=_int(d["strength"]))


def _activity(value: object) -> Activity:
    d = _obj(value, Activity)
    return Activity(
        id=_str(d["id"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        format=ActivityFormat(_str(d["format"])),
        cost_usd=_int(d["cost_usd"]),
        hours=_float(d["hours"]),
        months=_int(d["months"]),
        cadence=Cadence(_str(d["cadence"])),
        credit_category=_opt(_str, d["credit_category"]),
        produces=_str(d["produces"]),
        develops=_list(_development, d["develops"]),
        where_to_find=_str(d["where_to_find"]),
        last_verified=_opt(_str, d["last_verified"]),
    )


def _catalogue(value: object) -> Catalogue:
    d = _obj(value, Catalogue)
    return Catalogue(
        credit_categories=_list(_credit_category, d["credit_categories"]),
        activities=_list(_activity, d["activities"]),
    )


def _recert_category(value: object) -> RecertCategory:
    d = _obj(value, RecertCategory)
    return RecertCategory(
        id=_str(d["id"]),
        title=_str(d["title"]),
        description=_str(d["description"]),
        credit=_str(d["credit"]),
        hours_each=_opt(_float, d["hours_each"]),
        max_hours=_opt(_float, d["max_hours"]),
        confirmed=_bool(d["confirmed"]),
        note=_str(d["note"]),
    )


def _recertification(value: object) -> Recertification:
    d = _obj(value, Recertification)
    return Recertification(
        id=_str(d["id"]),
        title=_str(d["title"]),
        body=_str(d["body"]),
        cycle_years=_int(d["cycle_years"]),
        required_hours=_float(d["required_hours"]),
        sources=_strs(d["sources"]),
        last_verified=_str(d["last_verified"]),
        rules=_strs(d["rules"]),
        categories=_list(_recert_category, d["categories"]),
    )


def from_json_dict(data: object) -> Framework:
    """The framework :func:`to_json_dict` wrote.

    Raises:
        ValueError: anything else (a wrong type, a missing or unknown field, a reference that does not
            resolve); never another exception for any JSON value.
    """
    d = _obj(data, Framework)
    categories = _list(_category, d["categories"])
    area_of = {skill.id: area.id for category in categories for area in category.areas for skill in area.skills}
    framework = Framework(
        id=_str(d["id"]),
        title=_str(d["title"]),
        short_title=_str(d["short_title"]),
        version=_str(d["version"]),
        source=_str(d["source"]),
        attribution=_str(d["attribution"]),
        licence=_str(d["licence"]),
        description=_str(d["description"]),
        scale=_scale(d["scale"]),
        pd_focuses=_list(_pd_focus, d["pd_focuses"]),
        categories=categories,
        core_values=_list(_core_value, d["core_values"]),
        profiles=_list(lambda p: _profile(p, area_of), d["profiles"]),
        blueprint=_opt(_blueprint, d["blueprint"]),
        catalogue=_catalogue(d["catalogue"]),
        recertification=_opt(_recertification, d["recertification"]),
        content_hash=_str(d["content_hash"]),
        path=_str(d["path"]),
    )
    _check_references(framework)
    return framework


def _check_references(framework: Framework) -> None:
    """What the lookups and the rules take for granted: unique ids, each skill in its own area, targets
    and weights that name known skills and areas, targets on the scale."""
    areas = framework.areas
    if not framework.skills:
        raise _fail("no skills")
    if len(framework.area_by_id) != len(areas) or len(framework.skill_by_id) != len(framework.skills):
        raise _fail("duplicate area or skill ids")
    for category in framework.categories:
        for area in category.areas:
            if area.category_id != category.id or any(s.area_id != area.id for s in area.skills):
                raise _fail(f"area {area.id!r} is out of place")
    values = set(framework.scale.values)
    for profile in framework.profiles:
        pairs = ((profile.area_targets, framework.area_by_id), (profile.skill_targets, framework.skill_by_id))
        for targets, known in pairs:
            for key, target in targets.items():
                if key not in known or target.min not in values or target.max not in values:
                    raise _fail(f"profile {profile.id!r} has a target off the framework")
    if framework.blueprint is not None:
        for content_area in framework.blueprint.content_areas:
            if any(a not in framework.area_by_id for a in content_area.weights):
                raise _fail("blueprint weights name an unknown area")
    for activity in framework.catalogue.activities:
        if any(d.skill_id not in framework.skill_by_id for d in activity.develops):
            raise _fail(f"activity {activity.id!r} develops an unknown skill")
