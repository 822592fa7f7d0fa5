"""One person's ratings of one framework version, by one rater (self or mentor)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

ASSESSMENT_FORMAT: Literal["ctoprep.assessment"] = "ctoprep.assessment"
ASSESSMENT_SCHEMA_VERSION = 2
"""2: a rating says ``skipped`` (deliberately not rated) apart from notes kept before a level is chosen."""

PlainText = Annotated[str, StringConstraints(max_length=20_000)]
Name = Annotated[str, StringConstraints(max_length=200)]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _sane_time(value: datetime) -> datetime:
    """A time ctoprep can compare, convert and store: years 1900-2200 that survive conversion to UTC.

    ``0001-01-01T00:00:00+05:00`` is valid ISO 8601 but overflows when converted; it is refused here,
    with the file's key path, instead of crashing later.
    """
    if 1901 <= value.year <= 2199:
        return value  # a zone offset moves the year by at most one: in range in UTC too
    try:
        in_utc = value.astimezone(UTC) if value.tzinfo is not None else value
    except OverflowError:
        raise ValueError("date is out of range (years 1900 to 2200)") from None
    if not 1900 <= in_utc.year <= 2200:
        raise ValueError("date is out of range (years 1900 to 2200)")
    return value


Stamp = Annotated[datetime, AfterValidator(_sane_time)]
ShortId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
"""Ids and profile names in assessment files: long enough for any real id, short enough to refuse a 4 MB one."""


class RaterRole(StrEnum):
    SELF = "self"
    MENTOR = "mentor"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Rating(BaseModel):
    """A rating of one skill.

    A skill is *done* when it has a level, or when the person chose "not rated" (``skipped``). Evidence
    or a confidence recorded before a level is chosen is kept, but the skill is still to be rated.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    level: int | None = None
    evidence: PlainText = ""
    confidence: Confidence | None = None
    rated_at: Stamp = Field(default_factory=utc_now)
    skipped: bool = False

    @property
    def done(self) -> bool:
        """Rated, or deliberately marked not rated."""
        return self.level is not None or self.skipped


class Rater(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    role: RaterRole = RaterRole.SELF
    name: Name = ""


class FrameworkRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: ShortId
    version: Annotated[str, StringConstraints(max_length=200)]
    content_hash: Annotated[str, StringConstraints(max_length=200)] = ""


class Assessment(BaseModel):
    """The versioned JSON document; rules never mutate it, they return new values."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    format: Literal["ctoprep.assessment"] = ASSESSMENT_FORMAT
    schema_version: int = ASSESSMENT_SCHEMA_VERSION
    id: ShortId = Field(default_factory=lambda: secrets.token_hex(16))
    framework: FrameworkRef
    person: Name = ""
    rater: Rater = Rater()
    profile: ShortId | None = None
    created_at: Stamp = Field(default_factory=utc_now)
    updated_at: Stamp = Field(default_factory=utc_now)
    ratings: Annotated[dict[ShortId, Rating], Field(max_length=5000)] = {}
    core_values: Annotated[dict[ShortId, Rating], Field(max_length=5000)] = {}
    position: ShortId | None = None
    """The skill id the rater was on last: where the app resumes."""

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Version 1 files had no ``skipped``: there a rating without a level always meant "not rated"."""
        if not isinstance(data, dict) or data.get("schema_version", ASSESSMENT_SCHEMA_VERSION) >= 2:
            return data
        upgraded = dict(data)
        for field in ("ratings", "core_values"):
            ratings = data.get(field)
            if isinstance(ratings, dict):
                upgraded[field] = {
                    key: (
                        {**value, "skipped": True}
                        if isinstance(value, dict) and value.get("level") is None and "skipped" not in value
                        else value
                    )
                    for key, value in ratings.items()
                }
        upgraded["schema_version"] = ASSESSMENT_SCHEMA_VERSION
        return upgraded

    def is_done(self, skill_id: str) -> bool:
        """The skill has a level or was deliberately marked not rated."""
        rating = self.ratings.get(skill_id)
        return rating is not None and rating.done

    def with_rating(self, skill_id: str, rating: Rating, *, core_value: bool = False) -> Assessment:
        """A copy with one rating set (or replaced)."""
        field = "core_values" if core_value else "ratings"
        updated = {**getattr(self, field), skill_id: rating}
        return self.model_copy(update={field: updated, "updated_at": rating.rated_at})

    def level_of(self, skill_id: str) -> int | None:
        rating = self.ratings.get(skill_id)
        return rating.level if rating else None
