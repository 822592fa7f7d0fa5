"""Practice attempts, answers and review cards in the store. Each answer is committed as it is given."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ctoprep.core.models.assessment import new_token, utc_now
from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.core.practice import AnswerRecord, AttemptResult, GroupResult, ItemResult
from ctoprep.core.review import ReviewItem
from ctoprep.storage.store import Store, StoreError, _parse_ts, _ts
from ctoprep.storage.store.people import ANSWERED_IN_FRAMEWORK

RESULT_VERSION = 2
"""Version 2 stores every item with the key it was scored against; version 1 (no "version") stored totals only."""


@dataclass(frozen=True)
class StoredResult:
    """A finished attempt's result exactly as it was scored: never re-scored against a later bank."""

    result: AttemptResult
    timed_out: bool = False
    elapsed: float = 0.0

    @property
    def has_items(self) -> bool:
        """False for results stored before items were kept (they hold the totals only)."""
        return bool(self.result.items) or self.result.total == 0


def result_fields(stored: StoredResult) -> dict[str, Any]:
    """A stored result as plain values: what is kept in the store (and, less items, shown by the CLI)."""
    r = stored.result

    def groups(rows: tuple[GroupResult, ...]) -> list[dict[str, Any]]:
        return [
            {"id": g.id, "title": g.title, "correct": g.correct, "answered": g.answered, "total": g.total} for g in rows
        ]

    return {
        "version": RESULT_VERSION,
        "correct": r.correct,
        "answered": r.answered,
        "total": r.total,
        "percent": round(r.percent, 1),
        "scaled_estimate": r.scaled,
        "passed_estimate": r.passed,
        "score_min": r.score_min,
        "score_max": r.score_max,
        "pass_score": r.pass_score,
        "areas": groups(r.areas),
        "content_areas": groups(r.content_areas),
        "items": [
            {"id": i.question_id, "area": i.area_id, "chosen": i.chosen, "key": i.key, "flagged": i.flagged}
            for i in r.items
        ],
        "timed_out": stored.timed_out,
        "elapsed_seconds": round(stored.elapsed, 1),
    }


def encode_result(stored: StoredResult) -> str:
    """The one place a result becomes JSON."""
    return json.dumps(result_fields(stored))


def decode_result(text: str) -> StoredResult:
    """The one place JSON becomes a result (version 1 documents give a result without items)."""
    doc = json.loads(text)

    def groups(rows: Any) -> tuple[GroupResult, ...]:
        return tuple(
            GroupResult(str(g["id"]), str(g["title"]), int(g["correct"]), int(g["answered"]), int(g["total"]))
            for g in rows or ()
        )

    def opt_int(value: Any) -> int | None:
        return None if value is None else int(value)

    return StoredResult(
        result=AttemptResult(
            items=tuple(
                ItemResult(str(i["id"]), str(i["area"]), opt_int(i["chosen"]), int(i["key"]), bool(i["flagged"]))
                for i in doc.get("items", ())
            ),
            areas=groups(doc.get("areas")),
            content_areas=groups(doc.get("content_areas")),
            correct=int(doc.get("correct", 0)),
            answered=int(doc.get("answered", 0)),
            total=int(doc.get("total", 0)),
            scaled=opt_int(doc.get("scaled_estimate")),
            passed=None if doc.get("passed_estimate") is None else bool(doc["passed_estimate"]),
            score_min=int(doc.get("score_min", 0)),
            score_max=int(doc.get("score_max", 0)),
            pass_score=int(doc.get("pass_score", 0)),
        ),
        timed_out=bool(doc.get("timed_out", False)),
        elapsed=float(doc.get("elapsed_seconds", 0.0)),
    )


@dataclass
class AttemptRecord:
    id: str
    person_id: str
    framework_id: str
    mode: str
    status: AttemptStatus
    config: dict[str, Any]
    state: dict[str, Any]
    question_ids: list[str]
    answers: dict[int, int | None] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)
    started_at: datetime = field(default_factory=utc_now)
    finished_at: datetime | None = None
    result: StoredResult | None = None

    @property
    def elapsed_seconds(self) -> float:
        return float(self.state.get("elapsed", 0.0))


def create_attempt(
    store: Store,
    person_id: str,
    framework_id: str,
    mode: str,
    question_ids: list[str],
    config: Mapping[str, Any],
    started_at: datetime | None = None,
) -> str:
    attempt_id = new_token(16)
    with store.transaction():
        store.conn.execute(
            "INSERT INTO attempts (id, person_id, framework_id, mode, status, config, state, started_at)"
            " VALUES (?, ?, ?, ?, 'in-progress', ?, '{}', ?)",
            (attempt_id, person_id, framework_id, mode, json.dumps(dict(config)), _ts(started_at or utc_now())),
        )
        store.conn.executemany(
            "INSERT INTO answers (attempt_id, position, question_id) VALUES (?, ?, ?)",
            [(attempt_id, pos, qid) for pos, qid in enumerate(question_ids)],
        )
    return attempt_id


def save_answer(
    store: Store,
    attempt_id: str,
    position: int,
    choice: int | None,
    *,
    correct: bool | None,
    flagged: bool,
    elapsed: float | None = None,
    current: int | None = None,
) -> None:
    """Record one answer (and where the person is) in one durable transaction."""
    with store.transaction():
        store.conn.execute(
            "UPDATE answers SET choice = ?, correct = ?, flagged = ?, answered_at = ? WHERE attempt_id = ? AND "
            "position = ?",
            (choice, None if correct is None else int(correct), int(flagged), _ts(utc_now()), attempt_id, position),
        )
        if elapsed is not None or current is not None:
            _update_state(store, attempt_id, elapsed=elapsed, current=current)


def save_progress(
    store: Store,
    attempt_id: str,
    *,
    elapsed: float | None = None,
    current: int | None = None,
    paused: bool | None = None,
) -> None:
    with store.transaction():
        _update_state(store, attempt_id, elapsed=elapsed, current=current, paused=paused)


def _update_state(store: Store, attempt_id: str, **values: Any) -> None:
    row = store.conn.execute("SELECT state FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    state = json.loads(row[0]) if row else {}
    state.update({k: v for k, v in values.items() if v is not None})
    store.conn.execute("UPDATE attempts SET state = ? WHERE id = ?", (json.dumps(state), attempt_id))


def finish_attempt(store: Store, attempt_id: str, result: StoredResult) -> None:
    """Mark an attempt finished with its result (inside the caller's transaction)."""
    store.conn.execute(
        "UPDATE attempts SET status = 'finished', finished_at = ?, result = ? WHERE id = ?",
        (_ts(utc_now()), encode_result(result), attempt_id),
    )
    _update_state(store, attempt_id, elapsed=result.elapsed)


def abandon_attempt(store: Store, attempt_id: str) -> None:
    store.conn.execute("UPDATE attempts SET status = 'abandoned' WHERE id = ?", (attempt_id,))


def load_attempt(store: Store, attempt_id: str) -> AttemptRecord:
    row = store.conn.execute(
        "SELECT id, person_id, framework_id, mode, status, config, state, started_at, finished_at, result"
        " FROM attempts WHERE id = ?",
        (attempt_id,),
    ).fetchone()
    if row is None:
        raise StoreError([])
    record = AttemptRecord(
        id=row[0],
        person_id=row[1],
        framework_id=row[2],
        mode=row[3],
        status=AttemptStatus(row[4]),
        config=json.loads(row[5]),
        state=json.loads(row[6]),
        question_ids=[],
        started_at=_parse_ts(row[7]),
        finished_at=_parse_ts(row[8]) if row[8] else None,
        result=decode_result(row[9]) if row[9] else None,
    )
    for position, qid, choice, flagged in store.conn.execute(
        "SELECT position, question_id, choice, flagged FROM answers WHERE attempt_id = ? ORDER BY position",
        (attempt_id,),
    ):
        record.question_ids.append(qid)
        if choice is not None:
            record.answers[position] = choice
        if flagged:
            record.flagged.add(position)
    return record


def attempts(
    store: Store, framework_id: str | None = None, *, status: AttemptStatus | None = None
) -> list[AttemptRecord]:
    sql = "SELECT id FROM attempts WHERE 1=1"
    params: list[Any] = []
    if framework_id:
        sql += " AND framework_id = ?"
        params.append(framework_id)
    if status:
        sql += " AND status = ?"
        params.append(status)
    ids = [r[0] for r in store.conn.execute(sql + " ORDER BY started_at, id", params)]
    return [load_attempt(store, i) for i in ids]


def attempt_count(store: Store, framework_id: str) -> int:
    return int(
        store.conn.execute("SELECT count(*) FROM attempts WHERE framework_id = ?", (framework_id,)).fetchone()[0]
    )


def unfinished(store: Store, framework_id: str, mode: str) -> str | None:
    row = store.conn.execute(
        "SELECT id FROM attempts WHERE framework_id = ? AND mode = ? AND status = 'in-progress'"
        " ORDER BY started_at DESC LIMIT 1",
        (framework_id, mode),
    ).fetchone()
    return str(row[0]) if row else None


def answer_records(store: Store, framework_id: str, area_of: Mapping[str, str]) -> list[AnswerRecord]:
    """Every answered item, in any mode, for accuracy and readiness (unknown questions skipped)."""
    rows = store.conn.execute(
        f"SELECT a.question_id, a.correct {ANSWERED_IN_FRAMEWORK} ORDER BY a.answered_at", (framework_id,)
    )
    return [AnswerRecord(qid, area_of[qid], bool(correct)) for qid, correct in rows if qid in area_of]


def seen_questions(store: Store, framework_id: str, mode: str | None = None) -> set[str]:
    sql = "SELECT DISTINCT a.question_id FROM answers a JOIN attempts t ON t.id = a.attempt_id WHERE t.framework_id = ?"
    params: list[Any] = [framework_id]
    if mode:
        sql += " AND t.mode = ?"
        params.append(mode)
    return {r[0] for r in store.conn.execute(sql, params)}


def save_review(store: Store, person_id: str, item: ReviewItem) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?)",
        (person_id, item.question_id, item.card_json, _ts(item.due)),
    )


def drop_reviews(store: Store, question_ids: Iterable[str]) -> int:
    """Delete every review card of these questions (retired ones); returns how many went."""
    ids = list(question_ids)
    if not ids:
        return 0
    with store.transaction():
        marks = ",".join("?" * len(ids))
        return store.conn.execute(f"DELETE FROM reviews WHERE question_id IN ({marks})", ids).rowcount


def review_cards(store: Store, person_id: str) -> dict[str, tuple[str, datetime]]:
    rows = store.conn.execute("SELECT question_id, card, due_at FROM reviews WHERE person_id = ?", (person_id,))
    return {qid: (card, _parse_ts(due).astimezone(UTC)) for qid, card, due in rows}
