"""What practice passes around: session options, the live session, progress and home-screen values, the error.

Plain values with no store behind them; :class:`~ctoprep.services.practice.sessions.Practice` makes and
changes them. ``parse_areas`` turns the areas someone typed into the ids :class:`QuizOptions` takes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from ctoprep.core.calibration import AreaCalibration
from ctoprep.core.models.assessment import utc_now
from ctoprep.core.models.framework import Framework
from ctoprep.core.practice import AreaAccuracy, AttemptResult, Mode, Readiness
from ctoprep.storage.practice_store import StoredResult

if TYPE_CHECKING:
    from ctoprep.core.models.questions import Question, QuestionBank  # pydantic: imported when a bank is loaded

DEFAULT_COUNTS = {Mode.DRILL: 10, Mode.WEAK: 10, Mode.REVIEW: 20}
"""Questions per session when no count is given (a mock exam follows the blueprint)."""

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
