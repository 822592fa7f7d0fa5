"""The resolved framework: every reference checked, lookups built. Frozen; rules read it.

Plain frozen dataclasses, not pydantic models: the files are validated by the file models
(:mod:`ctoprep.core.models.files`) before anything here is built, and the framework cache is decoded by
:mod:`ctoprep.core.models.framework_json`. So a command that reads the cache never imports pydantic.
Every field is keyword-only, as pydantic's were.
"""

from __future__ import annotations

from dataclasses import field
from functools import cached_property

from ctoprep.core.models.value import Value, value_class
from ctoprep.core.models.vocabulary import ActivityFormat, Cadence


@value_class
class Level(Value):
    """One level of the rating scale: its value, label and what it means."""

    value: int
    label: str
    descriptor: str = ""


@value_class
class Scale(Value):
    """The rating scale: its levels, lowest first (values strictly increase)."""

    id: str
    title: str
    levels: tuple[Level, ...]

    @property
    def min(self) -> int:
        return self.levels[0].value

    @property
    def max(self) -> int:
        return self.levels[-1].value

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    def label(self, value: int | None) -> str:
        for level in self.levels:
            if level.value == value:
                return level.label
        return "not rated"

    def to_percent(self, value: float) -> float:
        """Position of a (possibly fractional) level on 0–100."""
        return (value - self.min) / (self.max - self.min) * 100.0


@value_class
class Skill(Value):
    """A skill to rate, with what it looks like in practice and the area it belongs to."""

    id: str
    title: str
    description: str = ""
    indicators: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    level_descriptors: tuple[str, ...] | None = None
    area_id: str
    calibration: str = ""
    mentor_questions: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    crosswalk: tuple[str, ...] = ()


@value_class
class Area(Value):
    """A skill area (one file in ``areas/``) and its skills, in the order the file gives them."""

    id: str
    code: str = ""
    title: str
    description: str = ""
    pd_focuses: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    category_id: str
    skills: tuple[Skill, ...]


@value_class
class Category(Value):
    """A group of areas, as ``framework.toml`` lists them."""

    id: str
    code: str = ""
    title: str
    description: str = ""
    areas: tuple[Area, ...]


@value_class
class PdFocus(Value):
    """A professional-development focus that areas can name."""

    id: str
    title: str


@value_class
class CoreValue(Value):
    """A core value, rated apart from the skills."""

    id: str
    title: str
    description: str = ""
    indicators: tuple[str, ...] = ()


@value_class
class Target(Value):
    """A target range on the scale (min == max for a single level) and its importance."""

    min: int
    max: int
    importance: float = 1.0
    rationale: str = ""
    scope: str = "area"
    """'area' when inherited from the area's target, 'skill' when set for the skill itself."""


@value_class
class Profile(Value):
    """A target profile: the level each skill should reach, with its rationale."""

    id: str
    title: str
    description: str = ""
    rationale: str = ""
    default: bool = False
    area_targets: dict[str, Target] = field(default_factory=dict)
    skill_targets: dict[str, Target] = field(default_factory=dict)
    """Every skill's effective target: its own, else its area's. Skills without one are absent."""


@value_class
class ContentArea(Value):
    """A content area of the exam: the areas it covers and their weights (percent of the exam)."""

    id: str
    title: str
    category_id: str | None = None
    weights: dict[str, float]

    @property
    def weight(self) -> float:
        return sum(self.weights.values())


@value_class(slots=False)  # no slots: cached_property needs a __dict__
class Blueprint(Value):
    """The exam: items, time, scores and how its content areas are weighted."""

    id: str
    title: str
    item_count: int
    time_limit_minutes: int
    score_min: int
    score_max: int
    pass_score: int
    difficulty_mix: tuple[float, float, float] | None = None
    content_areas: tuple[ContentArea, ...]

    @cached_property
    def area_weights(self) -> dict[str, float]:
        """Area id -> percent of the exam."""
        return {a: w for ca in self.content_areas for a, w in ca.weights.items()}

    @cached_property
    def content_area_of(self) -> dict[str, str]:
        return {a: ca.id for ca in self.content_areas for a in ca.weights}


@value_class
class CreditCategory(Value):
    """A kind of PD credit an activity can earn, and the most hours it can count."""

    id: str
    title: str
    max_hours: float | None = None


@value_class
class Development(Value):
    """How strongly (1-3) an activity develops one skill."""

    skill_id: str
    strength: int


@value_class
class Activity(Value):
    """A PD activity from the catalog: what it costs, how long it takes, which skills it develops."""

    id: str
    title: str
    description: str = ""
    format: ActivityFormat
    cost_usd: int
    hours: float
    months: int = 1
    cadence: Cadence = Cadence.ONCE
    credit_category: str | None = None
    produces: str = ""
    develops: tuple[Development, ...]
    where_to_find: str = ""
    last_verified: str | None = None


@value_class
class Catalogue(Value):
    """The PD catalog: credit categories and activities."""

    credit_categories: tuple[CreditCategory, ...] = ()
    activities: tuple[Activity, ...] = ()


@value_class
class RecertCategory(Value):
    """One kind of activity that earns credit toward renewing a certification."""

    id: str
    title: str
    description: str = ""
    credit: str = "hours"
    hours_each: float | None = None
    max_hours: float | None = None
    confirmed: bool = True
    note: str = ""

    def credited(self, amount: float) -> float:
        """Hours one entry earns: ``amount`` hours, or ``amount`` items times the hours each."""
        return amount * (self.hours_each or 0) if self.credit == "each" else amount


@value_class
class Recertification(Value):
    """How a certification is renewed: a cycle, the hours it needs, and what counts."""

    id: str
    title: str
    body: str
    cycle_years: int
    required_hours: float
    sources: tuple[str, ...] = ()
    last_verified: str
    rules: tuple[str, ...] = ()
    categories: tuple[RecertCategory, ...]

    @property
    def category_by_id(self) -> dict[str, RecertCategory]:
        return {c.id: c for c in self.categories}


@value_class(slots=False)  # no slots: cached_property needs a __dict__
class Framework(Value):
    """A resolved framework: every file read and checked, every reference resolved."""

    id: str
    title: str
    short_title: str = ""
    version: str
    source: str = ""
    attribution: str = ""
    licence: str = ""
    description: str = ""
    scale: Scale
    pd_focuses: tuple[PdFocus, ...] = ()
    categories: tuple[Category, ...]
    core_values: tuple[CoreValue, ...] = ()
    profiles: tuple[Profile, ...] = ()
    blueprint: Blueprint | None = None
    catalogue: Catalogue = field(default_factory=Catalogue)
    recertification: Recertification | None = None
    content_hash: str = ""
    path: str = ""

    @cached_property
    def areas(self) -> tuple[Area, ...]:
        return tuple(area for cat in self.categories for area in cat.areas)

    @cached_property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(skill for area in self.areas for skill in area.skills)

    @cached_property
    def area_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def profile_by_id(self) -> dict[str, Profile]:
        return {p.id: p for p in self.profiles}

    @cached_property
    def activity_by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.catalogue.activities}

    @property
    def default_profile(self) -> Profile | None:
        for profile in self.profiles:
            if profile.default:
                return profile
        return self.profiles[0] if self.profiles else None

    def area_of(self, skill_id: str) -> Area:
        return self.area_by_id[self.skill_by_id[skill_id].area_id]

    def find_area(self, name_or_id: str) -> Area | None:
        """An area by id, title or alias (case-insensitive)."""
        wanted = name_or_id.casefold()
        for area in self.areas:
            if wanted in {area.id, area.code.casefold(), area.title.casefold()} | {a.casefold() for a in area.aliases}:
                return area
        return None
