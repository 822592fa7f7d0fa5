"""Practice sessions: the seam between the practice screens (or a script) and the engine + store.

It loads the bank, starts and resumes attempts, saves every answer the moment it is given, moves
review cards, scores finished attempts and gathers progress. It holds no rules of its own: which
questions, how they are scored, when they come back and what the verdict is all come from
:mod:`ctoprep.core.practice`, :mod:`ctoprep.core.review` and :mod:`ctoprep.core.calibration`.
It imports no UI, so the CLI and tests use it directly.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ctoprep.core.calibration import AreaCalibration, calibrate, gap_adjustments
from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.assessment import Assessment, utc_now
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.questions import Question, QuestionBank
from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.core.practice import (
    AreaAccuracy,
    AttemptResult,
    Mode,
    Readiness,
    accuracy_by_area,
    assemble_drill,
    assemble_mock,
    choose_weak_spots,
    readiness,
    score_attempt,
    weak_spot_inputs,
)
from ctoprep.core.problems import ContentError
from ctoprep.core.review import due_ids, record_answer
from ctoprep.core.scoring import score_assessment
from ctoprep.core.text import plural
from ctoprep.services.content import Library
from ctoprep.storage import practice_store as ps
from ctoprep.storage import settings
from ctoprep.storage.practice_store import StoredResult
from ctoprep.storage.store import Store, StoreError

DEFAULT_COUNTS = {Mode.DRILL: 10, Mode.WEAK: 10, Mode.REVIEW: 20}
"""Questions per session when no count is given (a mock exam follows the blueprint)."""
ESTIMATE_NOTE = "our estimate, not CoSN's scale"

MODE_TITLES = {
    Mode.MOCK: "Mock exam",
    Mode.DRILL: "Area drill",
    Mode.WEAK: "Weak-spot drill",
    Mode.REVIEW: "Review",
}


class PracticeError(Exception):
    """Nothing to practise, or a session that cannot be started or resumed; the message says why."""


@dataclass(frozen=True)
class QuizOptions:
    """How to start a session (from the chooser or ``ctoprep quiz``)."""

    mode: Mode | None = None
    """None: let the person choose."""
    areas: tuple[str, ...] = ()
    count: int | None = None
    minutes: float | None = None
    """Mock exams only; default the blueprint's time limit, scaled to a shorter form."""
    exam_conditions: bool = True
    """Under exam conditions a mock exam's timer cannot be paused."""


@dataclass
class Session:
    """A live attempt: what the exam screen shows and changes (every change goes through :class:`Practice`)."""

    attempt_id: str
    mode: Mode
    questions: list[Question]
    answers: dict[int, int] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)
    current: int = 0
    elapsed: float = 0.0
    time_limit: float | None = None
    """Seconds; None for an untimed session."""
    exam_conditions: bool = True
    paused: bool = False
    reasons: dict[int, str] = field(default_factory=dict)
    started_at: datetime = field(default_factory=utc_now)

    @property
    def feedback(self) -> bool:
        """Drills and reviews show the key and explanation at once; a mock exam only at the end."""
        return self.mode is not Mode.MOCK

    @property
    def pausable(self) -> bool:
        """Only a timed session outside exam conditions has a clock worth pausing."""
        return self.time_limit is not None and not self.exam_conditions

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def blanks(self) -> list[int]:
        return [i for i in range(self.total) if i not in self.answers]

    def correct(self, position: int) -> bool | None:
        """Whether the answer at ``position`` is right (None while unanswered)."""
        choice = self.answers.get(position)
        return None if choice is None else choice == self.questions[position].key_index


@dataclass(frozen=True)
class MockScore:
    when: datetime
    scaled: int | None
    percent: float
    total: int
    full_form: bool
    timed_out: bool


@dataclass(frozen=True)
class Progress:
    """Everything the progress screen shows."""

    mocks: tuple[MockScore, ...]
    accuracy: Mapping[str, AreaAccuracy]
    answered: int
    seen: int
    bank_size: int
    readiness: Readiness
    calibration: tuple[AreaCalibration, ...]
    """Empty without a self-assessment."""
    adjustments: Mapping[str, float]
    due_today: int
    exam_date: date | None

    @property
    def unseen(self) -> int:
        return max(0, self.bank_size - self.seen)


@dataclass(frozen=True)
class HomeFacts:
    """What the home screen shows about practice, gathered off the UI thread."""

    due_today: int = 0
    unfinished: tuple[str, ...] = ()
    """Modes with an attempt in progress."""
    attempts: int = 0
    adjustments: Mapping[str, float] = field(default_factory=dict)
    bank: QuestionBank | None = None
    problem: str = ""


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as listed by ``ctoprep attempts`` (from the stored result; no bank needed)."""

    id: str
    framework_id: str
    mode: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    total: int
    answered: int
    correct: int | None
    scaled: int | None
    passed: bool | None
    result: StoredResult | None


@dataclass(frozen=True)
class OpenedAttempt:
    """A finished attempt opened for review: its stored result and the questions the bank still has."""

    attempt_id: str
    mode: Mode
    stored: StoredResult
    questions: Mapping[str, Question]
    """Question id -> question, for the items still in the bank (a retired item is missing here)."""
    elapsed: float

    @property
    def result(self) -> AttemptResult:
        return self.stored.result


def end_of_utc_day(moment: datetime) -> datetime:
    """The last instant of ``moment``'s day in UTC: reviews due any time today count as due today."""
    day = moment.astimezone(UTC).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1) - timedelta(microseconds=1)


def result_document(stored: StoredResult) -> dict[str, Any]:
    """A stored result as printed by ``ctoprep attempts --json`` (read from the store, never re-scored)."""
    fields = ps.result_fields(stored)
    shown = (
        "correct",
        "answered",
        "total",
        "percent",
        "scaled_estimate",
        "passed_estimate",
        "score_min",
        "score_max",
        "pass_score",
    )
    document = {key: fields[key] for key in shown}
    document["estimate_note"] = ESTIMATE_NOTE if stored.result.scaled is not None else ""
    for key in ("areas", "content_areas", "timed_out", "elapsed_seconds"):
        document[key] = fields[key]
    return document


class Practice:
    """Practice for one framework over one store. Not shared between threads: a worker makes its own."""

    def __init__(
        self,
        library: Library,
        store: Store,
        framework: Framework,
        *,
        now: Callable[[], datetime] = utc_now,
        bank: QuestionBank | None = None,
    ) -> None:
        self.library = library
        self.store = store
        self.framework = framework
        self.now = now
        self.bank = bank
        self._person: str | None = None

    # the bank -----------------------------------------------------------------------------
    def load_bank(self) -> QuestionBank:
        """Load (once) the framework's questions. Slow for big banks: call it from a worker.

        Raises:
            ContentError: a bank file has problems.
        """
        if self.bank is None:
            self.bank = self.library.questions(self.framework)
            if self.bank.retired:
                ps.drop_reviews(self.store, self.bank.retired)  # a replaced question's card must not come back
        return self.bank

    def _bank(self) -> QuestionBank:
        try:
            return self.load_bank()
        except ContentError as exc:
            raise PracticeError(_problem_text(exc)) from None

    # the person and settings --------------------------------------------------------------
    def _find_person(self) -> str | None:
        """The store's owner, if the store has one yet (reading never creates anyone)."""

        chosen = self.store.get_setting(settings.SELF_PERSON) or self.store.get_setting(settings.LEGACY_PRACTICE_PERSON)
        if chosen and self.store.has_person(chosen):
            return chosen
        latest = self.store.latest_assessment(self.framework.id)
        return latest.person_id if latest else None

    @property
    def person_id(self) -> str:
        """Whose attempts and review cards these are: the store's owner (created once if new).

        Resolved once per service object (it was 3-4 queries, read twice per answer).
        """
        if self._person is None:
            self._person = self.store.self_person()
        return self._person

    @property
    def exam_date(self) -> date | None:
        text = self.store.get_setting(settings.EXAM_DATE, framework=self.framework.id)
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def set_exam_date(self, when: date | None) -> None:
        if when is None:
            self.store.delete_setting(settings.EXAM_DATE, framework=self.framework.id)
        else:
            self.store.set_setting(settings.EXAM_DATE, when.isoformat(), framework=self.framework.id)

    # reviews ------------------------------------------------------------------------------
    def due_today(self) -> list[str]:
        """Questions of this framework's bank due for review by the end of today (UTC), most overdue first."""
        person = self._find_person()
        if person is None:
            return []
        known = self._bank().area_of_question
        cards = {qid: due for qid, (_, due) in ps.review_cards(self.store, person).items() if qid in known}
        return due_ids(cards, end_of_utc_day(self.now()))

    def _review(self, question_id: str, *, correct: bool, flagged: bool, cards: Mapping[str, Any]) -> None:
        old = cards.get(question_id)
        item = record_answer(
            old[0] if old else None,
            question_id,
            correct=correct,
            flagged=flagged,
            now=self.now(),
            exam_date=self.exam_date,
        )
        if item is not None:
            ps.save_review(self.store, self.person_id, item)

    # starting and resuming ----------------------------------------------------------------
    def unfinished(self, mode: Mode) -> str | None:
        return ps.unfinished(self.store, self.framework.id, mode.value)

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

    # progress -----------------------------------------------------------------------------
    def accuracy(self) -> dict[str, AreaAccuracy]:
        records = ps.answer_records(self.store, self.framework.id, self._bank().area_of_question)
        return accuracy_by_area(self.framework, records)

    def adjustments(self, assessment: Assessment | None) -> dict[str, float]:
        """Gap-priority multipliers from calibration; empty without an assessment or practice answers."""
        if assessment is None:
            return {}
        accuracy = self.accuracy()
        if not any(a.answered for a in accuracy.values()):
            return {}
        return gap_adjustments(calibrate(score_assessment(self.framework, assessment), accuracy))

    def mock_scores(self) -> list[MockScore]:
        scores = []
        for record in ps.attempts(self.store, self.framework.id, status=AttemptStatus.FINISHED):
            if record.mode != Mode.MOCK.value or not record.result:
                continue
            result = record.result.result
            scores.append(
                MockScore(
                    when=record.finished_at or record.started_at,
                    scaled=result.scaled,
                    percent=round(result.percent, 1),
                    total=result.total,
                    full_form=bool(record.config.get("full_form", False)),
                    timed_out=record.result.timed_out,
                )
            )
        return scores

    def progress(self, assessment: Assessment | None) -> Progress:
        bank = self._bank()
        records = ps.answer_records(self.store, self.framework.id, bank.area_of_question)
        accuracy = accuracy_by_area(self.framework, records)
        mocks = self.mock_scores()
        full = [m.scaled for m in mocks if m.full_form and m.scaled is not None]
        verdict = readiness(self.framework, full, records)
        calibration: tuple[AreaCalibration, ...] = ()
        adjustments: dict[str, float] = {}
        if assessment is not None:
            calibration = tuple(calibrate(score_assessment(self.framework, assessment), accuracy))
            if records:
                adjustments = gap_adjustments(list(calibration))
        seen = ps.seen_questions(self.store, self.framework.id) & set(bank.area_of_question)
        return Progress(
            mocks=tuple(mocks),
            accuracy=accuracy,
            answered=len(records),
            seen=len(seen),
            bank_size=len(bank.questions),
            readiness=verdict,
            calibration=calibration,
            adjustments=adjustments,
            due_today=len(self.due_today()),
            exam_date=self.exam_date,
        )

    def home_facts(self, assessment: Assessment | None) -> HomeFacts:
        """The due-today count, unfinished attempts and calibration weights (call it from a worker)."""
        unfinished = tuple(m.value for m in Mode if self.unfinished(m))
        attempts = ps.attempt_count(self.store, self.framework.id)
        try:
            bank = self.load_bank()
        except ContentError as exc:
            return HomeFacts(unfinished=unfinished, attempts=attempts, problem=_problem_text(exc))
        return HomeFacts(
            due_today=len(self.due_today()),
            unfinished=unfinished,
            attempts=attempts,
            problem="; ".join(bank.skipped),
            adjustments=self.adjustments(assessment),
            bank=bank,
        )


def attempt_rows(store: Store, framework_id: str | None = None, *, include_abandoned: bool = False) -> list[AttemptRow]:
    """Every attempt, oldest first, from what is stored (no bank needed)."""
    rows = []
    for record in ps.attempts(store, framework_id):
        if record.status is AttemptStatus.ABANDONED and not include_abandoned:
            continue
        result = record.result.result if record.result else None
        rows.append(
            AttemptRow(
                id=record.id,
                framework_id=record.framework_id,
                mode=record.mode,
                status=record.status,
                started_at=record.started_at,
                finished_at=record.finished_at,
                total=len(record.question_ids),
                answered=len(record.answers),
                correct=result.correct if result else None,
                scaled=result.scaled if result else None,
                passed=result.passed if result else None,
                result=record.result,
            )
        )
    return rows


def _problem_text(exc: ContentError) -> str:
    return "; ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in exc.problems) or str(exc)


def parse_areas(framework: Framework, names: Collection[str]) -> tuple[str, ...]:
    """Area ids from ids, codes or titles (case-insensitive); raises PracticeError naming the unknown ones."""
    lookup: dict[str, str] = {}
    for area in framework.areas:
        for key in (area.id, area.code, area.title, *area.aliases):
            if key:
                lookup[key.casefold()] = area.id
    found: list[str] = []
    unknown: list[str] = []
    for name in names:
        for part in name.split(","):
            part = part.strip()
            if not part:
                continue
            area_id = lookup.get(part.casefold())
            if area_id is None:
                unknown.append(part)
            elif area_id not in found:
                found.append(area_id)
    if unknown:
        known = ", ".join(a.id for a in framework.areas)
        raise PracticeError(f"unknown skill area(s): {', '.join(unknown)} (areas: {known})")
    return tuple(found)
