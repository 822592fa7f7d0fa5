"""Review packets (mentee → mentor) and mentor reviews (mentor → mentee): files passed by hand.

Both are JSON documents with ``format``, ``schema_version``, a ``checksum`` and a ``payload``::

    {"format": "ctoprep.review-packet", "schema_version": 1,
     "checksum": {"algorithm": "sha256", "value": "<64 hex digits>"},
     "payload": {...}}

The checksum is the SHA-256 of the payload in canonical JSON (keys sorted, no spaces, UTF-8, see
:func:`canonical_json`). It is computed over the payload *as read*, before any validation, so any
change to it — a level edited by hand, a file cut short in an e-mail — is refused with a clear
message. It is a seal against accidents and casual edits, not a signature: anyone can recompute it,
so it does not prove who made the file. ``docs/mentoring.md`` describes both formats.

Everything read here may be hostile: size-limited, parsed with :mod:`ctoprep.core.assessment_io`'s
helpers, checked, then validated by models that forbid unknown fields and bound every collection.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from ctoprep.core.assessment_io import map_to_framework, parse_json_document, validation_problems
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Name, PlainText, RaterRole, utc_now
from ctoprep.core.models.framework import Framework, Profile, Target
from ctoprep.core.planning import Plan
from ctoprep.core.practice import AttemptResult
from ctoprep.core.problems import ContentError, Problem, Severity

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


# the checksum ----------------------------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    """The one byte string a JSON value hashes as: sorted keys, no whitespace, UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def payload_checksum(payload: Any) -> str:
    """SHA-256 (hex) of a payload given as plain JSON data (dicts, lists, strings, numbers)."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _seal(fmt: str, version: int, payload: BaseModel) -> tuple[dict[str, Any], str]:
    data = payload.model_dump(mode="json")
    value = payload_checksum(data)
    return {
        "format": fmt,
        "schema_version": version,
        "checksum": {"algorithm": CHECKSUM_ALGORITHM, "value": value},
        "payload": data,
    }, value


def _document_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# writing ------------------------------------------------------------------------------------------


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
    _, value = _seal(PACKET_FORMAT, PACKET_SCHEMA_VERSION, payload)
    return ReviewPacket(checksum=Checksum(value=value), payload=payload)


def packet_to_json(packet: ReviewPacket) -> str:
    document, _ = _seal(PACKET_FORMAT, packet.schema_version, packet.payload)
    return _document_json(document)


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
    _, value = _seal(REVIEW_FORMAT, REVIEW_SCHEMA_VERSION, payload)
    return MentorReview(checksum=Checksum(value=value), payload=payload)


def review_to_json(review: MentorReview) -> str:
    document, _ = _seal(REVIEW_FORMAT, review.schema_version, review.payload)
    return _document_json(document)


def review_to_document(review: MentorReview) -> dict[str, Any]:
    """The review as plain JSON data (what the mentee's store keeps)."""
    document, _ = _seal(REVIEW_FORMAT, review.schema_version, review.payload)
    return document


def packet_to_document(packet: ReviewPacket) -> dict[str, Any]:
    document, _ = _seal(PACKET_FORMAT, packet.schema_version, packet.payload)
    return document


# reading ------------------------------------------------------------------------------------------

_KIND = {PACKET_FORMAT: "review packet", REVIEW_FORMAT: "mentor review"}


def _explain_json(problems: Iterable[Problem], kind: str) -> list[Problem]:
    out = []
    for p in problems:
        if p.message.startswith(("not valid JSON", "JSON text is not UTF-8", "this is a binary file")):
            out.append(
                Problem(
                    p.file,
                    f"this {kind} is damaged or cut short ({p.message})",
                    line=p.line,
                    col=p.col,
                    hint="it was probably truncated or changed in transfer; ask for it to be exported and sent again",
                )
            )
        else:
            out.append(p)
    return out


def _verified_payload(data: bytes, shown: str, fmt: str, version: int) -> tuple[dict[str, Any], str, int]:
    """The payload of a sealed document whose checksum matches, with the checksum and schema version."""
    kind = _KIND[fmt]
    if len(data) > MAX_PACKET_BYTES:
        raise ContentError(
            [Problem(shown, f"file is too large for a {kind} (limit {MAX_PACKET_BYTES // 1024 // 1024} MB)")]
        )
    try:
        doc = parse_json_document(data, shown, fmt, version)
    except ContentError as exc:
        raise ContentError(_explain_json(exc.problems, kind)) from None
    unknown = sorted(set(doc) - {"format", "schema_version", "checksum", "payload"})
    if unknown:
        raise ContentError([Problem(shown, f"unknown field(s) at the top level: {', '.join(map(repr, unknown))}")])
    checksum = doc.get("checksum")
    if not isinstance(checksum, dict) or "value" not in checksum:
        raise ContentError(
            [
                Problem(
                    shown,
                    f"this {kind} has no checksum, so it cannot be trusted to be complete and unaltered",
                    hint="ask for it to be exported again with ctoprep",
                )
            ]
        )
    try:
        seal = Checksum.model_validate(checksum)
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(shown, f"checksum.{p.message}", hint="the file was edited by hand or damaged")
                for p in validation_problems("", exc)
            ]
        ) from None
    payload = doc.get("payload")
    if not isinstance(payload, dict):
        raise ContentError([Problem(shown, f"this {kind} has no payload (expected a JSON object)")])
    try:
        actual = payload_checksum(payload)
    except (ValueError, RecursionError, TypeError):
        raise ContentError([Problem(shown, f"this {kind} holds values JSON cannot carry (NaN or too deep)")]) from None
    if not hmac.compare_digest(actual, seal.value):
        raise ContentError(
            [
                Problem(
                    shown,
                    f"checksum does not match: this {kind} was altered or damaged after it was exported",
                    hint="ask for it to be exported and sent again; do not edit it by hand",
                )
            ]
        )
    return payload, seal.value, int(doc["schema_version"])


def parse_packet(data: bytes, shown: str = "<packet>") -> ReviewPacket:
    """Check, verify and validate a review packet (raises :class:`ContentError`)."""
    payload, value, version = _verified_payload(data, shown, PACKET_FORMAT, PACKET_SCHEMA_VERSION)
    try:
        body = PacketPayload.model_validate(payload)
    except ValidationError as exc:
        raise ContentError(_prefixed(validation_problems(shown, exc))) from None
    return ReviewPacket(schema_version=version, checksum=Checksum(value=value), payload=body)


def parse_review(data: bytes, shown: str = "<review>") -> MentorReview:
    """Check, verify and validate a mentor review (raises :class:`ContentError`)."""
    payload, value, version = _verified_payload(data, shown, REVIEW_FORMAT, REVIEW_SCHEMA_VERSION)
    try:
        body = ReviewPayload.model_validate(payload)
    except ValidationError as exc:
        raise ContentError(_prefixed(validation_problems(shown, exc))) from None
    return MentorReview(schema_version=version, checksum=Checksum(value=value), payload=body)


def _prefixed(problems: list[Problem]) -> list[Problem]:
    return [
        Problem(p.file, f"payload.{p.message}" if p.key_path else p.message, key_path=f"payload.{p.key_path}")
        for p in problems
    ]


def sniff_format(data: bytes) -> str | None:
    """The ``format`` a JSON document declares, or None when it is not a JSON object with one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    fmt = doc.get("format") if isinstance(doc, dict) else None
    return fmt if isinstance(fmt, str) else None


# fitting to the reader's framework ----------------------------------------------------------------


@dataclass(frozen=True)
class FittedPacket:
    """A packet's assessments made to fit the reader's framework, and what did not fit."""

    packet: ReviewPacket
    assessments: tuple[Assessment, ...]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def current(self) -> Assessment:
        return self.assessments[-1]


def fit_packet(packet: ReviewPacket, framework: Framework, shown: str) -> FittedPacket:
    """Map every assessment in a packet onto ``framework`` by skill id, collecting warnings.

    Raises:
        ContentError: the packet is for a different framework altogether.
    """
    ref = packet.payload.framework
    if ref.id != framework.id:
        raise ContentError(
            [Problem(shown, f"packet is for framework {ref.id!r}, not {framework.id!r}", hint="install that framework")]
        )
    warnings: list[Problem] = []
    if ref.version != framework.version:
        warnings.append(
            Problem(
                shown,
                f"packet was made with {framework.id} version {ref.version}, this is version {framework.version}: "
                "ratings were matched by skill id",
                severity=Severity.WARNING,
            )
        )
    elif ref.content_hash and framework.content_hash and ref.content_hash != framework.content_hash:
        warnings.append(
            Problem(
                shown,
                f"packet was made with a differently edited copy of {framework.id} {ref.version}: "
                "ratings were matched by skill id",
                severity=Severity.WARNING,
            )
        )
    fitted = []
    for a in packet.payload.assessments:
        fit = map_to_framework(a, framework)
        # the version warning is given once for the packet, not once per assessment
        warnings.extend(w for w in fit.warnings(shown) if "another version" not in w.message)
        fitted.append(fit.assessment)
    return FittedPacket(packet, tuple(fitted), _dedupe(warnings))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.message not in seen:
            seen.add(p.message)
            out.append(p)
    return out


# agreed targets -----------------------------------------------------------------------------------


def agreed_profile(framework: Framework, adjustment: ProfileAdjustment | None, fallback: Profile | None) -> Profile:
    """The target profile a review agreed: its base profile with the mentor's per-skill targets.

    Targets naming a skill the framework lacks, or levels off its scale, are ignored.

    Raises:
        ContentError: there is neither a base profile nor a fallback.
    """
    base = None
    if adjustment is not None and adjustment.base:
        base = framework.profile_by_id.get(adjustment.base)
    base = base or fallback or framework.default_profile
    if base is None:
        raise ContentError([Problem(framework.id, "this framework has no target profiles to adjust")])
    if adjustment is None or not adjustment.targets:
        return base
    values = set(framework.scale.values)
    targets = dict(base.skill_targets)
    for skill_id, override in adjustment.targets.items():
        if skill_id in framework.skill_by_id and override.min in values and override.max in values:
            old = targets.get(skill_id)
            targets[skill_id] = Target(
                min=override.min,
                max=override.max,
                importance=old.importance if old else 1.0,
                rationale="agreed with the mentor",
                scope="skill",
            )
    return base.model_copy(
        update={"id": f"{base.id}+agreed", "title": f"{base.title} (agreed with mentor)", "skill_targets": targets}
    )


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
