"""Mentor reviews in the store, on both sides of the exchange.

Mentor side: a *session* per packet received (keyed by the packet's checksum) holds the packet, the
mentor's own ratings — an assessment with rater role ``mentor`` for the mentee's person, saved
rating by rating like any other — whether the self-ratings have been revealed, per-skill comments,
the agreed targets and plan. Mentee side: a note of every packet sent, and every review received
(its mentor assessment joins the mentee's history).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ctoprep.core.assessment_io import map_to_framework
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, utc_now
from ctoprep.core.models.framework import Framework
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.packets import (
    MentorReview,
    PlanSummary,
    ProfileAdjustment,
    ReviewPacket,
    build_review,
    packet_to_document,
    packet_to_json,
    parse_packet,
    review_to_document,
)
from ctoprep.core.problems import Problem
from ctoprep.storage.settings import SELF_PERSON
from ctoprep.storage.store import Store, StoreError, _parse_ts, _ts

PACKET_SENT = "packet-sent"
REVIEW_RECEIVED = "review-received"
REVIEW_SENT = "review-sent"


@dataclass
class MentorSession:
    id: str
    """The packet's checksum: opening the same packet again resumes the same session."""
    person_id: str
    mentor_assessment_id: str
    packet: ReviewPacket
    mentor_name: str
    revealed_at: datetime | None
    profile: ProfileAdjustment
    plan: PlanSummary | None
    summary: str
    sent_at: datetime | None
    created_at: datetime
    updated_at: datetime
    comments: dict[str, str] = field(default_factory=dict)

    @property
    def revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def person(self) -> str:
        return self.packet.person


@dataclass(frozen=True)
class SessionSummary:
    id: str
    person: str
    rated: int
    revealed: bool
    sent: bool
    created_at: datetime
    updated_at: datetime


# mentor side -------------------------------------------------------------------------------------


def packet_person(store: Store, packet: ReviewPacket, *, as_person: str | None = None) -> str:
    """Who a packet is from, by id only: the packet's person id, or ``as_person`` when the user chose to
    file it under someone already in the store, else (a packet from before ids) a new person.

    Raises:
        StoreError: the packet claims to be from the store's owner, or ``as_person`` is unknown.
    """
    owner = store.get_setting(SELF_PERSON)
    if as_person is not None:
        if not store.conn.execute("SELECT 1 FROM people WHERE id = ?", (as_person,)).fetchone():
            raise StoreError(
                [Problem(as_person, "no person with this id in the store", hint="'ctoprep history' lists them")]
            )
        chosen = as_person
    else:
        chosen = packet.payload.person_id or ""
    if chosen and chosen == owner:
        raise StoreError(
            [
                Problem(
                    "packet",
                    "this packet would be filed under you, the owner of this store",
                    hint="a mentee's packet is always kept apart from your own self-assessments",
                )
            ]
        )
    return store.ensure_person(packet.person, chosen or None)


def open_session(
    store: Store, packet: ReviewPacket, framework: Framework, mentor_name: str = "", *, as_person: str | None = None
) -> MentorSession:
    """The session for this packet: resumed if it exists, else started with an empty mentor assessment."""
    sid = packet.checksum.value
    if store.conn.execute("SELECT 1 FROM mentor_sessions WHERE id = ?", (sid,)).fetchone():
        session = load_session(store, sid)
        if mentor_name and not session.mentor_name:
            set_mentor_name(store, sid, mentor_name)
            session = load_session(store, sid)
        return session
    current = packet.current
    person_id = packet_person(store, packet, as_person=as_person)
    mentor = Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version, content_hash=framework.content_hash),
        person=packet.person,
        rater=Rater(role=RaterRole.MENTOR, name=mentor_name),
        profile=current.profile,
    )
    store.save_assessment(mentor, person_id=person_id, origin="mentor")
    now = _ts(utc_now())
    with store.transaction():
        store.conn.execute(
            "INSERT INTO mentor_sessions (id, person_id, mentor_assessment_id, packet, mentor_name, profile,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                person_id,
                mentor.id,
                packet_to_json(packet),
                mentor_name,
                ProfileAdjustment(base=current.profile).model_dump_json(),
                now,
                now,
            ),
        )
    return load_session(store, sid)


def load_session(store: Store, session_id: str) -> MentorSession:
    row = store.conn.execute(
        "SELECT id, person_id, mentor_assessment_id, packet, mentor_name, revealed_at, profile, plan, summary,"
        " sent_at, created_at, updated_at FROM mentor_sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise StoreError([Problem(session_id[:12], "no mentor review with this id in the store")])
    comments = dict(
        store.conn.execute(
            "SELECT skill_id, comment FROM mentor_comments WHERE session_id = ?", (session_id,)
        ).fetchall()
    )
    return MentorSession(
        id=row[0],
        person_id=row[1],
        mentor_assessment_id=row[2],
        # re-verified on every load: a store edited behind our back is refused, not trusted
        packet=parse_packet(row[3].encode("utf-8"), f"stored packet {row[0][:12]}"),
        mentor_name=row[4],
        revealed_at=_parse_ts(row[5]) if row[5] else None,
        profile=ProfileAdjustment.model_validate_json(row[6]),
        plan=PlanSummary.model_validate_json(row[7]) if row[7] else None,
        summary=row[8],
        sent_at=_parse_ts(row[9]) if row[9] else None,
        created_at=_parse_ts(row[10]),
        updated_at=_parse_ts(row[11]),
        comments=comments,
    )


def sessions(store: Store) -> list[SessionSummary]:
    rows = store.conn.execute(
        "SELECT s.id, a.person_name, s.revealed_at, s.sent_at, s.created_at, s.updated_at,"
        " (SELECT count(*) FROM ratings r WHERE r.assessment_id = s.mentor_assessment_id AND r.kind = 'skill')"
        " FROM mentor_sessions s JOIN assessments a ON a.id = s.mentor_assessment_id ORDER BY s.updated_at DESC"
    ).fetchall()
    return [
        SessionSummary(r[0], r[1], r[6], r[2] is not None, r[3] is not None, _parse_ts(r[4]), _parse_ts(r[5]))
        for r in rows
    ]


def _touch(store: Store, session_id: str, sql: str = "", params: tuple[Any, ...] = ()) -> None:
    """Update the session (``sql`` is a fixed assignment list from this module, never user text)."""
    assignments = f"{sql}, updated_at = ?" if sql else "updated_at = ?"
    store.conn.execute(f"UPDATE mentor_sessions SET {assignments} WHERE id = ?", (*params, _ts(utc_now()), session_id))


def set_comment(store: Store, session_id: str, skill_id: str, comment: str) -> None:
    """Save (or, when blank, remove) the mentor's comment on one skill."""
    with store.transaction():
        if comment.strip():
            store.conn.execute(
                "INSERT OR REPLACE INTO mentor_comments VALUES (?, ?, ?, ?)",
                (session_id, skill_id, comment, _ts(utc_now())),
            )
        else:
            store.conn.execute(
                "DELETE FROM mentor_comments WHERE session_id = ? AND skill_id = ?", (session_id, skill_id)
            )
        _touch(store, session_id)


def reveal(store: Store, session_id: str) -> None:
    """Show the self-ratings; the mentor's blind ratings are final from here on."""
    _touch(store, session_id, "revealed_at = COALESCE(revealed_at, ?)", (_ts(utc_now()),))


def set_mentor_name(store: Store, session_id: str, name: str) -> None:
    session = load_session(store, session_id)
    with store.transaction():
        _touch(store, session_id, "mentor_name = ?", (name,))
        store.conn.execute("UPDATE assessments SET rater_name = ? WHERE id = ?", (name, session.mentor_assessment_id))


def set_profile(store: Store, session_id: str, profile: ProfileAdjustment) -> None:
    _touch(store, session_id, "profile = ?", (profile.model_dump_json(),))


def set_plan(store: Store, session_id: str, plan: PlanSummary | None) -> None:
    _touch(store, session_id, "plan = ?", (plan.model_dump_json() if plan else None,))


def set_summary(store: Store, session_id: str, summary: str) -> None:
    _touch(store, session_id, "summary = ?", (summary,))


def mark_sent(store: Store, session: MentorSession, review: MentorReview) -> None:
    """Record that a review was written for the mentee (kept, so the mentor can see what was sent)."""
    _touch(store, session.id, "sent_at = ?", (_ts(utc_now()),))
    store.save_mentor_review(session.person_id, REVIEW_SENT, review_to_document(review))


# mentee side -------------------------------------------------------------------------------------


def record_packet_sent(store: Store, person_id: str, packet: ReviewPacket) -> str:
    """Note a packet the mentee exported, so that the review answering it can be matched later."""
    document = packet_to_document(packet)
    note = {
        "checksum": packet.checksum.value,
        "created_at": document["payload"]["created_at"],
        "assessments": [a.id for a in packet.payload.assessments],
    }
    return store.save_mentor_review(person_id, PACKET_SENT, note)


@dataclass(frozen=True)
class ImportedReview:
    review: MentorReview
    person_id: str
    mentor_assessment: Assessment
    answers_packet_sent: bool
    """The review answers a packet exported from this store."""
    warnings: list[Problem]


def import_review(store: Store, review: MentorReview, framework: Framework, shown: str) -> ImportedReview:
    """Keep a mentor's review: its mentor assessment joins the mentee's history.

    Raises:
        StoreError: this review is already in the store.
        ContentError: it is for a framework this store's ctoprep does not have.
    """
    value = review.checksum.value
    for row in store.mentor_reviews():
        if row["direction"] == REVIEW_RECEIVED and row["document"].get("checksum", {}).get("value") == value:
            raise StoreError(
                [Problem(shown, "this review is already imported", hint="'ctoprep mentor reviews' lists them")]
            )
    payload = review.payload
    # every check first, then every write in one transaction: a refused review leaves no trace
    clash = store.conn.execute(
        "SELECT rater_role FROM assessments WHERE id = ?", (payload.mentor_assessment.id,)
    ).fetchone()
    if clash is not None and clash[0] != RaterRole.MENTOR.value:
        # a crafted file must never replace one of the mentee's own self-assessments
        raise StoreError(
            [
                Problem(
                    shown,
                    "its mentor assessment has the id of another assessment in your store, so it was not imported",
                    hint="ask your mentor to write the review again",
                )
            ]
        )
    fit = map_to_framework(payload.mentor_assessment, framework)
    warnings = fit.warnings(shown)
    mentor = fit.assessment
    if not mentor.person:
        mentor = dataclasses.replace(mentor, person=payload.mentee)
    with store.transaction():
        row = store.conn.execute(
            "SELECT person_id FROM assessments WHERE id = ?", (payload.self_assessment.id,)
        ).fetchone()
        # the self-assessment is gone: the id the packet carried, else a new person (never a name match)
        person_id = str(row[0]) if row is not None else store.ensure_person(payload.mentee, payload.mentee_id)
        store.save_assessment(mentor, person_id=person_id, status=AssessmentStatus.COMPLETE, origin="mentor-review")
        store.save_mentor_review(person_id, REVIEW_RECEIVED, review_to_document(review))
    sent = any(
        r["direction"] == PACKET_SENT and r["document"].get("checksum") == payload.packet_checksum
        for r in store.mentor_reviews()
    )
    return ImportedReview(review, person_id, mentor, sent, warnings)


def received_reviews(store: Store) -> list[tuple[str, datetime, MentorReview]]:
    """Every review received, oldest first: (store id, when imported, the review)."""
    out = []
    for row in store.mentor_reviews():
        if row["direction"] != REVIEW_RECEIVED:
            continue
        try:
            review = MentorReview.model_validate(row["document"])
        except ValidationError:
            continue  # written by a newer ctoprep or damaged: listed by nothing rather than crashing
        out.append((str(row["id"]), _parse_ts(row["created_at"]), review))
    return out


def sent_packets(store: Store) -> list[dict[str, Any]]:
    return [r for r in store.mentor_reviews() if r["direction"] == PACKET_SENT]


def review_from_session(store: Store, session: MentorSession) -> MentorReview:
    """The sealed review file for a session: blind ratings, comments, agreed targets and plan."""
    mentor = store.load_assessment(session.mentor_assessment_id)
    mentor = dataclasses.replace(mentor, rater=Rater(role=RaterRole.MENTOR, name=session.mentor_name))
    return build_review(
        session.packet,
        mentor,
        mentor=session.mentor_name,
        comments=session.comments,
        summary=session.summary,
        profile=session.profile,
        plan=session.plan,
    )
