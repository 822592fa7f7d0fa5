"""One user's working context: the framework in use, the store, and the assessment being worked on.

This is the seam between the app (or a script) and the core + storage: it loads and saves, and
returns fresh immutable values. It holds no rules of its own and imports no UI.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.core.models.assessment import Assessment, Confidence, FrameworkRef, Rating, utc_now
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.services.content import Library
from ctoprep.storage import settings
from ctoprep.storage.store import AssessmentSummary, Store

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework, Profile  # the commands that only open the store need neither
    from ctoprep.core.planning import PlanLimits
    from ctoprep.services.practice import Practice
    from ctoprep.services.recert import RecertLog


def current_assessment(store: Store) -> Assessment | None:
    """The app's current assessment: the one made current last (History's "Make current", or a new one),
    else the latest self-assessment. ``ctoprep report current`` and ``plan current`` mean this one."""
    chosen = store.get_setting(settings.LAST_CURRENT)
    if chosen and store.has_assessment(chosen):
        return store.load_assessment(chosen)
    latest = store.latest_assessment()
    return store.load_assessment(latest.id) if latest is not None else None


def open_store(home: Path | None = None) -> Store:
    """The store in ``home`` (the default data folder if None), for a command's one action."""
    return Store.open(home)


class WorkspaceClosedError(RuntimeError):
    """A worker asked for a connection after the workspace was closed (the app is quitting)."""


class WorkerConnections:
    """The connections worker threads hold on a store; closing waits until they are all closed.

    The home snapshot's key covers the store's files, and SQLite rewrites them when its last connection
    closes: a worker still counting practice when the app quits would make the snapshot just saved
    stale. So closing refuses new worker connections and waits (a few seconds at most) for open ones.
    """

    WAIT = 5.0
    """Seconds closing waits for workers at most (a very large bank loading cold); never forever."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._open = 0
        self._closed = False

    @contextmanager
    def open(self, path: Path) -> Iterator[Store]:
        with self._changed:
            if self._closed:
                raise WorkspaceClosedError("the workspace is closed")
            self._open += 1
        try:
            with Store.open_file(path, migrate=False) as store:
                yield store
        finally:
            with self._changed:
                self._open -= 1
                self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.wait_for(lambda: self._open == 0, timeout=self.WAIT)


@dataclass
class Workspace:
    library: Library
    store: Store
    framework: Framework
    workers: WorkerConnections = field(default_factory=WorkerConnections, repr=False, compare=False)
    """Worker threads' connections to the same store (shared by the workspaces of ``switch_framework``)."""

    @classmethod
    def open(cls, home: Path | None = None, framework_id: str | None = None) -> Workspace:
        library = Library(home)
        framework = library.framework(framework_id)
        store = Store.open(home)
        return cls(library, store, framework)

    def close(self) -> None:
        """Close the store, once worker threads have closed their connections to it."""
        self.workers.close()
        self.store.close()

    def connection_for_worker(self) -> AbstractContextManager[Store]:
        """A connection of its own for a worker thread (SQLite connections are not shared between threads),
        to use in a ``with`` block. Raises ``WorkspaceClosedError`` once the workspace is closing."""
        return self.workers.open(self.store.path)

    def switch_framework(self, framework_id: str) -> Workspace:
        """The same store and library on another framework (its own current assessment and profile)."""
        return Workspace(self.library, self.store, self.library.framework(framework_id), self.workers)

    # profile ------------------------------------------------------------------------------
    @property
    def profile(self) -> Profile | None:
        """The chosen target profile (a framework's, or one agreed in a mentor review), else the default."""
        from ctoprep.services.profiles import chosen_profile

        return chosen_profile(self.store, self.framework)

    def profiles(self) -> list[Profile]:
        """Every profile the user can choose: the framework's, then those agreed with a mentor."""
        from ctoprep.services.profiles import choosable_profiles

        return choosable_profiles(self.store, self.framework)

    def choose_profile(self, profile_id: str) -> Profile:
        """Make a profile the one gaps are measured against, for this framework and the current assessment.

        Raises:
            KeyError: no profile has this id.
        """
        from ctoprep.services.profiles import choose_profile

        profile = choose_profile(self.store, self.framework, profile_id)
        current = self.current_id()
        if current:
            self.store.set_profile(current, profile_id)
        return profile

    # assessments -------------------------------------------------------------------------
    # preferences ---------------------------------------------------------------------------
    def saved_limits(self) -> tuple[int, float, int]:
        """The budget, hours a month and months the last plan was built with (else the defaults)."""
        from ctoprep.services.insights import saved_limits

        return saved_limits(self.store)

    def saved_theme(self) -> str | None:
        return self.store.get_setting(settings.THEME)

    def remember_theme(self, theme: str) -> None:
        if theme != self.saved_theme():
            with self.store.transaction():
                self.store.set_setting(settings.THEME, theme)

    def current_id(self) -> str | None:
        chosen = self.store.get_setting(settings.CURRENT_ASSESSMENT, framework=self.framework.id)
        if chosen and self.store.has_assessment(chosen):
            return chosen
        latest = self.store.latest_assessment(self.framework.id)
        return latest.id if latest else None

    def current(self) -> Assessment | None:
        aid = self.current_id()
        return self.store.load_assessment(aid) if aid else None

    def start_assessment(self, person: str = "", *, copy_from: Assessment | None = None) -> Assessment:
        """A new self-assessment, saved at once; optionally starting from an earlier one's ratings."""
        profile = self.profile
        assessment = Assessment(
            framework=FrameworkRef(
                id=self.framework.id, version=self.framework.version, content_hash=self.framework.content_hash
            ),
            person=person,
            profile=profile.id if profile else None,
            ratings=dict(copy_from.ratings) if copy_from else {},
        )
        self.store.save_assessment(assessment)
        self.make_current(assessment.id)
        return assessment

    def make_current(self, assessment_id: str) -> None:
        with self.store.transaction():
            self.store.set_setting(settings.CURRENT_ASSESSMENT, assessment_id, framework=self.framework.id)
            self.store.set_setting(settings.LAST_CURRENT, assessment_id)

    def rate(
        self,
        assessment: Assessment,
        skill_id: str,
        *,
        level: int | None,
        evidence: str | None = None,
        confidence: Confidence | None = None,
        core_value: bool = False,
        then: str | None = None,
    ) -> Assessment:
        """Record a rating (or an explicit 'not rated'), durable before this returns: one commit.

        ``then`` is the skill the person moves on to; it is saved as the position in the same commit
        (default: this skill).
        """
        field = assessment.core_values if core_value else assessment.ratings
        old = field.get(skill_id)
        rating = Rating(
            level=level,
            evidence=evidence if evidence is not None else (old.evidence if old else ""),
            confidence=confidence if confidence is not None else (old.confidence if old else None),
            rated_at=utc_now(),
            skipped=level is None,  # a level of None here is the person's choice of "not rated"
        )
        updated = assessment.with_rating(skill_id, rating, core_value=core_value)
        position = then or skill_id
        updated = dataclasses.replace(updated, position=position)
        self.store.save_rating(assessment.id, skill_id, rating, core_value=core_value, position=position)
        return updated

    def set_evidence(self, assessment: Assessment, skill_id: str, evidence: str) -> Assessment:
        """Keep evidence; a skill without a level stays to be rated (typing notes first is not a skip)."""
        old = assessment.ratings.get(skill_id)
        rating = Rating(
            level=old.level if old else None,
            evidence=evidence,
            confidence=old.confidence if old else None,
            rated_at=utc_now(),
            skipped=old.skipped if old else False,
        )
        self.store.save_rating(assessment.id, skill_id, rating, position=skill_id)
        return dataclasses.replace(assessment.with_rating(skill_id, rating), position=skill_id)

    def set_confidence(self, assessment: Assessment, skill_id: str, confidence: Confidence | None) -> Assessment:
        old = assessment.ratings.get(skill_id)
        rating = Rating(
            level=old.level if old else None,
            evidence=old.evidence if old else "",
            confidence=confidence,
            rated_at=utc_now(),
            skipped=old.skipped if old else False,
        )
        self.store.save_rating(assessment.id, skill_id, rating, position=skill_id)
        return dataclasses.replace(assessment.with_rating(skill_id, rating), position=skill_id)

    def move_to(self, assessment: Assessment, skill_id: str) -> Assessment:
        self.store.set_position(assessment.id, skill_id)
        return dataclasses.replace(assessment, position=skill_id)

    def history(self) -> list[AssessmentSummary]:
        return [a for a in self.store.assessments(framework_id=self.framework.id)]

    def load(self, assessment_id: str) -> Assessment:
        return self.store.load_assessment(assessment_id)

    def complete(self, assessment_id: str) -> None:
        """Mark an assessment complete (every skill has a rating or is marked not rated)."""
        with self.store.transaction():
            self.store.set_status(assessment_id, AssessmentStatus.COMPLETE)

    def save_limits(self, limits: PlanLimits) -> None:
        """Remember the plan's budget, hours and months for next time."""
        from ctoprep.services.insights import save_limits

        with self.store.transaction():
            save_limits(self.store, limits)

    def cohort_code_key(self) -> str:
        from ctoprep.services.mentoring import code_key

        return code_key(self.store)

    def has_practice(self) -> bool:
        """Whether any practice answer counts on this framework (one query; imports nothing). Without one
        there is no calibration, so the gaps need neither the question bank nor the practice service."""
        return self.store.has_practice(self.framework.id)

    def practice(self) -> Practice:
        from ctoprep.services.practice import Practice

        return Practice(self.library, self.store, self.framework)

    def recert_log(self) -> RecertLog:
        """This framework's recertification log.

        Raises:
            ContentError: the framework has no recertification rules.
        """
        from ctoprep.services.recert import RecertLog

        return RecertLog(self.store, self.framework)
