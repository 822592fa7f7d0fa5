"""Practice sessions: start, resume, answer, flag, time and finish an attempt, and reopen a finished one.

:class:`Practice` is the service callers use; it builds on :class:`~ctoprep.services.practice.progress.PracticeProgress`
and :class:`~ctoprep.services.practice.base.PracticeBase`. Every answer is durable before it returns.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import replace

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Profile
from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.core.practice import (
    AttemptResult,
    Mode,
    assemble_drill,
    assemble_mock,
    choose_weak_spots,
    score_attempt,
    weak_spot_inputs,
)
from ctoprep.core.problems import ContentError
from ctoprep.core.text import plural
from ctoprep.services.practice.base import _problem_text
from ctoprep.services.practice.progress import PracticeProgress
from ctoprep.services.practice.values import DEFAULT_COUNTS, OpenedAttempt, PracticeError, QuizOptions, Session
from ctoprep.storage import practice_store as ps
from ctoprep.storage.practice_store import StoredResult
from ctoprep.storage.store import StoreError


class Practice(PracticeProgress):
    """Practice for one framework over one store. Not shared between threads: a worker makes its own."""

    # starting and resuming ----------------------------------------------------------------
    def start(
        self,
        options: QuizOptions,
        *,
        assessment: Assessment | None = None,
        profile: Profile | None = None,
        seed: int | None = None,
    ) -> Session:
        """Assemble and store a new attempt.

        Raises:
            PracticeError: no blueprint, too small a bank, no questions in the areas, nothing due...
        """
        mode = options.mode or Mode.MOCK
        bank = self._bank()
        if not bank.questions:
            raise PracticeError(
                f"There are no practice questions for {self.framework.title} yet. "
                "Add a question bank under question_banks/" + self.framework.id + "/ in your data folder."
            )
        seed = secrets.randbelow(2**31) if seed is None else seed
        fw = self.framework
        reasons: dict[int, str] = {}
        minutes: float | None = None
        full_form = False
        count = options.count
        if count is not None and count < 1:
            raise PracticeError("The number of questions must be at least 1.")
        if mode is Mode.MOCK:
            blueprint = fw.blueprint
            if blueprint is None:
                raise PracticeError(f"{fw.title} has no exam blueprint, so there is no mock exam; try a drill.")
            n = count or blueprint.item_count
            try:
                ids = assemble_mock(
                    fw, bank, seen=ps.seen_questions(self.store, fw.id, Mode.MOCK.value), seed=seed, item_count=n
                )
            except ContentError as exc:
                raise PracticeError(_problem_text(exc)) from None
            full_form = n == blueprint.item_count
            if options.minutes is not None:
                minutes = options.minutes
            else:  # a shorter form gets its share of the time
                minutes = math.ceil(blueprint.time_limit_minutes * n / blueprint.item_count)
            if minutes <= 0:
                raise PracticeError("The time limit must be more than 0 minutes.")
        elif mode is Mode.DRILL:
            unknown = [a for a in options.areas if a not in fw.area_by_id]
            if unknown:
                raise PracticeError(f"No skill area {', '.join(unknown)!s} in {fw.title}.")
            ids = assemble_drill(
                bank,
                options.areas,
                count or DEFAULT_COUNTS[mode],
                seen=ps.seen_questions(self.store, fw.id),
                seed=seed,
            )
            if not ids:
                raise PracticeError("There are no questions in the chosen areas yet.")
        elif mode is Mode.WEAK:
            gaps = None
            if assessment is not None and profile is not None and fw.profiles:
                gaps = find_gaps(fw, assessment, profile)
            inputs = weak_spot_inputs(gaps, self.accuracy(), self.due_today())
            spots = choose_weak_spots(
                bank, inputs, count or DEFAULT_COUNTS[mode], seen=ps.seen_questions(self.store, fw.id), seed=seed
            )
            ids = [s.question_id for s in spots]
            reasons = {i: s.reason for i, s in enumerate(spots)}
        else:
            due = self.due_today()
            if not due:
                raise PracticeError(
                    "Nothing is due for review today. Questions you miss or flag come back here on a schedule."
                )
            ids = due[: count or DEFAULT_COUNTS[mode]]
        config = {
            "seed": seed,
            "count": len(ids),
            "areas": list(options.areas),
            "minutes": minutes,
            "exam_conditions": options.exam_conditions,
            "full_form": full_form,
            "reasons": {str(k): v for k, v in reasons.items()},
        }
        attempt_id = ps.create_attempt(self.store, self.person_id, fw.id, mode.value, ids, config, self.now())
        by_id = bank.by_id()
        return Session(
            attempt_id=attempt_id,
            mode=mode,
            questions=[by_id[q] for q in ids],
            time_limit=minutes * 60 if minutes is not None else None,
            exam_conditions=options.exam_conditions,
            reasons=reasons,
        )

    def resume(self, attempt_id: str) -> Session:
        """An attempt in progress, exactly as it was left.

        Raises:
            PracticeError: the bank has changed so that some of its questions are gone.
        """
        record = ps.load_attempt(self.store, attempt_id)
        by_id = self._bank().by_id()
        missing = [q for q in record.question_ids if q not in by_id]
        if missing:
            raise PracticeError(
                f"{plural(len(missing), 'question')} of this attempt {'is' if len(missing) == 1 else 'are'} "
                "no longer in the bank; start a new one instead."
            )
        minutes = record.config.get("minutes")
        reasons = {int(k): str(v) for k, v in dict(record.config.get("reasons", {})).items()}
        exam_conditions = bool(record.config.get("exam_conditions", True))
        elapsed = record.elapsed_seconds
        if exam_conditions and minutes is not None:
            # under exam conditions the clock kept running while the person was away, as it would in the room
            elapsed = max(elapsed, (self.now() - record.started_at).total_seconds())
        return Session(
            attempt_id=record.id,
            mode=Mode(record.mode),
            questions=[by_id[q] for q in record.question_ids],
            answers={k: v for k, v in record.answers.items() if v is not None},
            flagged=set(record.flagged),
            current=min(int(record.state.get("current", 0)), max(0, len(record.question_ids) - 1)),
            elapsed=elapsed,
            time_limit=float(minutes) * 60 if minutes is not None else None,
            exam_conditions=exam_conditions,
            paused=bool(record.state.get("paused", False)),
            reasons=reasons,
            started_at=record.started_at,
        )

    def attempt(self, attempt_id: str) -> ps.AttemptRecord:
        """An attempt as stored (answers so far, settings, time used)."""
        return ps.load_attempt(self.store, attempt_id)

    def abandon(self, attempt_id: str) -> None:
        """Set an unfinished attempt aside; its answers no longer count."""
        ps.abandon_attempt(self.store, attempt_id)

    # answering (each change is durable before it returns) ---------------------------------
    def answer(self, session: Session, position: int, choice: int) -> bool | None:
        """Record an answer; returns whether it is right in drills and reviews, None in a mock exam.

        In a drill the first answer stands (the key is shown at once); in a mock exam it can change.
        """
        if session.feedback and position in session.answers:
            return session.correct(position)
        question = session.questions[position]
        if not 0 <= choice < len(question.options):
            raise ValueError(f"option {choice} out of range")
        correct = choice == question.key_index
        person = self.person_id if session.feedback else ""
        with self.store.transaction():  # the answer and its review card: one commit
            ps.save_answer(
                self.store,
                session.attempt_id,
                position,
                choice,
                correct=correct,
                flagged=position in session.flagged,
                elapsed=session.elapsed,
                current=position,
            )
            if session.feedback:
                cards = ps.review_cards(self.store, person)
                self._review(question.id, correct=correct, flagged=position in session.flagged, cards=cards)
        session.answers[position] = choice
        session.current = position
        return correct if session.feedback else None

    def toggle_flag(self, session: Session, position: int) -> bool:
        """Flag or unflag a question for review; returns the new state."""
        flagged = position not in session.flagged
        if flagged:
            session.flagged.add(position)
        else:
            session.flagged.discard(position)
        person = self.person_id if session.feedback else ""
        with self.store.transaction():
            ps.save_answer(
                self.store,
                session.attempt_id,
                position,
                session.answers.get(position),
                correct=session.correct(position),
                flagged=flagged,
                elapsed=session.elapsed,
                current=session.current,
            )
            if session.feedback and flagged and position in session.answers:
                # flagged after the answer was checked: bring it back for review unless it already is
                cards = ps.review_cards(self.store, person)
                if session.questions[position].id not in cards:
                    correct = bool(session.correct(position))
                    self._review(session.questions[position].id, correct=correct, flagged=True, cards=cards)
        return flagged

    def move(self, session: Session, position: int) -> None:
        session.current = max(0, min(position, session.total - 1))
        ps.save_progress(self.store, session.attempt_id, current=session.current, elapsed=session.elapsed)

    def save_time(self, session: Session) -> None:
        ps.save_progress(self.store, session.attempt_id, elapsed=session.elapsed, paused=session.paused)

    def finish(self, session: Session, *, timed_out: bool = False) -> AttemptResult:
        """Score the attempt and store the result, with (for a mock exam) every item's review card: one commit.

        The result is stored with every item and the key it was scored against; it is never re-scored.
        """
        bank = self._bank()
        ids = [q.id for q in session.questions]
        result = score_attempt(self.framework, bank, ids, session.answers, session.flagged)
        person = self.person_id if session.mode is Mode.MOCK else ""
        with self.store.transaction():
            if session.mode is Mode.MOCK:
                cards = ps.review_cards(self.store, person)
                for item in result.items:  # a blank counts as missed
                    self._review(item.question_id, correct=item.correct, flagged=item.flagged, cards=cards)
            ps.finish_attempt(
                self.store, session.attempt_id, StoredResult(result, timed_out=timed_out, elapsed=session.elapsed)
            )
        return result

    def is_unfinished(self, attempt_id: str) -> bool:
        """True for an attempt that is still in progress (it can be resumed)."""
        try:
            return ps.load_attempt(self.store, attempt_id).status is AttemptStatus.IN_PROGRESS
        except StoreError:
            return False

    def time_left(self, attempt_id: str) -> float | None:
        """Seconds left of an unfinished timed attempt as of now (the clock runs while away under exam
        conditions, as in :meth:`resume`); None when it has no time limit."""
        record = ps.load_attempt(self.store, attempt_id)
        minutes = record.config.get("minutes")
        if minutes is None:
            return None
        elapsed = record.elapsed_seconds
        if bool(record.config.get("exam_conditions", True)):
            elapsed = max(elapsed, (self.now() - record.started_at).total_seconds())
        return max(0.0, float(minutes) * 60 - elapsed)

    def open_attempt(self, attempt_id: str) -> OpenedAttempt:
        """A finished attempt as it was scored: the stored result, and the questions still in the bank.

        Raises:
            PracticeError: the attempt is not finished, or is unknown.
        """
        try:
            record = ps.load_attempt(self.store, attempt_id)
        except StoreError:
            raise PracticeError("That attempt is no longer in the store.") from None
        if record.status is not AttemptStatus.FINISHED or record.result is None:
            raise PracticeError("This attempt is unfinished: choose its mode in Practice (p) to resume it.")
        by_id = self._bank().by_id()
        stored = record.result
        if not stored.has_items and all(q in by_id for q in record.question_ids):
            # stored before items were kept: the item list is rebuilt for review; the figures stay as stored
            rescored = score_attempt(self.framework, self._bank(), record.question_ids, record.answers, record.flagged)
            stored = StoredResult(replace(stored.result, items=rescored.items), stored.timed_out, stored.elapsed)
        return OpenedAttempt(
            attempt_id=record.id,
            mode=Mode(record.mode),
            stored=stored,
            questions={q: by_id[q] for q in record.question_ids if q in by_id},
            elapsed=stored.elapsed or record.elapsed_seconds,
        )
