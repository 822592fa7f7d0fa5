"""Mentor review and cohort tasks shared by the command line and the app (no UI here).

The seam between them and the core + storage, like :mod:`ctoprep.services.context`: it reads the store and
the library, calls the core's pure rules, and returns values. Problems with single packets are
returned as :class:`~ctoprep.core.problems.Problem` lists, never raised one by one.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ctoprep.core.assessment_io import map_to_framework
from ctoprep.core.cohort import Anonymize, CohortEntry, CohortView, build_cohort
from ctoprep.core.gaps import resolve_profile
from ctoprep.core.models.assessment import Assessment, RaterRole
from ctoprep.core.models.framework import Framework
from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.core.packets import (
    PlanSummary,
    PracticeResult,
    ReviewPacket,
    build_packet,
    fit_packet,
    plan_summary,
    practice_result,
)
from ctoprep.core.problems import ContentError, Problem, Severity, display_path
from ctoprep.formats.collector import gc_paused
from ctoprep.formats.exchange_files import collect_packets
from ctoprep.services.content import Library
from ctoprep.services.insights import LimitsChoice, plan_limits, stored_report
from ctoprep.services.profiles import chosen_profile
from ctoprep.storage import settings
from ctoprep.storage.mentor_store import MentorSession
from ctoprep.storage.store import Store


@dataclass(frozen=True)
class ExportedPacket:
    packet: ReviewPacket
    framework: Framework
    person_id: str
    warnings: list[Problem]


def export_packet(
    store: Store,
    library: Library,
    *,
    assessment_id: str | None = None,
    history: int = 5,
    practice: bool = True,
    plan: bool = True,
    limits: LimitsChoice | None = None,
    note: str = "",
    name: str | None = None,
    today: date | None = None,
) -> ExportedPacket:
    """Build the packet for a self-assessment (default: the latest), with earlier ones, practice and a plan.

    Raises:
        ContentError: no self-assessment, or the one named is a mentor's rating.
    """
    today = today or date.today()
    if assessment_id is None:
        latest = store.latest_assessment()
        if latest is None:
            raise ContentError(
                [
                    Problem(
                        display_path(store.path),
                        "there is no self-assessment in the store yet",
                        hint="run 'ctoprep' to take one, or 'ctoprep import FILE'",
                    )
                ]
            )
        assessment_id = latest.id
    summary = next(s for s in store.assessments() if s.id == assessment_id)
    if summary.rater_role != RaterRole.SELF.value:
        raise ContentError(
            [Problem(assessment_id[:8], "is a mentor's rating; a packet carries your own self-assessments")]
        )
    framework = library.framework(summary.framework_id)
    earlier = [
        s
        for s in store.assessments(person_id=summary.person_id, framework_id=framework.id)
        if s.rater_role == RaterRole.SELF.value and s.id != assessment_id and s.updated_at <= summary.updated_at
    ]
    chosen = [*(earlier[-history:] if history > 0 else []), summary]
    assessments = [map_to_framework(store.load_assessment(s.id), framework).assessment for s in chosen]
    warnings: list[Problem] = []
    results = _practice(store, library, framework, summary.person_id, warnings) if practice else []
    agreed = _plan(store, library, framework, assessments[-1], limits or LimitsChoice(), today) if plan else None
    packet = build_packet(
        framework, assessments, practice=results, plan=agreed, note=note, person=name, person_id=summary.person_id
    )
    return ExportedPacket(packet, framework, summary.person_id, warnings)


def _practice(
    store: Store, library: Library, framework: Framework, person_id: str, warnings: list[Problem]
) -> list[PracticeResult]:
    """The person's finished attempts as they were scored (the stored results: no bank, no re-scoring)."""
    from ctoprep.storage import practice_store

    return [
        practice_result(r.id, r.mode, r.finished_at or r.started_at, r.result.result)
        for r in practice_store.attempts(store, framework.id, status=AttemptStatus.FINISHED)
        if r.person_id == person_id and r.result is not None
    ]


def _plan(
    store: Store, library: Library, framework: Framework, assessment: Assessment, choice: LimitsChoice, today: date
) -> PlanSummary | None:
    """The plan the mentee sees on screen: the same profile, calibration weights and limits."""
    if not framework.profiles or not framework.catalogue.activities:
        return None
    profile = chosen_profile(store, framework, assessment.profile)
    limits = plan_limits(store, choice, today)
    context = stored_report(store, library, framework, assessment, profile, generated_on=today, limits=limits)
    return plan_summary(context.plan, basis="self") if context.plan is not None else None


# the mentor's cohort -----------------------------------------------------------------------------


def mentor_name(store: Store) -> str:
    """The name this mentor signs reviews with (empty until given)."""
    return store.get_setting(settings.MENTOR_NAME) or ""


def remember_mentor_name(store: Store, name: str) -> None:
    with store.transaction():
        store.set_setting(settings.MENTOR_NAME, name)


def code_key(store: Store) -> str:
    """This user's secret key for member codes, made once and kept in the store."""
    key = store.get_setting(settings.COHORT_CODE_KEY)
    if not key:
        key = secrets.token_hex(16)
        store.set_setting(settings.COHORT_CODE_KEY, key)
    return key


@dataclass(frozen=True)
class LoadedCohort:
    framework: Framework
    entries: list[CohortEntry]
    problems: list[Problem]
    """Every packet left out (errors) and every warning, one per file and reason."""


def load_cohort_entries(paths: Sequence[Path], library: Library, *, framework_id: str | None = None) -> LoadedCohort:
    """Read, check and fit every packet under ``paths``; one member per person (their newest packet).

    Raises:
        ContentError: no packet could be used, or the framework is not installed.
    """
    with gc_paused(freeze=False):  # a cohort is read for one report: its objects stay collectable
        return _load_cohort_entries(paths, library, framework_id)


def _load_cohort_entries(paths: Sequence[Path], library: Library, framework_id: str | None) -> LoadedCohort:
    packets, problems = collect_packets(paths)
    if not packets:
        raise ContentError(
            [*problems, Problem(", ".join(str(p) for p in paths) or "-", "no usable review packet found")]
        )
    counts = Counter(p.packet.payload.framework.id for p in packets)
    framework = library.framework(framework_id or counts.most_common(1)[0][0])
    chosen: dict[str, CohortEntry] = {}
    for pf in packets:
        ref = pf.packet.payload.framework
        if ref.id != framework.id:
            problems.append(Problem(pf.shown, f"packet is for framework {ref.id!r}; this cohort is {framework.id!r}"))
            continue
        try:
            fitted = fit_packet(pf.packet, framework, pf.shown)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(fitted.warnings)
        entry = CohortEntry(pf.packet.person, fitted.current, pf.shown, pf.packet.payload.person_id)
        key = entry.person_key  # people are ids: two mentees with one name stay two members
        previous = chosen.get(key)
        if previous is not None:
            newer_first = entry.assessment.updated_at >= previous.assessment.updated_at
            newer, older = (entry, previous) if newer_first else (previous, entry)
            problems.append(
                Problem(
                    older.source,
                    f"{newer.source} is a newer packet for the same person; that one is used",
                    severity=Severity.WARNING,
                )
            )
            entry = newer
        chosen[key] = entry
    if not chosen:
        raise ContentError([*problems, Problem(framework.id, "no usable review packet for this framework")])
    return LoadedCohort(framework, list(chosen.values()), problems)


def cohort_view(
    loaded: LoadedCohort,
    *,
    profile_id: str | None,
    anonymize: Anonymize,
    salt: str,
    today: date,
    top: int = 10,
    max_cost: int | None = None,
    max_hours: float | None = None,
) -> CohortView:
    """The cohort of loaded entries against a profile, ready for the renderers."""
    profile = resolve_profile(loaded.framework, profile_id)
    with gc_paused(freeze=False):
        cohort = build_cohort(
            loaded.framework,
            loaded.entries,
            profile,
            anonymize=anonymize,
            salt=salt,
            max_cost=max_cost,
            max_hours=max_hours,
        )
    return CohortView(loaded.framework, cohort, today, tuple(loaded.problems), max(top, 0))


# opening a mentee's packet ------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedPacket:
    session: MentorSession
    same_name: tuple[str, ...]
    """Ids of other people in the store with the packet's name: told to the user, never merged."""

    def clash_text(self, name: str) -> str:
        if not self.same_name:
            return ""
        others = ", ".join(pid[:8] for pid in self.same_name)
        return (
            f"{name or 'This person'} has the same name as {others} in your store, but is filed as a separate "
            f"person ({self.session.person_id[:8]}): people are matched by id, never by name. If it is the same "
            "person, open the packet with --same-person ID."
        )


def open_packet(
    store: Store, packet: ReviewPacket, framework: Framework, mentor_name: str = "", *, as_person: str | None = None
) -> OpenedPacket:
    """Start (or resume) the blind review of a packet; says when its name matches someone else's.

    Raises:
        StoreError: the packet claims to be the store's owner, or ``as_person`` is not in the store.
    """
    from ctoprep.storage.mentor_store import open_session

    session = open_session(store, packet, framework, mentor_name, as_person=as_person)
    same = tuple(store.person_named(packet.person, other_than=session.person_id)) if packet.person else ()
    return OpenedPacket(session, same)
