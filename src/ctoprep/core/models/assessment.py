"""One person's ratings of one framework version, by one rater (self or mentor)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ASSESSMENT_FORMAT: Literal["ctoprep.assessment"] = "ctoprep.assessment"
ASSESSMENT_SCHEMA_VERSION = 1

PlainText = Annotated[str, StringConstraints(max_length=20_000)]
Name = Annotated[str, StringConstraints(max_length=200)]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _sane_time(value: datetime) -> datetime:
    """A time ctoprep can compare, convert and store: years 1900-2200 that survive conversion to UTC.

    ``0001-01-01T00:00:00+05:00`` is valid ISO 8601 but overflows when converted; it is refused here,
    with the file's key path, instead of crashing later.
    """
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
    """A rating of one skill. ``level is None`` means explicitly *not rated* (skipped)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    level: int | None = None
    evidence: PlainText = ""
    confidence: Confidence | None = None
    rated_at: Stamp = Field(default_factory=utc_now)


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

    def with_rating(self, skill_id: str, rating: Rating, *, core_value: bool = False) -> Assessment:
        """A copy with one rating set (or replaced)."""
        field = "core_values" if core_value else "ratings"
        updated = {**getattr(self, field), skill_id: rating}
        return self.model_copy(update={field: updated, "updated_at": rating.rated_at})

    def level_of(self, skill_id: str) -> int | None:
        rating = self.ratings.get(skill_id)
        return rating.level if rating else None
