"""One result, many routes: a stored attempt shows the same figures everywhere, whatever the bank does later.

Before this, the list read the stored result while opening an attempt and a mentor packet re-scored it
against today's bank: after one answer key was corrected, one attempt showed 100 and 67.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.practice import Mode
from ctoprep.core.review import record_answer
from ctoprep.services.context import Workspace
from ctoprep.services.mentoring import export_packet
from ctoprep.services.practice import Practice, QuizOptions, attempt_rows
from ctoprep.storage import practice_store as ps
from tests.conftest import WriteCounter, write_mini
from tests.practice_bank import key_for, write_bank

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    write_mini(home / "frameworks")
    write_bank(home)
    return home


def open_ws(home: Path) -> Workspace:
    return Workspace.open(home, "mini")


def practice(ws: Workspace) -> Practice:
    return Practice(ws.library, ws.store, ws.framework, now=lambda: NOW)


@pytest.fixture
def finished_drill(home: Path) -> Iterator[tuple[str, list[str]]]:
    """A self-assessment and a finished area drill with every answer right; returns (attempt id, question ids)."""
    ws = open_ws(home)
    fw = ws.framework
    ws.store.save_assessment(
        Assessment(
            framework=FrameworkRef(id=fw.id, version=fw.version, content_hash=fw.content_hash),
            ratings={s.id: Rating(level=2) for s in fw.skills},
        ),
        status="complete",
    )
    p = practice(ws)
    session = p.start(QuizOptions(Mode.DRILL, areas=("alpha",), count=3), seed=1)
    for pos, q in enumerate(session.questions):
        p.answer(session, pos, key_for(q.id))
    result = p.finish(session)
    assert result.correct == result.total == 3
    ids = [q.id for q in session.questions]
    ws.close()
    return session.attempt_id, ids


def change_key(home: Path, question_id: str) -> None:
    """Correct one answer key in the bank file, as an author would after the attempt."""
    path = home / "question_banks" / "mini" / "generated.toml"
    text = path.read_text()
    head, tail = text.split(f'id = "{question_id}"\n', 1)
    letter = "ABCD"[key_for(question_id)]
    other = "ABCD"[(key_for(question_id) + 1) % 4]
    tail = tail.replace(f'answer = "{letter}"', f'answer = "{other}"', 1)
    path.write_text(head + f'id = "{question_id}"\n' + tail)


def figures_everywhere(home: Path, attempt_id: str) -> tuple[tuple[int | None, int], ...]:
    ws = open_ws(home)
    try:
        (row,) = [r for r in attempt_rows(ws.store, "mini") if r.id == attempt_id]
        opened = practice(ws).open_attempt(attempt_id)
        packet = export_packet(ws.store, ws.library, plan=False).packet
        (sent,) = [r for r in packet.payload.practice if r.id == attempt_id]
    finally:
        ws.close()
    return (
        (row.correct, row.total),
        (opened.result.correct, opened.result.total),
        (sent.correct, sent.total),
    )


def test_list_opened_and_packet_agree_after_a_key_is_corrected(
    home: Path, finished_drill: tuple[str, list[str]]
) -> None:
    attempt_id, ids = finished_drill
    assert set(figures_everywhere(home, attempt_id)) == {(3, 3)}
    change_key(home, ids[0])
    assert set(figures_everywhere(home, attempt_id)) == {(3, 3)}  # as scored, in every route


def test_a_retired_question_leaves_the_result_standing_and_drops_its_card(
    home: Path, finished_drill: tuple[str, list[str]]
) -> None:
    attempt_id, ids = finished_drill
    # a review card for the first question, as a missed answer leaves one
    ws = open_ws(home)
    p = practice(ws)
    card = record_answer(None, ids[0], correct=False, flagged=False, now=NOW)
    assert card is not None
    ps.save_review(ws.store, p.person_id, card)
    assert ids[0] in ps.review_cards(ws.store, p.person_id)
    ws.close()
    # the author replaces that question with a different one: the old id is retired
    path = home / "question_banks" / "mini" / "generated.toml"
    text = path.read_text()
    text = text.replace(f'id = "{ids[0]}"', 'id = "alpha.one-99"').replace(
        'framework = "mini"\n', f'framework = "mini"\nretired = ["{ids[0]}"]\n', 1
    )
    path.write_text(text)
    ws = open_ws(home)
    try:
        p = practice(ws)
        p.load_bank()
        assert ids[0] not in ps.review_cards(ws.store, p.person_id)  # the card is dropped
        opened = p.open_attempt(attempt_id)  # the attempt still opens ...
        assert (opened.result.correct, opened.result.total) == (3, 3)  # ... and its result stands
        assert ids[0] not in opened.questions
        assert ids[1] in opened.questions
        assert [r.correct for r in attempt_rows(ws.store, "mini") if r.id == attempt_id] == [3]
    finally:
        ws.close()


def test_a_drill_answer_and_its_review_card_are_one_commit(home: Path) -> None:
    ws = open_ws(home)
    try:
        p = practice(ws)
        session = p.start(QuizOptions(Mode.DRILL, areas=("alpha",), count=3), seed=1)
        assert p.person_id  # resolved once, before the answer
        with WriteCounter(ws.store.conn) as writes:
            p.answer(session, 0, (key_for(session.questions[0].id) + 1) % 4)  # wrong: writes a review card
        assert writes.commits == 1, writes.statements
        assert len(writes.statements) <= 8, writes.statements
        assert session.questions[0].id in ps.review_cards(ws.store, p.person_id)
    finally:
        ws.close()
