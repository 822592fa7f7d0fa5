"""Spaced review of missed and flagged questions, scheduled by FSRS (the ``fsrs`` library, major 6).

All times are UTC. With an exam date, no interval reaches past it: the schedule aims for recall on
the day rather than for long-term retention beyond it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsrs import Scheduler  # fsrs is imported when a card is scheduled: listing attempts needs none

DEFAULT_RETENTION = 0.9
EXAM_RETENTION = 0.95


@dataclass(frozen=True)
class ReviewItem:
    question_id: str
    card_json: str
    due: datetime


def scheduler_for(now: datetime, exam_date: date | None = None) -> Scheduler:
    """A scheduler; with an exam date, intervals are capped so reviews land before the exam."""
    from fsrs import Scheduler

    if exam_date is None:
        return Scheduler(desired_retention=DEFAULT_RETENTION, enable_fuzzing=False)
    days_left = (exam_date - now.astimezone(UTC).date()).days
    return Scheduler(desired_retention=EXAM_RETENTION, maximum_interval=max(1, days_left), enable_fuzzing=False)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


def record_answer(
    card_json: str | None,
    question_id: str,
    *,
    correct: bool,
    flagged: bool,
    now: datetime,
    exam_date: date | None = None,
) -> ReviewItem | None:
    """Update (or start) a question's card after an answer.

    A question enters review when it is missed or flagged; once in review every answer moves it
    on. A correct, unflagged answer to a question not yet in review needs no card (returns None).
    """
    now = _utc(now)
    if card_json is None and correct and not flagged:
        return None
    from fsrs import Card, Rating

    card = Card.from_json(card_json) if card_json else Card(due=now)
    rating = Rating.Again if not correct else (Rating.Hard if flagged else Rating.Good)
    card, _ = scheduler_for(now, exam_date).review_card(card, rating, review_datetime=now)
    due = card.due
    if exam_date is not None:
        exam_start = datetime(exam_date.year, exam_date.month, exam_date.day, tzinfo=UTC)
        if due >= exam_start > now:
            due = max(now, exam_start - timedelta(days=1))  # one last look the day before
            card.due = due
    return ReviewItem(question_id, card.to_json(), due)


def due_ids(cards: Mapping[str, datetime] | Iterable[tuple[str, datetime]], now: datetime) -> list[str]:
    """Question ids due at ``now``, most overdue first."""
    pairs = cards.items() if isinstance(cards, Mapping) else cards
    now = _utc(now)
    due = sorted((d, qid) for qid, d in pairs if _utc(d) <= now)
    return [qid for _, qid in due]
