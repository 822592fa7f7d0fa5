"""Models that mirror the TOML files one to one (unknown keys are errors).

These are what authors write. :mod:`ctoprep.formats.loading` checks cross-references between them
and builds the resolved :class:`~ctoprep.core.models.framework.Framework`.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ctoprep.core.models.file_base import FileModel, Id, ShortText, Text
from ctoprep.core.models.vocabulary import ActivityFormat, Cadence

# framework.toml ----------------------------------------------------------------------------


class FrameworkMeta(FileModel):
    id: Id
    title: ShortText
    short_title: str = ""
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    source: Text = ""
    attribution: Text = ""
    licence: Text = ""
    description: Text = ""


class LevelFile(FileModel):
    value: Annotated[int, Field(ge=0, le=100)]
    label: ShortText
    descriptor: Text = ""


class ScaleFile(FileModel):
    id: Id
    title: ShortText
    levels: Annotated[list[LevelFile], Field(min_length=2, max_length=11)]

    @model_validator(mode="after")
    def _increasing(self) -> ScaleFile:
        values = [level.value for level in self.levels]
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError(f"level values must strictly increase, got {values}")
        return self


class PdFocusFile(FileModel):
    id: Id
    title: ShortText


class CategoryFile(FileModel):
    id: Id
    code: str = ""
    title: ShortText
    description: Text = ""
    areas: list[Id] = Field(min_length=1)


class CoreValueFile(FileModel):
    id: Id
    title: ShortText
    description: Text = ""
    indicators: list[Text] = []


class FrameworkFile(FileModel):
    framework: FrameworkMeta
    scale: ScaleFile
    pd_focuses: list[PdFocusFile] = []
    categories: list[CategoryFile] = Field(min_length=1)
    core_values: list[CoreValueFile] = []


# areas/*.toml --------------------------------------------------------------------------------


class AreaMeta(FileModel):
    id: Id
    code: str = ""
    title: ShortText
    description: Text = ""
    pd_focuses: list[Id] = []
    aliases: list[ShortText] = []


class SkillFile(FileModel):
    id: Id
    title: ShortText
    description: Text = ""
    indicators: list[Text] = []
    evidence: list[Text] = []
    level_descriptors: list[Text] | None = None
    calibration: Text = ""
    """A short example that separates level 2 from level 3, shown beside the rating."""
    mentor_questions: Annotated[list[Text], Field(max_length=6)] = []
    """Questions a mentor would ask to settle the level (three is the house style)."""
    see_also: list[Id] = []
    """Ids of other skills that own a related artifact; shown as cross-references."""
    crosswalk: list[ShortText] = []
    """Where the skill sits in outside frameworks, e.g. "NIST CSF 2.0: PR.AA" or "CIS Controls IG1: 5, 6"."""


class AreaFile(FileModel):
    area: AreaMeta
    skills: list[SkillFile] = []


# profiles.toml -------------------------------------------------------------------------------


class TargetFile(FileModel):
    area: Id | None = None
    skill: Id | None = None
    level: int | None = None
    min: int | None = None
    max: int | None = None
    importance: Annotated[float, Field(gt=0, le=5)] = 1.0
    rationale: Text = ""

    @model_validator(mode="after")
    def _shape(self) -> TargetFile:
        if (self.area is None) == (self.skill is None):
            raise ValueError("give exactly one of 'area' or 'skill'")
        if self.level is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either 'level' or 'min' and 'max', not both")
        if self.level is None and (self.min is None or self.max is None):
            raise ValueError("give 'level', or both 'min' and 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is above 'max' ({self.max})")
        return self


class ProfileFile(FileModel):
    id: Id
    title: ShortText
    description: Text = ""
    rationale: Text = ""
    default: bool = False
    targets: list[TargetFile] = []


class ProfilesFile(FileModel):
    profiles: list[ProfileFile] = []


# blueprint.toml ------------------------------------------------------------------------------


class ContentAreaFile(FileModel):
    id: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: ShortText
    category: Id | None = None
    weights: dict[Id, Annotated[float, Field(gt=0, le=100)]] = Field(min_length=1)


class BlueprintMeta(FileModel):
    id: Id
    title: ShortText
    item_count: Annotated[int, Field(ge=1, le=1000)]
    time_limit_minutes: Annotated[int, Field(ge=1, le=1440)] = 120
    score_min: int = 0
    score_max: int = 100
    pass_score: int
    difficulty_mix: list[Annotated[float, Field(ge=0)]] | None = None
    content_areas: list[ContentAreaFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _scores(self) -> BlueprintMeta:
        if not self.score_min < self.score_max:
            raise ValueError("score_min must be below score_max")
        if not self.score_min <= self.pass_score <= self.score_max:
            raise ValueError(f"pass_score {self.pass_score} is outside {self.score_min}..{self.score_max}")
        if self.difficulty_mix is not None and len(self.difficulty_mix) != 3:
            raise ValueError("difficulty_mix needs three numbers: percent at difficulty 1, 2 and 3")
        return self


class BlueprintFile(FileModel):
    blueprint: BlueprintMeta


# catalogue.toml ------------------------------------------------------------------------------


class DevelopsFile(FileModel):
    skill: Id | None = None
    area: Id | None = None
    strength: Annotated[int, Field(ge=1, le=3)] = 2

    @model_validator(mode="after")
    def _one(self) -> DevelopsFile:
        if (self.area is None) == (self.skill is None):
            raise ValueError("give exactly one of 'skill' or 'area'")
        return self


class CreditCategoryFile(FileModel):
    id: Id
    title: ShortText
    max_hours: Annotated[float, Field(gt=0)] | None = None


class ActivityFile(FileModel):
    id: Id
    title: ShortText
    description: Text = ""
    format: ActivityFormat
    cost_usd: Annotated[int, Field(ge=0, le=1_000_000)]
    hours: Annotated[float, Field(gt=0, le=2000)]
    months: Annotated[int, Field(ge=1, le=60)] = 1
    cadence: Cadence = Cadence.ONCE
    credit_category: Id | None = None
    produces: Text = ""
    where_to_find: Text = ""
    """Who offers it or where to look (a real organization where that is true; never an invented course)."""
    last_verified: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")] | None = None
    """When a person last checked the price and availability: YYYY-MM or YYYY-MM-DD."""
    develops: list[DevelopsFile] = Field(min_length=1)


class CatalogueFile(FileModel):
    credit_categories: list[CreditCategoryFile] = []
    activities: list[ActivityFile] = []


# recertification.toml ----------------------------------------------------------------------


class RecertCategoryFile(FileModel):
    """One kind of activity that earns credit toward renewing a certification."""

    id: Id
    title: ShortText
    description: Text = ""
    credit: Literal["hours", "each"] = "hours"
    """``hours``: one credit hour per hour spent; ``each``: a fixed number of hours per item (a certification)."""
    hours_each: Annotated[float, Field(gt=0, le=200)] | None = None
    """For ``credit = "each"``: the hours one item earns."""
    max_hours: Annotated[float, Field(gt=0)] | None = None
    """The most hours this category can count in one cycle (none: no cap stated)."""
    confirmed: bool = True
    """False when the certifying body's page for this rule was not found or read."""
    note: Text = ""

    @model_validator(mode="after")
    def _each_needs_hours(self) -> RecertCategoryFile:
        if self.credit == "each" and self.hours_each is None:
            raise ValueError("a category with credit = 'each' needs hours_each")
        return self


class RecertificationMeta(FileModel):
    """How a certification is renewed: a cycle, the hours it needs, and what counts."""

    id: Id
    title: ShortText
    body: ShortText
    """Who runs the certification (for example CoSN for the CETL)."""
    cycle_years: Annotated[int, Field(ge=1, le=10)]
    required_hours: Annotated[float, Field(gt=0, le=1000)]
    sources: list[Annotated[str, StringConstraints(max_length=500)]] = []
    """Pages the rules were read from."""
    last_verified: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    """When someone last checked the rules against the sources: YYYY-MM or YYYY-MM-DD."""
    rules: list[Text] = []
    """Conditions that apply to every activity, in plain words."""
    categories: list[RecertCategoryFile] = Field(min_length=1)


class RecertificationFile(FileModel):
    recertification: RecertificationMeta
