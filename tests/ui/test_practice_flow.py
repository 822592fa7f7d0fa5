"""Pilot flows for practice: a whole mock exam, the clock running out, a drill with feedback,
quitting mid-exam and resuming, the home screen's due-today line and calibration feeding the gaps.

The bank is a generated one on the mini framework, written where the app looks for banks. Time is a
fake clock on the app: nothing here sleeps.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static
from textual.worker import WorkerCancelled

from ctoprep.core.practice import Mode
from ctoprep.services.context import Workspace
from ctoprep.services.practice import QuizOptions
from ctoprep.storage import practice_store as ps
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.modals.choose import ChooseModal
from ctoprep.ui.screens.exam import ExamScreen
from ctoprep.ui.screens.home import HomeScreen
from ctoprep.ui.screens.practice import PracticeScreen
from ctoprep.ui.screens.practice_results import PracticeResultsScreen
from ctoprep.ui.screens.progress import ProgressScreen
from ctoprep.ui.widgets.navigator import Navigator
from ctoprep.ui.widgets.timer import ExamTimer
from tests.practice_bank import key_for, start_of_utc_day, write_bank

SIZES = [(120, 40), (80, 24)]
LETTERS = "abcd"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def banked(home: Path) -> Path:
    write_bank(home)
    return home


def make_app(ws: Workspace, clock: FakeClock, **kwargs: Any) -> CtoprepApp:
    app = CtoprepApp(ws, **kwargs)
    app.clock = clock
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages arrive (a newer count may cancel an older one)."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_practice(pilot: Pilot[Any]) -> PracticeScreen:
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


def static_text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_whole_mock_exam_answered_and_scored(banked: Path, size: tuple[int, int]) -> None:
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=size) as pilot:
        await open_practice(pilot)
        await pilot.press("m", "y")  # confirm the timed exam
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert session.total == 10
        assert not session.feedback
        wrong_at = {7, 8}
        for pos, question in enumerate(session.questions):
            key = key_for(question.id)
            choice = (key + 1) % 4 if pos in wrong_at else key
            await pilot.press(LETTERS[choice])
            assert "right" not in static_text(exam, "#exam-feedback")  # no feedback in a mock exam
            if pos == 3:
                await pilot.press("m")  # flag one for review
            await pilot.press("n")
        assert exam.query_one(Navigator).states[3] == (True, True, True)
        await pilot.press("s")
        assert isinstance(app.screen, ChooseModal)
        await pilot.press("enter")  # nothing is blank: "submit" is the default
        await pilot.pause()
        results = app.screen
        assert isinstance(results, PracticeResultsScreen)
        assert (results.result.correct, results.result.total) == (8, 10)
        summary = static_text(results, "#pr-summary")
        assert "8 of 10 right (80%)" in summary
        assert "Estimated scaled score: 80" in summary  # 80% on the mini 0–100 scale with the pass at 60 (60% right)
        assert "not CoSN's scale" in summary
        detail = static_text(results, "#pr-detail")
        assert "(the answer)" in detail or "the answer, your answer" in detail
        assert "why" in detail  # every option's reason
    stored = ps.load_attempt(ws.store, session.attempt_id)
    assert stored.status == "finished"
    assert stored.result is not None
    assert stored.result.result.scaled == 80
    assert stored.flagged == {3}
    assert len(stored.answers) == 10
    ws.close()


async def test_submitting_with_blanks_warns_first(banked: Path) -> None:
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        await pilot.press("m", "y")  # confirm the timed exam
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("a")
        await pilot.press("s")
        modal = app.screen
        assert isinstance(modal, ChooseModal)
        assert any("9 unanswered" in description for _, _, description in modal.options)
        await pilot.press("enter")  # "keep working" is the default when questions are blank
        assert app.screen is exam
        assert not exam.finished


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_clock_running_out_submits(banked: Path, size: tuple[int, int]) -> None:
    ws = Workspace.open(banked, "mini")
    clock = FakeClock()
    app = make_app(ws, clock, start="practice", quiz=QuizOptions(Mode.MOCK, count=5, minutes=2))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        exam = app.screen
        assert isinstance(exam, ExamScreen)  # `ctoprep quiz --mode mock` goes straight in
        assert exam.session.total == 5
        timer = exam.query_one(ExamTimer)
        assert "2:00" in str(timer.render())
        await pilot.press(LETTERS[key_for(exam.session.questions[0].id)])
        clock.advance(60 + 56)
        timer.check()
        await pilot.pause()
        assert "0:04" in str(timer.render())
        assert "under 5 minutes" in str(timer.render())  # said in words, not only by colour
        clock.advance(5)
        timer.check()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, PracticeResultsScreen)
        assert results.timed_out
        assert "time ran out" in static_text(results, "#pr-summary")
    record = ps.load_attempt(ws.store, exam.session.attempt_id)
    assert record.status == "finished"
    assert record.result is not None
    assert record.result.timed_out is True
    assert record.result.result.correct == 1
    assert record.elapsed_seconds >= 120
    ws.close()


async def test_under_exam_conditions_there_is_no_pause(banked: Path) -> None:
    ws = Workspace.open(banked, "mini")
    clock = FakeClock()
    app = make_app(ws, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_practice(pilot)
        await pilot.press("m", "y")  # confirm the timed exam
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("t")
        assert exam.countdown is not None
        assert exam.countdown.running
        await pilot.press("escape")  # save and leave; choose again to resume
        assert isinstance(app.screen, PracticeScreen)
        mock = app.screen.query_one("#practice-modes", OptionList).get_option("mock")
        shown = Console(width=80, record=True)
        shown.print(mock.prompt)
        assert "\n    unfinished: 0 of 10 answered" in shown.export_text()  # indented under the title
        await pilot.press("c")  # exam conditions off
        await pilot.press("m")
        assert isinstance(app.screen, ChooseModal)
        await pilot.press("down", "enter")  # start a new one
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        assert exam.session.pausable
        await pilot.press("t")
        assert exam.countdown is not None
        assert not exam.countdown.running
        assert not exam.query_one("#exam-scroll").display  # the question is hidden while paused
        clock.advance(600)
        await pilot.press("a")  # no answering while paused
        assert exam.session.answers == {}
        await pilot.press("t")
        assert exam.countdown.elapsed < 1  # the pause did not count
    ws.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_drill_with_feedback(banked: Path, size: tuple[int, int]) -> None:
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=size) as pilot:
        screen = await open_practice(pilot)
        screen.query_one("#practice-areas").focus()
        await pilot.press("down", "enter")  # tick Area beta
        screen.query_one("#practice-count").focus()
        await pilot.press("3")
        await pilot.press("d")  # a letter in a number box: refused there, and no drill starts behind it
        assert app.screen is screen
        screen.query_one("#practice-modes").focus()
        await pilot.press("d")
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert session.total == 3
        assert {q.skills[0].split(".")[0] for q in session.questions} == {"beta"}
        first = session.questions[0]
        wrong = (key_for(first.id) + 1) % 4
        await pilot.press(LETTERS[wrong])
        feedback = static_text(exam, "#exam-feedback")
        assert "Not this time: the answer is" in feedback
        assert "is right for question" in feedback  # the explanation
        assert f"why {LETTERS[wrong].upper()}" in feedback  # and why each option is or isn't right
        await pilot.press(LETTERS[key_for(first.id)])  # the first answer stands
        assert session.answers[0] == wrong
        assert first.id in ps.review_cards(ws.store, app.practice().person_id)  # missed: into review at once
        await pilot.press("n")
        second = session.questions[1]
        await pilot.press(LETTERS[key_for(second.id)])
        assert "✓ Right." in static_text(exam, "#exam-feedback")
        await pilot.press("n")
        await pilot.press(LETTERS[key_for(session.questions[2].id)], "n")  # the last: n shows the results
        results = app.screen
        assert isinstance(results, PracticeResultsScreen)
        assert results.result.correct == 2
        assert "Estimated scaled score" not in static_text(results, "#pr-summary")  # only for mock exams
    ws.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_quit_mid_exam_and_resume_exactly(banked: Path, size: tuple[int, int]) -> None:
    ws = Workspace.open(banked, "mini")
    clock = FakeClock()
    app = make_app(ws, clock)
    async with app.run_test(size=size) as pilot:
        await open_practice(pilot)
        await pilot.press("m", "y")  # confirm the timed exam
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        ids = [q.id for q in exam.session.questions]
        await pilot.press("b", "n", "c", "m", "n", "n")  # answer 1 and 2, flag 2, stop on 4
        clock.advance(300)
        await pilot.press("ctrl+q")
    ws.close()

    ws = Workspace.open(banked, "mini")  # a new process sees exactly this
    app = make_app(ws, FakeClock())
    async with app.run_test(size=size) as pilot:
        await open_practice(pilot)
        await pilot.press("m")
        modal = app.screen
        assert isinstance(modal, ChooseModal)
        assert "2 of 10 answered" in modal.options[0][2]
        await pilot.press("enter")  # resume
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert [q.id for q in session.questions] == ids
        assert session.answers == {0: 1, 1: 2}
        assert session.flagged == {1}
        assert session.current == 3
        assert session.elapsed == pytest.approx(300)
        assert "1:55:00" in str(exam.query_one(ExamTimer).render())
        assert "question 4 of 10" in str(exam.query_one("#exam-where").render())
    ws.close()


async def test_home_shows_due_reviews_and_calibration_feeds_the_gaps(banked: Path) -> None:
    ws = Workspace.open(banked, "mini")
    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:
        a = ws.rate(a, skill.id, level=1)  # every skill one below the alpha target
    practice_ws = Workspace.open(banked, "mini")
    from ctoprep.services.practice import Practice

    practice = Practice(practice_ws.library, practice_ws.store, practice_ws.framework, now=start_of_utc_day)
    drill = practice.start(QuizOptions(Mode.DRILL, areas=("beta",), count=10), seed=1)
    for pos, q in enumerate(drill.questions):
        practice.answer(drill, pos, (key_for(q.id) + 1) % 4)  # all wrong: self-rated 50, 0% right
    practice.finish(drill)
    practice_ws.close()

    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await settle(pilot)
        line = static_text(home, "#practice-line")
        assert "10 questions due for review today" in line
        assert app.practice_adjustments["mini"] == {"beta": 1.25}  # over-confident in beta
        gaps = app.summary().gaps
        assert gaps is not None
        beta = next(g for g in gaps.areas if g.area_id == "beta")
        assert beta.adjustment == 1.25
        await pilot.press("g")
        await settle(pilot)
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        assert "Area beta: self-rated 50/100, 0% correct in practice (over-confident)" in static_text(
            progress, "#progress-calibration"
        )
        assert "too early to say".upper() in static_text(progress, "#progress-readiness")
    ws.close()


async def test_nothing_due_is_a_message_not_a_crash(banked: Path) -> None:
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_practice(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is screen
        assert any("Nothing is due" in str(n.message) for n in app._notifications)
    ws.close()


async def test_a_framework_without_questions_explains_itself(home: Path) -> None:
    ws = Workspace.open(home, "mini")  # no bank written
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_practice(pilot)
        assert "no questions for this framework yet" in static_text(screen, "#practice-status")
        await pilot.press("d")
        assert app.screen is screen
    ws.close()


HOSTILE_BANK = """\
[bank]
id = "hostile"
framework = "mini"

[[questions]]
id = "h1"
skills = ["alpha.one"]
stem = "[bold red]Is this markup?[/] \\u001b[2J"
answer = "A"
explanation = "[link=http://evil.example]click[/link]"
[[questions.options]]
text = "[i]yes[/i]"
why = "[b]because[/b]"
[[questions.options]]
text = "no"
"""


async def test_question_text_is_shown_literally(home: Path) -> None:
    folder = home / "question_banks" / "mini"
    folder.mkdir(parents=True)
    (folder / "hostile.toml").write_text(HOSTILE_BANK)
    ws = Workspace.open(home, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        await pilot.press("d")
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        assert "[bold red]Is this markup?[/]" in static_text(exam, "#exam-stem")
        assert "\x1b" not in static_text(exam, "#exam-stem")
        await pilot.press("b")
        feedback = static_text(exam, "#exam-feedback")
        assert "[link=http://evil.example]click[/link]" in feedback
        assert "[b]because[/b]" in feedback
    ws.close()


async def test_home_never_loads_the_bank_on_the_ui_thread(banked: Path, bank_read_threads: list[str]) -> None:
    import threading

    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    main_thread = threading.current_thread().name
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert bank_read_threads
        assert main_thread not in bank_read_threads
        await open_practice(pilot)  # the bank is already in: not loaded again
        assert len(bank_read_threads) == 1
    ws.close()


async def test_an_attempt_in_progress_resumes_from_progress(banked: Path) -> None:
    """Issue #18.9: an in-progress attempt in Progress was a dead end."""
    from ctoprep.services.practice import Practice
    from ctoprep.ui.screens.progress import ProgressScreen

    ws = Workspace.open(banked, "mini")
    session = Practice(ws.library, ws.store, ws.framework).start(QuizOptions(Mode.DRILL, count=5), seed=2)
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        table = screen.query_one("#progress-attempts", DataTable)
        table.focus()
        row = next(i for i, key in enumerate(table.rows) if key.value == session.attempt_id)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExamScreen)
        assert app.screen.session.attempt_id == session.attempt_id
    ws.close()


async def test_a_drills_explanation_is_reached_by_keyboard(banked: Path) -> None:
    """At 60x16 the explanation is below the fold: answering brings it into view, PageUp/PageDown scroll."""
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await open_practice(pilot)
        screen.query_one("#practice-modes").focus()
        await pilot.press("d")
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        scroll = exam.query_one("#exam-scroll")
        await pilot.pause()
        assert scroll.scroll_y == 0  # the question opens at its first line
        first = exam.session.questions[0]
        await pilot.press(LETTERS[(key_for(first.id) + 1) % 4])
        await pilot.pause()
        feedback = exam.query_one("#exam-feedback")
        top = feedback.virtual_region.y
        assert scroll.scroll_y <= top < scroll.scroll_y + scroll.size.height  # its start is on screen
        await pilot.press("pageup")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 0
    ws.close()


async def test_notices_in_an_exam_never_cover_the_options(banked: Path) -> None:
    """Flagging, the last question and 'every question answered' are said on a line under the question;
    toasts (bottom right, over the options at 80x24) were used before."""
    ws = Workspace.open(banked, "mini")
    app = make_app(ws, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        await pilot.press("m", "y")
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        notice = exam.query_one("#exam-notice", Static)
        assert not notice.display
        await pilot.press("m")
        await pilot.pause()
        assert notice.display
        assert "Flagged for review." in static_text(exam, "#exam-notice")
        assert not list(app._notifications)  # no toast
        options = exam.query_one("#exam-options")
        assert not notice.region.overlaps(options.region)
        exam.clear_notice()
        await pilot.pause()
        assert not notice.display
    ws.close()
