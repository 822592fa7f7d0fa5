"""The review packet and mentor review formats as models, with the limits that bound them.

Every model forbids unknown fields and bounds every collection, since everything read may be hostile.
The documents' layout and the checksum are described in :mod:`ctoprep.core.packets`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ctoprep.core.models.assessment import Assessment, RaterRole
from ctoprep.core.models.assessment_file import FrameworkRef, Name, PlainText

PACKET_FORMAT = "ctoprep.review-packet"
PACKET_SCHEMA_VERSION = 1
REVIEW_FORMAT = "ctoprep.mentor-review"
REVIEW_SCHEMA_VERSION = 1
CHECKSUM_ALGORITHM = "sha256"

MAX_PACKET_BYTES = 10 * 1024 * 1024
"""Larger files are refused before they are parsed (a packet with 20 full assessments is ~1 MB)."""
MAX_ASSESSMENTS = 50
MAX_PRACTICE = 500
MAX_COMMENTS = 5_000
MAX_PLANNED = 200

Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
PersonId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
"""A person's stable id, created once in the mentee's store; names are labels only."""
ShortId = Annotated[str, StringConstraints(max_length=200)]


class ExchangeModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Checksum(ExchangeModel):
    algorithm: Literal["sha256"] = "sha256"
    value: Hex64


class PracticeArea(ExchangeModel):
    area: ShortId
    correct: Annotated[int, Field(ge=0, le=100_000)]
    answered: Annotated[int, Field(ge=0, le=100_000)]
    total: Annotated[int, Field(ge=0, le=100_000)]


class PracticeResult(ExchangeModel):
    """One finished practice attempt, summarised by area (no questions, no answers)."""

    id: ShortId
    mode: ShortId
    finished_at: datetime
    correct: Annotated[int, Field(ge=0, le=100_000)]
    answered: Annotated[int, Field(ge=0, le=100_000)]
    total: Annotated[int, Field(ge=0, le=100_000)]
    scaled: int | None = None
    passed: bool | None = None
    areas: Annotated[tuple[PracticeArea, ...], Field(max_length=500)] = ()


class PlanLimitsDoc(ExchangeModel):
    budget_usd: Annotated[int, Field(ge=0, le=10_000_000)]
    hours_per_month: Annotated[float, Field(ge=0, le=744)]
    months: Annotated[int, Field(ge=1, le=60)]
    start: date


class PlannedItem(ExchangeModel):
    activity: ShortId
    title: PlainText
    start_month: Annotated[int, Field(ge=0, le=60)]
    months: Annotated[int, Field(ge=1, le=60)]
    cost_usd: Annotated[int, Field(ge=0, le=10_000_000)]
    hours: Annotated[float, Field(ge=0, le=100_000)]
    why: PlainText = ""


class PlanSummary(ExchangeModel):
    """A PD plan as exchanged: the limits, the activities month by month, and what it closes."""

    profile: ShortId = ""
    basis: Literal["self", "mentor"] = "self"
    """Whose ratings the gaps it closes were measured on."""
    limits: PlanLimitsDoc
    activities: Annotated[tuple[PlannedItem, ...], Field(max_length=MAX_PLANNED)] = ()
    total_cost: Annotated[int, Field(ge=0)] = 0
    total_hours: Annotated[float, Field(ge=0)] = 0.0
    share_closed: Annotated[float, Field(ge=0, le=1)] = 0.0


class PacketPayload(ExchangeModel):
    framework: FrameworkRef
    person: Name = ""
    person_id: PersonId | None = None
    """The mentee's id (packets from before ids have none: they are filed as a new person)."""
    created_at: datetime
    assessments: Annotated[tuple[Assessment, ...], Field(min_length=1, max_length=MAX_ASSESSMENTS)]
    """Oldest first; the last is the one to review, the others are history."""
    practice: Annotated[tuple[PracticeResult, ...], Field(max_length=MAX_PRACTICE)] = ()
    plan: PlanSummary | None = None
    note: PlainText = ""
    """A message from the mentee to the mentor."""

    @model_validator(mode="after")
    def _same_framework(self) -> PacketPayload:
        for i, a in enumerate(self.assessments):
            if a.framework.id != self.framework.id:
                raise ValueError(f"assessments[{i}] is for framework {a.framework.id!r}, not {self.framework.id!r}")
            if a.rater.role is not RaterRole.SELF:
                raise ValueError(f"assessments[{i}] is a {a.rater.role.value} rating; a packet carries self-ratings")
        return self


class ReviewPacket(ExchangeModel):
    format: Literal["ctoprep.review-packet"] = "ctoprep.review-packet"
    schema_version: int = PACKET_SCHEMA_VERSION
    checksum: Checksum
    payload: PacketPayload

    @property
    def current(self) -> Assessment:
        """The assessment the mentee asks to have reviewed (the newest)."""
        return self.payload.assessments[-1]

    @property
    def person(self) -> str:
        return self.payload.person or self.current.person


class TargetOverride(ExchangeModel):
    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> TargetOverride:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class ProfileAdjustment(ExchangeModel):
    """The agreed targets: a framework profile, with per-skill targets the mentor changed."""

    base: ShortId | None = None
    targets: Annotated[dict[ShortId, TargetOverride], Field(max_length=MAX_COMMENTS)] = {}


class ReviewPayload(ExchangeModel):
    packet_checksum: Hex64
    """The packet this review answers."""
    framework: FrameworkRef
    mentee: Name = ""
    mentee_id: PersonId | None = None
    """The id the packet carried, so the review goes back to the same person."""
    mentor: Name = ""
    created_at: datetime
    self_assessment: Assessment
    mentor_assessment: Assessment
    comments: Annotated[dict[ShortId, PlainText], Field(max_length=MAX_COMMENTS)] = {}
    """Skill id -> the mentor's comment."""
    summary: PlainText = ""
    profile: ProfileAdjustment | None = None
    plan: PlanSummary | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ReviewPayload:
        for label, a in (("self_assessment", self.self_assessment), ("mentor_assessment", self.mentor_assessment)):
            if a.framework.id != self.framework.id:
                raise ValueError(f"{label} is for framework {a.framework.id!r}, not {self.framework.id!r}")
        if self.mentor_assessment.rater.role is not RaterRole.MENTOR:
            raise ValueError("mentor_assessment must have rater role 'mentor'")
        return self


class MentorReview(ExchangeModel):
    format: Literal["ctoprep.mentor-review"] = "ctoprep.mentor-review"
    schema_version: int = REVIEW_SCHEMA_VERSION
    checksum: Checksum
    payload: ReviewPayload
