"""Attempts and answers are saved as given and come back exactly; review cards round-trip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ctoprep.core.review import record_answer
from ctoprep.storage import practice_store as ps
from ctoprep.storage.store import Store


def test_attempt_round_trip(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        pid = store.ensure_person("Ana")
        aid = ps.create_attempt(store, pid, "mini", "mock", ["q1", "q2", "q3"], {"seed": 4, "minutes": 120})
        ps.save_answer(store, aid, 0, 2, correct=True, flagged=False, elapsed=30.5, current=1)
        ps.save_answer(store, aid, 2, 1, correct=False, flagged=True)
        assert ps.unfinished(store, "mini", "mock") == aid
    with Store.open(tmp_path) as store:  # a fresh process sees it all
        record = ps.load_attempt(store, aid)
        assert record.question_ids == ["q1", "q2", "q3"]
        assert record.answers == {0: 2, 2: 1}
        assert record.flagged == {2}
        assert record.elapsed_seconds == 30.5
        assert record.state["current"] == 1
        assert record.config == {"seed": 4, "minutes": 120}
        records = ps.answer_records(store, "mini", {"q1": "alpha", "q2": "alpha", "q3": "beta"})
        assert [(r.question_id, r.correct) for r in records] == [("q1", True), ("q3", False)]
        assert ps.seen_questions(store, "mini", "mock") == {"q1", "q2", "q3"}
        ps.finish_attempt(store, aid, {"correct": 1})
        assert ps.unfinished(store, "mini", "mock") is None
        assert ps.attempts(store, "mini")[0].result == {"correct": 1}


def test_review_cards(tmp_path: Path) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Store.open(tmp_path) as store:
        pid = store.ensure_person("Ana")
        item = record_answer(None, "q1", correct=False, flagged=False, now=now)
        assert item is not None
        ps.save_review(store, pid, item)
        cards = ps.review_cards(store, pid)
        assert cards["q1"][1] == item.due
