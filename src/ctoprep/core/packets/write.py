"""Writing: a packet or review built from the app's own objects, sealed, and turned into JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError

from ctoprep.core.assessment_io import validation_problems
from ctoprep.core.models.assessment import Assessment, utc_now
from ctoprep.core.models.assessment_file import FrameworkRef
from ctoprep.core.models.framework import Framework
from ctoprep.core.packets.models import (
    MAX_ASSESSMENTS,
    MAX_PRACTICE,
    PACKET_FORMAT,
    PACKET_SCHEMA_VERSION,
    REVIEW_FORMAT,
    REVIEW_SCHEMA_VERSION,
    Checksum,
    MentorReview,
    PacketPayload,
    PlanLimitsDoc,
    PlannedItem,
    PlanSummary,
    PracticeArea,
    PracticeResult,
    ProfileAdjustment,
    ReviewPacket,
    ReviewPayload,
)
from ctoprep.core.packets.seal import document_json, seal
from ctoprep.core.planning import Plan
from ctoprep.core.practice import AttemptResult
from ctoprep.core.problems import ContentError, Problem


def build_packet(
    framework: Framework,
    assessments: Sequence[Assessment],
    *,
    practice: Sequence[PracticeResult] = (),
    plan: PlanSummary | None = None,
    note: str = "",
    person: str | None = None,
    person_id: str | None = None,
    created_at: datetime | None = None,
) -> ReviewPacket:
    """A sealed packet of self-assessments (oldest first), practice results and a plan.

    Raises:
        ContentError: no assessment, or one that is not a self-assessment of this framework.
    """
    if not assessments:
        raise ContentError([Problem(framework.id, "there is no self-assessment to put in a packet")])
    ordered = sorted(assessments, key=lambda a: (a.updated_at, a.created_at, a.id))
    try:
        payload = PacketPayload(
            framework=FrameworkRef(id=framework.id, version=framework.version, content_hash=framework.content_hash),
            person=person if person is not None else ordered[-1].person,
            person_id=person_id,
            created_at=created_at or utc_now(),
            assessments=tuple(ordered[-MAX_ASSESSMENTS:]),
            practice=tuple(practice)[-MAX_PRACTICE:],
            plan=plan,
            note=note,
        )
    except ValidationError as exc:
        raise ContentError(validation_problems("packet", exc)) from None
    _, value = seal(PACKET_FORMAT, PACKET_SCHEMA_VERSION, payload)
    return ReviewPacket(checksum=Checksum(value=value), payload=payload)


def packet_to_json(packet: ReviewPacket) -> str:
    document, _ = seal(PACKET_FORMAT, packet.schema_version, packet.payload)
    return document_json(document)


def build_review(
    packet: ReviewPacket,
    mentor_assessment: Assessment,
    *,
    mentor: str = "",
    comments: Mapping[str, str] | None = None,
    summary: str = "",
    profile: ProfileAdjustment | None = None,
    plan: PlanSummary | None = None,
    created_at: datetime | None = None,
) -> MentorReview:
    """The mentor's answer to a packet: their ratings, comments, agreed targets and plan, sealed.

    Raises:
        ContentError: the mentor's assessment is not a mentor rating of the packet's framework.
    """
    try:
        payload = ReviewPayload(
            packet_checksum=packet.checksum.value,
            framework=packet.payload.framework,
            mentee=packet.person,
            mentee_id=packet.payload.person_id,
            mentor=mentor,
            created_at=created_at or utc_now(),
            self_assessment=packet.current,
            mentor_assessment=mentor_assessment,
            comments={k: v for k, v in (comments or {}).items() if v.strip()},
            summary=summary,
            profile=profile,
            plan=plan,
        )
    except ValidationError as exc:
        raise ContentError(validation_problems("review", exc)) from None
    _, value = seal(REVIEW_FORMAT, REVIEW_SCHEMA_VERSION, payload)
    return MentorReview(checksum=Checksum(value=value), payload=payload)


def review_to_json(review: MentorReview) -> str:
    document, _ = seal(REVIEW_FORMAT, review.schema_version, review.payload)
    return document_json(document)


def review_to_document(review: MentorReview) -> dict[str, Any]:
    """The review as plain JSON data (what the mentee's store keeps)."""
    document, _ = seal(REVIEW_FORMAT, review.schema_version, review.payload)
    return document


def packet_to_document(packet: ReviewPacket) -> dict[str, Any]:
    document, _ = seal(PACKET_FORMAT, packet.schema_version, packet.payload)
    return document


# what the app's own objects look like in a packet or review ---------------------------------------


def plan_summary(plan: Plan, *, basis: Literal["self", "mentor"] = "self") -> PlanSummary:
    """A :class:`~ctoprep.core.planning.Plan` as the exchange files carry it."""
    limits = plan.limits
    return PlanSummary(
        profile=plan.profile_id,
        basis=basis,
        limits=PlanLimitsDoc(
            budget_usd=limits.budget_usd,
            hours_per_month=limits.hours_per_month,
            months=limits.months,
            start=limits.start,
        ),
        activities=tuple(
            PlannedItem(
                activity=p.activity_id,
                title=p.title,
                start_month=p.start_month,
                months=p.months,
                cost_usd=p.cost_usd,
                hours=p.hours,
                why=p.why,
            )
            for p in plan.activities
        ),
        total_cost=plan.total_cost,
        total_hours=plan.total_hours,
        share_closed=min(1.0, max(0.0, plan.share_closed)),
    )


def practice_result(attempt_id: str, mode: str, finished_at: datetime, result: AttemptResult) -> PracticeResult:
    """A scored :class:`~ctoprep.core.practice.AttemptResult` summarised for a packet."""
    return PracticeResult(
        id=attempt_id,
        mode=mode,
        finished_at=finished_at,
        correct=result.correct,
        answered=result.answered,
        total=result.total,
        scaled=result.scaled,
        passed=result.passed,
        areas=tuple(
            PracticeArea(area=g.id, correct=g.correct, answered=g.answered, total=g.total) for g in result.areas
        ),
    )
