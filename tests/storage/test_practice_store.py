"""Attempts and answers are saved as given and come back exactly; review cards round-trip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ctoprep.core.practice import AttemptResult, GroupResult, ItemResult
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
        stored = ps.StoredResult(
            AttemptResult(
                items=(
                    ItemResult("q1", "alpha", 2, 2),
                    ItemResult("q2", "alpha", None, 0),
                    ItemResult("q3", "beta", 1, 3, True),
                ),
                areas=(GroupResult("alpha", "Alpha", 1, 1, 2), GroupResult("beta", "Beta", 0, 1, 1)),
                content_areas=(),
                correct=1,
                answered=2,
                total=3,
                scaled=None,
                passed=None,
            ),
            timed_out=True,
            elapsed=31.0,
        )
        ps.finish_attempt(store, aid, stored)
        assert ps.unfinished(store, "mini", "mock") is None
        assert ps.attempts(store, "mini")[0].result == stored  # read back as the same typed value


def test_a_result_stored_before_items_were_kept_reads_back_without_items() -> None:
    old = '{"correct": 2, "answered": 3, "total": 4, "percent": 50.0, "scaled_estimate": 480, "passed_estimate": false}'
    stored = ps.decode_result(old)
    assert (stored.result.correct, stored.result.total, stored.result.scaled, stored.result.passed) == (
        2,
        4,
        480,
        False,
    )
    assert not stored.has_items


def test_review_cards(tmp_path: Path) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Store.open(tmp_path) as store:
        pid = store.ensure_person("Ana")
        item = record_answer(None, "q1", correct=False, flagged=False, now=now)
        assert item is not None
        ps.save_review(store, pid, item)
        cards = ps.review_cards(store, pid)
        assert cards["q1"][1] == item.due
