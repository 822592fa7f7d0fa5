"""The assessment file (``ctoprep.assessment``) as pydantic models: the trust boundary for assessments.

An assessment file, or one inside a review packet or mentor review, may come from anyone: it is
validated here (bounded strings and collections, sane dates, no unknown fields, version 1 files
upgraded) and then turned into the resolved :class:`ctoprep.core.models.assessment.Assessment` the app
works with (:func:`to_resolved`); an assessment is written through the same models
(:func:`to_document`), so the files and ``assessment.schema.json`` keep one definition.

The classes keep the names (and docstrings) the JSON Schema has always used for them (``Assessment``,
``Rating``, ``Rater``, ``FrameworkRef``); import the module (``assessment_file.Assessment``) to tell
them from the resolved ones.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ctoprep.core.models import assessment as resolved
from ctoprep.core.models.assessment import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_SCHEMA_VERSION,
    MAX_NAME,
    MAX_RATINGS,
    MAX_TEXT,
    Confidence,
    RaterRole,
    sane_time,
    utc_now,
)

PlainText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME)]
Stamp = Annotated[datetime, AfterValidator(sane_time)]
ShortId = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
"""Ids and profile names in assessment files: long enough for any real id, short enough to refuse a 4 MB one."""


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


class Rater(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    role: RaterRole = RaterRole.SELF
    name: Name = ""


class FrameworkRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: ShortId
    version: Annotated[str, StringConstraints(max_length=MAX_NAME)]
    content_hash: Annotated[str, StringConstraints(max_length=MAX_NAME)] = ""


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
    ratings: Annotated[dict[ShortId, Rating], Field(max_length=MAX_RATINGS)] = {}
    core_values: Annotated[dict[ShortId, Rating], Field(max_length=MAX_RATINGS)] = {}
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


_new_rating = object.__new__
_set_level, _set_evidence, _set_confidence, _set_rated_at, _set_skipped = (
    resolved.Rating.__dict__[name].__set__ for name in ("level", "evidence", "confidence", "rated_at", "skipped")
)


def _rating(r: Rating) -> resolved.Rating:
    """The validated rating as the app's, filled in slot by slot: the document checked what the resolved
    class's ``__post_init__`` checks (evidence length, a sane time), and its generated ``__init__`` costs
    three times as much, which is most of reading a cohort's packets (about 70 ratings a packet).
    ``tests/core/test_assessment_file.py`` checks it builds what the constructor builds."""
    rating: resolved.Rating = _new_rating(resolved.Rating)
    _set_level(rating, r.level)
    _set_evidence(rating, r.evidence)
    _set_confidence(rating, r.confidence)
    _set_rated_at(rating, r.rated_at)
    _set_skipped(rating, r.skipped)
    return rating


def to_resolved(document: Assessment) -> resolved.Assessment:
    """The validated document as the app's assessment."""
    ref = document.framework
    return resolved.Assessment(
        id=document.id,
        framework=resolved.FrameworkRef(id=ref.id, version=ref.version, content_hash=ref.content_hash),
        person=document.person,
        rater=resolved.Rater(role=document.rater.role, name=document.rater.name),
        profile=document.profile,
        created_at=document.created_at,
        updated_at=document.updated_at,
        ratings={k: _rating(r) for k, r in document.ratings.items()},
        core_values={k: _rating(r) for k, r in document.core_values.items()},
        position=document.position,
    )


def _document_rating(r: resolved.Rating) -> Rating:
    return Rating.model_construct(
        level=r.level, evidence=r.evidence, confidence=r.confidence, rated_at=r.rated_at, skipped=r.skipped
    )


def to_document(assessment: resolved.Assessment) -> Assessment:
    """The app's assessment as the document written to files (built from its values as they are: they
    were checked when they were made)."""
    ref = assessment.framework
    return Assessment.model_construct(
        format=ASSESSMENT_FORMAT,
        schema_version=ASSESSMENT_SCHEMA_VERSION,
        id=assessment.id,
        framework=FrameworkRef.model_construct(id=ref.id, version=ref.version, content_hash=ref.content_hash),
        person=assessment.person,
        rater=Rater.model_construct(role=assessment.rater.role, name=assessment.rater.name),
        profile=assessment.profile,
        created_at=assessment.created_at,
        updated_at=assessment.updated_at,
        ratings={k: _document_rating(r) for k, r in assessment.ratings.items()},
        core_values={k: _document_rating(r) for k, r in assessment.core_values.items()},
        position=assessment.position,
    )
