"""One person's ratings of one framework version, by one rater (self or mentor).

These are the resolved values the app works with: frozen dataclasses, read from the store without
pydantic. The file format (``ctoprep.assessment``, version 2) is validated by the document models in
:mod:`ctoprep.core.models.assessment_file`, the trust boundary for files someone sent; the review
packets and mentor reviews that carry assessments validate them with those models too (see
:meth:`Assessment.__get_pydantic_core_schema__`).

What a person types (a name, evidence) is still bounded here, with the limits of the file format, so
that everything in the store can be exported and read back.
"""

from __future__ import annotations

from dataclasses import field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from ctoprep.core.models.value import Value, value_class

ASSESSMENT_FORMAT: Literal["ctoprep.assessment"] = "ctoprep.assessment"
ASSESSMENT_SCHEMA_VERSION = 2
"""2: a rating says ``skipped`` (deliberately not rated) apart from notes kept before a level is chosen."""

MAX_TEXT = 20_000
"""Longest evidence (characters)."""
MAX_NAME = 200
"""Longest name, id or profile id (characters)."""
MAX_RATINGS = 5_000
"""Most ratings an assessment file holds (the store holds any number)."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def new_token(nbytes: int = 16) -> str:
    """A new random id: ``2 * nbytes`` hex digits (an assessment's, a person's, an attempt's)."""
    import secrets  # imported here: it brings hmac, OpenSSL and random, which reading the store never needs

    return secrets.token_hex(nbytes)


def sane_time(value: datetime) -> datetime:
    """A time ctoprep can compare, convert and store: years 1900-2200 that survive conversion to UTC.

    ``0001-01-01T00:00:00+05:00`` is valid ISO 8601 but overflows when converted; it is refused
    (ValueError) instead of crashing later.
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


def _check_name(what: str, value: str | None, *, empty: bool = True) -> None:
    if value is not None and (len(value) > MAX_NAME or (not empty and not value)):
        raise ValueError(f"{what} must be {'' if empty else '1 to '}{MAX_NAME} characters at most, got {len(value)}")


class RaterRole(StrEnum):
    SELF = "self"
    MENTOR = "mentor"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@value_class
class Rating(Value):
    """A rating of one skill.

    A skill is *done* when it has a level, or when the person chose "not rated" (``skipped``). Evidence
    or a confidence recorded before a level is chosen is kept, but the skill is still to be rated.
    """

    level: int | None = None
    evidence: str = ""
    confidence: Confidence | None = None
    rated_at: datetime = field(default_factory=utc_now)
    skipped: bool = False

    def __post_init__(self) -> None:
        if len(self.evidence) > MAX_TEXT:
            raise ValueError(f"evidence must be {MAX_TEXT} characters at most, got {len(self.evidence)}")
        if not 1901 <= self.rated_at.year <= 2199:
            sane_time(self.rated_at)

    @property
    def done(self) -> bool:
        """Rated, or deliberately marked not rated."""
        return self.level is not None or self.skipped


@value_class
class Rater(Value):
    """Who gave the ratings: the person themself or a mentor, and the name given."""

    role: RaterRole = RaterRole.SELF
    name: str = ""

    def __post_init__(self) -> None:
        _check_name("rater name", self.name)


@value_class
class FrameworkRef(Value):
    """The framework an assessment was made against: its id and version."""

    id: str
    version: str
    content_hash: str = ""


@value_class
class Assessment(Value):
    """An assessment; rules never change one, they return new values (:meth:`with_rating`,
    ``dataclasses.replace``)."""

    id: str = field(default_factory=new_token)
    framework: FrameworkRef
    person: str = ""
    rater: Rater = field(default_factory=Rater)
    profile: str | None = None
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    ratings: dict[str, Rating] = field(default_factory=dict)
    core_values: dict[str, Rating] = field(default_factory=dict)
    position: str | None = None
    """The skill id the rater was on last: where the app resumes."""

    def __post_init__(self) -> None:
        _check_name("id", self.id, empty=False)
        _check_name("person", self.person)
        _check_name("profile", self.profile, empty=False)
        _check_name("position", self.position, empty=False)
        for stamp in (self.created_at, self.updated_at):
            if not 1901 <= stamp.year <= 2199:
                sane_time(stamp)

    def is_done(self, skill_id: str) -> bool:
        """The skill has a level or was deliberately marked not rated."""
        rating = self.ratings.get(skill_id)
        return rating is not None and rating.done

    def with_rating(self, skill_id: str, rating: Rating, *, core_value: bool = False) -> Assessment:
        """A copy with one rating set (or replaced)."""
        from dataclasses import replace

        if core_value:
            return replace(self, core_values={**self.core_values, skill_id: rating}, updated_at=rating.rated_at)
        return replace(self, ratings={**self.ratings, skill_id: rating}, updated_at=rating.rated_at)

    def level_of(self, skill_id: str) -> int | None:
        rating = self.ratings.get(skill_id)
        return rating.level if rating else None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """How the exchange files' pydantic models (review packets, mentor reviews) hold an assessment:
        read and checked as the file format's document, held as this class, written as the document.

        Only pydantic calls this, when it builds those models; nothing here imports pydantic.
        """
        from pydantic_core import core_schema

        from ctoprep.core.models import assessment_file

        document = handler.generate_schema(assessment_file.Assessment)

        def validate(value: Any, validate_document: Any) -> Assessment:
            if isinstance(value, Assessment):
                return value  # made by the app (as pydantic kept model instances, without checking again)
            return assessment_file.to_resolved(validate_document(value))

        def serialize(value: Assessment, write_document: Any) -> Any:
            return write_document(assessment_file.to_document(value))

        return core_schema.no_info_wrap_validator_function(
            validate,
            document,
            serialization=core_schema.wrap_serializer_function_ser_schema(serialize, schema=document),
        )
