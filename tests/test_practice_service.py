"""Practice sessions over a real store: every answer durable, exact resume, review cards, progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ctoprep.core.practice import Mode
from ctoprep.services.context import Workspace
from ctoprep.services.practice import (
    Practice,
    PracticeError,
    QuizOptions,
    attempt_rows,
    end_of_utc_day,
    parse_areas,
    result_document,
)
from ctoprep.storage import practice_store as ps
from tests.conftest import write_mini
from tests.practice_bank import key_for, write_bank

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    write_mini(home / "frameworks")
    write_bank(home)
    return home


@pytest.fixture
def ws(home: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(home, "mini")
    yield workspace
    workspace.close()


def practice(ws: Workspace, now: datetime = NOW) -> Practice:
    return Practice(ws.library, ws.store, ws.framework, now=lambda: now)


def test_mock_exam_from_start_to_result(ws: Workspace) -> None:
    p = practice(ws)
    session = p.start(QuizOptions(Mode.MOCK), seed=3)
    assert session.total == 10
    assert session.time_limit == 120 * 60  # the blueprint's default
    assert not session.feedback
    assert Counter(p.bank.area_of_question[q.id] for q in session.questions) == {"alpha": 6, "beta": 4}  # type: ignore[union-attr]
    for pos, q in enumerate(session.questions[:7]):
        assert p.answer(session, pos, key_for(q.id)) is None  # no feedback in a mock exam
    wrong = (key_for(session.questions[7].id) + 1) % 4
    p.answer(session, 7, wrong)
    p.toggle_flag(session, 8)
    result = p.finish(session)
    assert (result.correct, result.answered, result.total) == (7, 8, 10)
    assert result.scaled == 70  # 70% right: above our assumed 60% pass mark on the mini 0-100 scale
    stored = ps.load_attempt(ws.store, session.attempt_id)
    assert stored.status == "finished"
    assert stored.result is not None
    assert stored.result.result.scaled == 70
    assert result_document(stored.result)["estimate_note"] == "our estimate, not CoSN's scale"
    # the missed, the flagged and the blank come back for review; the right ones do not
    cards = ps.review_cards(ws.store, p.person_id)
    assert set(cards) == {q.id for q in session.questions[7:]}


def test_successive_mocks_avoid_seen_items(ws: Workspace) -> None:
    p = practice(ws)
    first = p.start(QuizOptions(Mode.MOCK), seed=1)
    p.finish(first)
    second = p.start(QuizOptions(Mode.MOCK), seed=2)
    assert not {q.id for q in first.questions} & {q.id for q in second.questions}


def test_shorter_form_gets_its_share_of_time(ws: Workspace) -> None:
    session = practice(ws).start(QuizOptions(Mode.MOCK, count=5), seed=1)
    assert session.total == 5
    assert session.time_limit == 60 * 60
    custom = practice(ws).start(QuizOptions(Mode.MOCK, minutes=30, exam_conditions=False), seed=1)
    assert custom.time_limit == 30 * 60
    assert custom.pausable
    assert not session.pausable


def test_resume_is_exact(home: Path) -> None:
    ws = Workspace.open(home, "mini")
    p = practice(ws)
    session = p.start(QuizOptions(Mode.MOCK), seed=5)
    p.answer(session, 0, 2)
    p.toggle_flag(session, 3)
    session.elapsed = 125.0
    p.move(session, 4)
    ws.close()

    ws = Workspace.open(home, "mini")
    p = practice(ws)
    attempt_id = p.unfinished(Mode.MOCK)
    assert attempt_id == session.attempt_id
    again = p.resume(attempt_id)
    assert [q.id for q in again.questions] == [q.id for q in session.questions]
    assert again.answers == {0: 2}
    assert again.flagged == {3}
    assert again.current == 4
    assert again.elapsed == 125.0
    assert again.time_limit == session.time_limit
    ws.close()


def test_drill_gives_feedback_and_locks_the_answer(ws: Workspace) -> None:
    p = practice(ws)
    session = p.start(QuizOptions(Mode.DRILL, areas=("beta",), count=4), seed=1)
    assert session.total == 4
    assert session.time_limit is None
    assert {p.bank.area_of_question[q.id] for q in session.questions} == {"beta"}  # type: ignore[union-attr]
    q = session.questions[0]
    wrong = (key_for(q.id) + 1) % 4
    assert p.answer(session, 0, wrong) is False
    assert p.answer(session, 0, key_for(q.id)) is False  # the first answer stands
    assert q.id in ps.review_cards(ws.store, p.person_id)  # missed: in review at once
    assert p.answer(session, 1, key_for(session.questions[1].id)) is True
    p.toggle_flag(session, 1)  # flagged after a right answer: comes back too
    assert session.questions[1].id in ps.review_cards(ws.store, p.person_id)


def test_review_brings_back_what_is_due_today(ws: Workspace) -> None:
    p = practice(ws)
    with pytest.raises(PracticeError, match="Nothing is due"):
        p.start(QuizOptions(Mode.REVIEW))
    drill = p.start(QuizOptions(Mode.DRILL, count=3), seed=1)
    for pos, q in enumerate(drill.questions):
        p.answer(drill, pos, (key_for(q.id) + 1) % 4)  # all missed
    p.finish(drill)
    later = practice(ws, NOW + timedelta(hours=2))
    assert sorted(later.due_today()) == sorted(q.id for q in drill.questions)
    review = later.start(QuizOptions(Mode.REVIEW), seed=1)
    assert {q.id for q in review.questions} == {q.id for q in drill.questions}
    for pos, q in enumerate(review.questions):
        later.answer(review, pos, key_for(q.id))
    cards = ps.review_cards(ws.store, later.person_id)
    assert all(cards[q.id][1] > NOW + timedelta(hours=2) for q in review.questions)  # answered right: moved on


def test_exam_date_is_a_setting_and_caps_the_schedule(ws: Workspace) -> None:
    p = practice(ws)
    p.set_exam_date(date(2026, 11, 5))
    assert practice(ws).exam_date == date(2026, 11, 5)
    drill = p.start(QuizOptions(Mode.DRILL, count=1), seed=1)
    q = drill.questions[0]
    p.answer(drill, 0, key_for(q.id))
    p.toggle_flag(drill, 0)  # into review
    _, due = ps.review_cards(ws.store, p.person_id)[q.id]
    assert NOW < due < datetime(2026, 11, 5, tzinfo=UTC)  # aims for recall before the exam
    p.set_exam_date(None)
    assert practice(ws).exam_date is None


def test_weak_spots_name_their_reasons(ws: Workspace) -> None:
    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:
        a = ws.rate(a, skill.id, level=0 if skill.area_id == "alpha" else 2)
    p = practice(ws)
    session = p.start(QuizOptions(Mode.WEAK, count=4), assessment=a, profile=ws.profile, seed=1)
    assert all(p.bank.area_of_question[q.id] == "alpha" for q in session.questions)  # type: ignore[union-attr]
    assert session.reasons[0].startswith("Area alpha: 2 levels below target")
    again = p.resume(session.attempt_id)
    assert again.reasons == session.reasons
    assert p.person_id == ws.store.latest_assessment("mini").person_id  # type: ignore[union-attr]


def test_progress_calibration_and_adjustments(ws: Workspace) -> None:
    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:
        a = ws.rate(a, skill.id, level=2)  # rates everything at the top
    p = practice(ws)
    assert p.adjustments(a) == {}  # no practice yet: nothing changes
    drill = p.start(QuizOptions(Mode.DRILL, areas=("alpha",), count=10), seed=1)
    for pos, q in enumerate(drill.questions):
        p.answer(drill, pos, key_for(q.id) if pos < 3 else (key_for(q.id) + 1) % 4)  # 30% right
    p.finish(drill)
    progress = p.progress(a)
    assert progress.accuracy["alpha"].percent == 30
    assert progress.answered == 10
    assert progress.seen == 10
    assert progress.unseen == 30
    assert {c.area_id: c.kind.value for c in progress.calibration}["alpha"] == "over-confident"
    assert progress.adjustments == {"alpha": 1.25}
    assert p.adjustments(a) == {"alpha": 1.25}
    assert progress.readiness.verdict == "too early to say"
    facts = p.home_facts(a)
    assert facts.adjustments == {"alpha": 1.25}
    assert facts.due_today == 7


def test_problems_are_messages_not_tracebacks(ws: Workspace, home: Path) -> None:
    p = practice(ws)
    with pytest.raises(PracticeError, match="too small"):
        p.start(QuizOptions(Mode.MOCK, count=200))
    with pytest.raises(PracticeError, match="at least 1"):
        p.start(QuizOptions(Mode.DRILL, count=0))
    (home / "question_banks" / "mini" / "generated.toml").write_text("[bank]\nid = 1\n")
    broken = practice(Workspace.open(home, "mini"))
    with pytest.raises(PracticeError):
        broken.start(QuizOptions(Mode.DRILL))
    assert broken.home_facts(None).problem


def test_attempt_rows_and_abandon(ws: Workspace) -> None:
    p = practice(ws)
    done = p.start(QuizOptions(Mode.MOCK), seed=1)
    p.answer(done, 0, key_for(done.questions[0].id))
    p.finish(done)
    open_one = p.start(QuizOptions(Mode.DRILL, count=2), seed=1)
    dropped = p.start(QuizOptions(Mode.DRILL, count=2), seed=2)
    p.abandon(dropped.attempt_id)
    rows = {r.mode: r for r in attempt_rows(ws.store, "mini")}  # started in the same second: any order
    assert {(r.mode, r.status) for r in rows.values()} == {("mock", "finished"), ("drill", "in-progress")}
    assert rows["mock"].correct == 1
    assert rows["mock"].scaled is not None
    assert rows["drill"].id == open_one.attempt_id


def test_area_names(ws: Workspace) -> None:
    assert parse_areas(ws.framework, ["alpha", "Area Beta"]) == ("alpha", "beta")
    assert parse_areas(ws.framework, ["beta,alpha"]) == ("beta", "alpha")
    with pytest.raises(PracticeError, match="gamma"):
        parse_areas(ws.framework, ["gamma"])


def test_end_of_day_is_utc() -> None:
    assert end_of_utc_day(NOW).date() == NOW.date()
    assert end_of_utc_day(NOW) + timedelta(microseconds=1) == datetime(2026, 11, 3, tzinfo=UTC)


@pytest.mark.parametrize(("exam_conditions", "expected"), [(True, 600.0), (False, 125.0)])
def test_time_away_counts_only_under_exam_conditions(home: Path, exam_conditions: bool, expected: float) -> None:
    ws = Workspace.open(home, "mini")
    session = practice(ws, NOW).start(QuizOptions(Mode.MOCK, exam_conditions=exam_conditions), seed=5)
    session.elapsed = 125.0
    practice(ws, NOW).move(session, 1)  # saves the clock
    ws.close()

    ws = Workspace.open(home, "mini")
    again = practice(ws, NOW + timedelta(minutes=10)).resume(session.attempt_id)
    assert again.elapsed == expected
    ws.close()


def test_a_finished_mock_exams_time_stays_what_it_was(ws: Workspace) -> None:
    """Issue #18.6: 0:42 at submission must not read 2:40 or 10:12 when the attempt is opened later."""
    p = practice(ws)
    session = p.start(QuizOptions(Mode.MOCK, count=5, minutes=10), seed=1)
    p.answer(session, 0, key_for(session.questions[0].id))
    session.elapsed = 42.0
    p.finish(session)
    for later in (timedelta(minutes=2), timedelta(minutes=10), timedelta(days=3)):
        opened = practice(ws, NOW + later).open_attempt(session.attempt_id)
        assert opened.elapsed == 42.0


def test_resume_counts_time_away_under_exam_conditions(ws: Workspace) -> None:
    p = practice(ws)
    session = p.start(QuizOptions(Mode.MOCK, count=5, minutes=10), seed=1)
    session.elapsed = 60.0
    p.save_time(session)
    resumed = practice(ws, NOW + timedelta(minutes=5)).resume(session.attempt_id)
    assert resumed.elapsed >= 5 * 60  # the clock ran while the person was away, as in the room
    assert practice(ws, NOW + timedelta(minutes=5)).time_left(session.attempt_id) == pytest.approx(5 * 60, abs=1)


def test_a_report_without_practice_reads_no_bank(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Calibration needs practice answers: with none stored, the report asks the store, not the bank
    (a command like 'ctoprep report current' then neither reads the bank nor imports the practice service)."""
    from ctoprep.services.insights import calibration_weights

    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:
        a = ws.rate(a, skill.id, level=2)
    assert not ws.store.has_practice(ws.framework.id)

    def no_bank(*_: object) -> object:
        raise AssertionError("the bank was read")

    with monkeypatch.context() as m:
        m.setattr(type(ws.library), "questions", no_bank)
        assert calibration_weights(ws.store, ws.library, ws.framework, a) == {}
    drill = practice(ws).start(QuizOptions(Mode.DRILL, areas=("alpha",), count=10), seed=1)
    practice(ws).answer(drill, 0, 0)
    assert ws.store.has_practice(ws.framework.id)  # one answer: now the bank is read, as before
    assert isinstance(calibration_weights(ws.store, ws.library, ws.framework, a), dict)
