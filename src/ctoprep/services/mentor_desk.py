"""The mentor review as the app and the command line use it: one object, one transaction per action.

`MentorDesk` is bound to an open `Workspace`. The screens ask it for what they show (sessions,
received reviews, the side-by-side `ReviewData`) and tell it what the user did (rate, reveal, comment,
change a target, build the agreed plan, write the review file); they never hold the store. Files it
writes go to the private exports folder under a name that never overwrites an earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ctoprep.core.assessment_io import map_to_framework
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.packets import (
    MentorReview,
    PlanSummary,
    PracticeResult,
    ProfileAdjustment,
    ReviewPacket,
    agreed_profile,
)
from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.services import mentoring
from ctoprep.storage import mentor_store
from ctoprep.storage.mentor_store import ImportedReview, MentorSession, SessionSummary

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from ctoprep.core.planning import Plan, PlanLimits
    from ctoprep.services.content import Library
    from ctoprep.services.context import Workspace
    from ctoprep.services.insights import LimitsChoice
    from ctoprep.storage.store import Store


def export_path(folder: Path, stem: str, suffix: str) -> Path:
    """A new file in the private exports folder that does not overwrite one already there."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "mentee"


@dataclass
class ReviewData:
    """What the side-by-side view shows, from a session (mentor) or a received review (mentee)."""

    framework: Framework
    person: str
    mentor: str
    self_assessment: Assessment
    mentor_assessment: Assessment
    comments: dict[str, str]
    adjustment: ProfileAdjustment
    plan: PlanSummary | None
    summary: str
    read_only: bool
    practice: tuple[PracticeResult, ...] = ()
    """The mentee's practice results, as their packet carried them."""
    own_plan: PlanSummary | None = None
    """The plan the mentee made themselves, as their packet carried it."""


@dataclass(frozen=True)
class Opened:
    session: MentorSession
    warnings: tuple[Problem, ...]
    clash: str
    """Said to the user when the packet's name is someone else's too (never merged)."""


class MentorDesk:
    """Bound to a store and its library; ``workspace``, when given, supplies the fallback target profile."""

    def __init__(
        self, workspace: Workspace | None = None, *, store: Store | None = None, library: Library | None = None
    ) -> None:
        if workspace is not None:
            store, library = workspace.store, workspace.library
        if store is None or library is None:
            raise TypeError("MentorDesk needs a workspace, or a store and a library")
        self.workspace = workspace
        self.store: Store = store
        self.library: Library = library

    @classmethod
    def for_store(cls, store: Store, library: Library) -> MentorDesk:
        """A desk for a command that opened the store without choosing a framework."""
        return cls(store=store, library=library)

    # lists ---------------------------------------------------------------------------------------
    def sessions(self) -> list[SessionSummary]:
        return mentor_store.sessions(self.store)

    def received(self) -> list[tuple[str, datetime, MentorReview]]:
        return mentor_store.received_reviews(self.store)

    def sent_packets(self) -> list[dict[str, Any]]:
        return mentor_store.sent_packets(self.store)

    def find_session(self, prefix: str) -> str:
        """The id of the one session whose id is ``prefix`` or starts with it (4 characters or more).

        Raises:
            ContentError: no session, or more than one, matches.
        """
        ids = [s.id for s in self.sessions() if s.id == prefix or (len(prefix) >= 4 and s.id.startswith(prefix))]
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise ContentError([Problem(prefix, "no review in progress with this id", hint="'ctoprep mentor reviews'")])
        raise ContentError([Problem(prefix, f"{len(ids)} reviews start with this id", hint="give more of it")])

    def received_review(self, review_id: str) -> MentorReview | None:
        return next((review for rid, _, review in self.received() if rid == review_id), None)

    # sessions ------------------------------------------------------------------------------------
    def session(self, session_id: str) -> MentorSession:
        return mentor_store.load_session(self.store, session_id)

    def framework_of(self, session: MentorSession) -> Framework:
        return self.library.framework(session.packet.payload.framework.id)

    def mentor_assessment(self, session: MentorSession) -> Assessment:
        return self.store.load_assessment(session.mentor_assessment_id)

    def open_packet(self, path: Path, *, as_person: str | None = None, packet: ReviewPacket | None = None) -> Opened:
        """Check and open a mentee's packet for blind rating (or resume its session).

        ``packet`` is the file's content when the caller has read it already; else it is read here.

        Raises:
            ContentError: the file is not a packet this framework library can use.
        """
        from ctoprep.core.packets import fit_packet
        from ctoprep.formats.exchange_files import read_packet

        if packet is None:
            packet = read_packet(path)
        framework = self.library.framework(packet.payload.framework.id)
        fitted = fit_packet(packet, framework, display_path(path))
        opened = mentoring.open_packet(
            self.store, packet, framework, mentoring.mentor_name(self.store), as_person=as_person
        )
        return Opened(opened.session, tuple(fitted.warnings), opened.clash_text(packet.person))

    def reveal(self, session: MentorSession) -> None:
        """The blind ratings become final and the self-ratings are shown: one commit."""
        with self.store.transaction():
            mentor_store.reveal(self.store, session.id)
            self.store.set_status(session.mentor_assessment_id, AssessmentStatus.COMPLETE)

    def set_comment(self, session_id: str, skill_id: str, text: str) -> None:
        mentor_store.set_comment(self.store, session_id, skill_id, text)

    def set_adjustment(self, session_id: str, adjustment: ProfileAdjustment) -> None:
        with self.store.transaction():
            mentor_store.set_profile(self.store, session_id, adjustment)

    def set_summary(self, session_id: str, summary: str) -> None:
        with self.store.transaction():
            mentor_store.set_summary(self.store, session_id, summary)

    def remember_name(self, name: str) -> None:
        """The name this mentor signs reviews with from now on."""
        mentoring.remember_mentor_name(self.store, name)

    def set_mentor_name(self, session_id: str, name: str) -> None:
        """The name on this review, remembered for the next one too: one commit."""
        with self.store.transaction():
            mentor_store.set_mentor_name(self.store, session_id, name)
            mentoring.remember_mentor_name(self.store, name)

    # the side-by-side view -----------------------------------------------------------------------
    def review_data(self, session_id: str) -> ReviewData:
        session = self.session(session_id)
        framework = self.framework_of(session)
        return ReviewData(
            framework,
            session.person,
            session.mentor_name,
            map_to_framework(session.packet.current, framework).assessment,
            self.mentor_assessment(session),
            dict(session.comments),
            session.profile,
            session.plan,
            session.summary,
            read_only=False,
            practice=session.packet.payload.practice,
            own_plan=session.packet.payload.plan,
        )

    def received_data(self, review: MentorReview) -> ReviewData:
        p = review.payload
        framework = self.library.framework(p.framework.id)
        return ReviewData(
            framework,
            p.mentee,
            p.mentor,
            map_to_framework(p.self_assessment, framework).assessment,
            map_to_framework(p.mentor_assessment, framework).assessment,
            dict(p.comments),
            p.profile or ProfileAdjustment(),
            p.plan,
            p.summary,
            read_only=True,
        )

    def agreed(self, framework: Framework, adjustment: ProfileAdjustment) -> Profile | None:
        """The targets agreed so far: the chosen base profile with the mentor's per-skill changes."""
        if not framework.profiles:
            return None
        ws = self.workspace
        fallback = ws.profile if ws is not None and framework.id == ws.framework.id else None
        return agreed_profile(framework, adjustment, fallback)

    # the agreed plan and the review file ---------------------------------------------------------
    def build_plan(self, session_id: str, limits: PlanLimits, basis: Literal["self", "mentor"]) -> Plan:
        """Plan against the agreed targets on the chosen ratings, and keep it with the session."""
        plan = self.plan_maker(session_id, limits, basis)()
        self.keep_plan(session_id, plan, basis)
        return plan

    def plan_maker(self, session_id: str, limits: PlanLimits, basis: Literal["self", "mentor"]) -> Callable[[], Plan]:
        """What :meth:`build_plan` computes, as a call that touches no store (so the app can run it in a
        worker thread: proving the best plan can take a second). Read here, on the caller's thread."""
        from ctoprep.core.gaps import find_gaps
        from ctoprep.core.planning import build_plan

        session = self.session(session_id)
        framework = self.framework_of(session)
        profile = self.agreed(framework, session.profile)
        if basis == "mentor":
            assessment = self.mentor_assessment(session)
        else:
            assessment = map_to_framework(session.packet.current, framework).assessment
        gaps = find_gaps(framework, assessment, profile)
        return lambda: build_plan(framework, gaps, limits)

    def keep_plan(self, session_id: str, plan: Plan, basis: Literal["self", "mentor"]) -> None:
        """Keep ``plan`` with the session (one transaction)."""
        from ctoprep.core.packets import plan_summary

        with self.store.transaction():
            mentor_store.set_plan(self.store, session_id, plan_summary(plan, basis=basis))

    def review(self, session_id: str) -> MentorReview:
        """The review file's content as it stands.

        Raises:
            ContentError: the session cannot make a review yet (e.g. nothing rated).
        """
        return mentor_store.review_from_session(self.store, self.session(session_id))

    def mark_sent(self, session: MentorSession, review: MentorReview) -> None:
        """Record that ``review`` left this computer (the caller wrote it where the user asked)."""
        with self.store.transaction():
            mentor_store.mark_sent(self.store, session, review)

    def write_review(self, session_id: str, today: date, review: MentorReview | None = None) -> Path:
        """Write the review file for the mentee (``review``, if the caller built it already) and record
        it as sent."""
        from ctoprep.core.packets import review_to_json
        from ctoprep.formats.atomic import write_text_atomic

        session = self.session(session_id)
        if review is None:
            review = mentor_store.review_from_session(self.store, session)
        path = export_path(self.library.home / "exports", f"review-{slug(session.person)}-{today:%Y-%m-%d}", ".json")
        write_text_atomic(path, review_to_json(review), overwrite=False)
        self.mark_sent(session, review)
        return path

    # the mentee's side ---------------------------------------------------------------------------
    def build_packet(
        self,
        *,
        assessment_id: str | None = None,
        history: int = 5,
        practice: bool = True,
        plan: bool = True,
        limits: LimitsChoice | None = None,
        note: str = "",
        name: str | None = None,
        today: date | None = None,
    ) -> mentoring.ExportedPacket:
        """A review packet of a self-assessment (default: the latest), nothing written yet.

        Raises:
            ContentError: no self-assessment, or the one named is a mentor's rating.
        """
        return mentoring.export_packet(
            self.store,
            self.library,
            assessment_id=assessment_id,
            history=history,
            practice=practice,
            plan=plan,
            limits=limits,
            note=note,
            name=name,
            today=today,
        )

    def find_assessment(self, ref: str) -> str:
        return self.store.find_assessment_id(ref)

    def agreed_profiles(self, framework: Framework) -> list[Profile]:
        """The target profiles agreed in imported reviews of ``framework``, newest first."""
        from ctoprep.services.profiles import agreed_profiles

        return agreed_profiles(self.store, framework)

    def record_packet_sent(self, exported: mentoring.ExportedPacket) -> None:
        """Remember a packet that left this computer, so the mentor's answer can be matched to it."""
        with self.store.transaction():
            mentor_store.record_packet_sent(self.store, exported.person_id, exported.packet)

    def export_packet(self, assessment_id: str | None, today: date) -> Path:
        """Write a review packet of the current assessment for a mentor.

        Raises:
            ContentError: there is nothing to send (no assessment).
        """
        from ctoprep.core.packets import packet_to_json
        from ctoprep.formats.atomic import write_text_atomic

        exported = self.build_packet(assessment_id=assessment_id, today=today)
        path = export_path(self.library.home / "exports", f"packet-{today:%Y-%m-%d}", ".json")
        write_text_atomic(path, packet_to_json(exported.packet), overwrite=False)
        self.record_packet_sent(exported)
        return path

    def import_review(self, path: Path, review: MentorReview | None = None) -> ImportedReview:
        """Take in a review the mentor sent (``review``: the file's content, if the caller read it already).

        Raises:
            ContentError: the file is not a review, or not for this store.
        """
        from ctoprep.formats.exchange_files import read_review

        if review is None:
            review = read_review(path)
        framework = self.library.framework(review.payload.framework.id)
        return mentor_store.import_review(self.store, review, framework, display_path(path))


__all__ = ["ContentError", "MentorDesk", "Opened", "ReviewData", "export_path", "slug"]
