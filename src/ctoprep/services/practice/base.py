"""What every practice operation stands on: the bank, the store's owner and settings, review cards.

:class:`PracticeBase` is the first layer of :class:`~ctoprep.services.practice.sessions.Practice`;
:mod:`~ctoprep.services.practice.progress` and :mod:`~ctoprep.services.practice.sessions` build on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ctoprep.core.models.assessment import utc_now
from ctoprep.core.models.framework import Framework
from ctoprep.core.practice import Mode
from ctoprep.core.problems import ContentError
from ctoprep.core.review import due_ids, record_answer
from ctoprep.services.content import Library
from ctoprep.services.practice.values import PracticeError
from ctoprep.storage import practice_store as ps
from ctoprep.storage import settings
from ctoprep.storage.store import Store

if TYPE_CHECKING:
    from ctoprep.core.models.questions import QuestionBank  # pydantic: imported when a bank is loaded


def end_of_utc_day(moment: datetime) -> datetime:
    """The last instant of ``moment``'s day in UTC: reviews due any time today count as due today."""
    day = moment.astimezone(UTC).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1) - timedelta(microseconds=1)


class PracticeBase:
    """The bank, the person, the exam date and review cards for one framework over one store."""

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

    # attempts in progress -----------------------------------------------------------------
    def unfinished(self, mode: Mode) -> str | None:
        return ps.unfinished(self.store, self.framework.id, mode.value)


def _problem_text(exc: ContentError) -> str:
    return "; ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in exc.problems) or str(exc)
