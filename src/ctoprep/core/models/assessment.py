"""One person's ratings of one framework version, by one rater (self or mentor)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ASSESSMENT_FORMAT: Literal["ctoprep.assessment"] = "ctoprep.assessment"
ASSESSMENT_SCHEMA_VERSION = 1

PlainText = Annotated[str, StringConstraints(max_length=20_000)]
Name = Annotated[str, StringConstraints(max_length=200)]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


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
    rated_at: datetime = Field(default_factory=utc_now)


class Rater(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    role: RaterRole = RaterRole.SELF
    name: Name = ""


class FrameworkRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    version: str
    content_hash: str = ""


class Assessment(BaseModel):
    """The versioned JSON document; rules never mutate it, they return new values."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    format: Literal["ctoprep.assessment"] = ASSESSMENT_FORMAT
    schema_version: int = ASSESSMENT_SCHEMA_VERSION
    id: str = Field(default_factory=lambda: secrets.token_hex(16))
    framework: FrameworkRef
    person: Name = ""
    rater: Rater = Rater()
    profile: str | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    ratings: dict[str, Rating] = {}
    core_values: dict[str, Rating] = {}
    position: str | None = None
    """The skill id the rater was on last: where the app resumes."""

    def with_rating(self, skill_id: str, rating: Rating, *, core_value: bool = False) -> Assessment:
        """A copy with one rating set (or replaced)."""
        field = "core_values" if core_value else "ratings"
        updated = {**getattr(self, field), skill_id: rating}
        return self.model_copy(update={field: updated, "updated_at": rating.rated_at})

    def level_of(self, skill_id: str) -> int | None:
        rating = self.ratings.get(skill_id)
        return rating.level if rating else None
