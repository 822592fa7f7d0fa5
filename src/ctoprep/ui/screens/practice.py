"""Choosing how to practice: mock exam, area drill, weak-spot drill or review, with their settings.

The question bank loads in a worker after the first paint; an unfinished attempt of the chosen
mode can be resumed exactly or set aside.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ctoprep.core.models.questions import QuestionBank
from ctoprep.core.practice import Mode
from ctoprep.core.problems import ContentError
from ctoprep.services.practice import DEFAULT_COUNTS, MODE_TITLES, PracticeError, QuizOptions, Session
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.area_picker import AreaPicker
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.timer import clock_text

if TYPE_CHECKING:
    from ctoprep.services.practice import Practice

MODE_KEYS = {Mode.MOCK: "m", Mode.DRILL: "d", Mode.WEAK: "w", Mode.REVIEW: "v"}


class PracticeScreen(CtoprepScreen):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("m", "start('mock')", "Mock"),
        Binding("d", "start('drill')", "Drill"),
        Binding("w", "start('weak')", "Weak"),
        Binding("v", "start('review')", "Review"),
        Binding("c", "toggle_conditions", "Exam conditions", show=False),
        Binding("g", "app.progress", "Progress", show=False),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    class BankLoaded(Message):
        def __init__(self, bank: QuestionBank | None, problem: str = "") -> None:
            self.bank = bank
            self.problem = problem
            super().__init__()

    def __init__(self, options: QuizOptions | None = None) -> None:
        super().__init__()
        self.options = options or QuizOptions()
        self.exam_conditions = self.options.exam_conditions
        self.pending: Mode | None = self.options.mode
        """A mode to start as soon as the bank is in (from ``ctoprep quiz --mode``)."""
        self.problem = ""
        self.due_count = 0

    @property
    def practice(self) -> Practice:
        return self.ctoapp.practice()

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        framework = self.ctoapp.workspace.framework
        exam_date = self.practice.exam_date
        with VerticalScroll(id="practice-body"):
            yield Static(Text("Loading the questions…"), id="practice-status")
            yield Label("Choose how to practice (Enter, or the key in brackets)", classes="section-title")
            yield OptionList(id="practice-modes")
            yield Static(id="practice-conditions")
            with Horizontal(id="practice-inputs"):
                yield Label("Questions")
                yield Input(
                    str(self.options.count) if self.options.count else "",
                    placeholder="auto",
                    type="integer",
                    id="practice-count",
                )
                yield Label("Minutes")
                yield Input(
                    f"{self.options.minutes:g}" if self.options.minutes else "",
                    placeholder="auto",
                    type="number",
                    id="practice-minutes",
                )
                yield Label("Exam date")
                yield Input(
                    exam_date.isoformat() if exam_date else "", placeholder="YYYY-MM-DD", id="practice-exam-date"
                )
            yield Label("Areas for a drill (Enter ticks; none ticked = every area)", classes="section-title")
            yield AreaPicker(framework.areas, chosen=self.options.areas, id="practice-areas")
        yield Footer()

    def on_mount(self) -> None:
        self.show_conditions()
        self.show_modes()
        self.query_one("#practice-modes", OptionList).focus()
        if self.practice.bank is not None:
            self.bank_ready(self.practice.bank)
        else:
            self.load_bank()

    def on_screen_resume(self) -> None:
        if self.practice.bank is not None:
            self.bank_ready(self.practice.bank)

    @work(thread=True, exclusive=True, group="practice-bank", exit_on_error=False)
    def load_bank(self) -> None:
        workspace = self.ctoapp.workspace
        try:
            bank = workspace.library.questions(workspace.framework)
        except ContentError as exc:
            problem = "; ".join(p.format() for p in exc.problems)
            self.post_message(self.BankLoaded(None, f"The question bank has problems: {problem}"))
            return
        except Exception as exc:  # never a traceback on screen
            self.post_message(self.BankLoaded(None, f"The question bank could not be loaded: {exc}"))
            return
        self.post_message(self.BankLoaded(bank))

    @on(BankLoaded)
    def bank_loaded(self, event: BankLoaded) -> None:
        if event.bank is None:
            self.problem = event.problem
            self.query_one("#practice-status", Static).update(plain(event.problem))
            self.pending = None
            return
        self.practice.bank = event.bank
        self.bank_ready(event.bank)

    def bank_ready(self, bank: QuestionBank) -> None:
        practice = self.practice
        try:
            self.due_count = len(practice.due_today())
        except PracticeError:
            self.due_count = 0
        status = Text(f"{len(bank.questions)} questions in the bank", style="bold")
        status.append(f" · {self.due_count} due for review today")
        exam_date = practice.exam_date
        if exam_date:
            status.append(f" · exam on {exam_date.isoformat()}: reviews aim for that day")
        if not bank.questions:
            status.append(
                f"\nThere are no questions for this framework yet: add a bank under "
                f"question_banks/{practice.framework.id}/ in your data folder."
            )
        self.query_one("#practice-status", Static).update(status)
        self.query_one(AreaPicker).set_counts(dict(Counter(bank.area_of_question.values())))
        self.show_modes()
        if self.pending is not None:
            mode, self.pending = self.pending, None
            self.start_mode(mode, ask=False)  # `ctoprep quiz --mode mock` asked for it already

    def show_conditions(self) -> None:
        text = Text("Exam conditions: ", style="bold")
        if self.exam_conditions:
            text.append("ON", style="bold")
            text.append(" — a mock exam's clock cannot be paused (c to change)")
        else:
            text.append("OFF", style="bold")
            text.append(" — you can pause a mock exam's clock with t (c to change)")
        self.query_one("#practice-conditions", Static).update(text)

    def show_modes(self) -> None:
        framework = self.ctoapp.workspace.framework
        blueprint = framework.blueprint
        practice = self.practice
        descriptions = {
            Mode.MOCK: (
                f"{blueprint.item_count} questions drawn to the exam blueprint, {blueprint.time_limit_minutes} "
                "minutes, flag for review, no feedback until you submit"
                if blueprint
                else "not available: this framework has no exam blueprint"
            ),
            Mode.DRILL: f"{DEFAULT_COUNTS[Mode.DRILL]} questions from the areas you tick below, "
            "with the answer and explanation at once",
            Mode.WEAK: "questions where your gaps, practice accuracy and due reviews point, each with its reason",
            Mode.REVIEW: f"{self.due_count} due today: questions you missed or flagged, on a spaced schedule",
        }
        modes = self.query_one("#practice-modes", OptionList)
        highlighted = modes.highlighted
        modes.clear_options()
        for mode in Mode:
            detail = Text(descriptions[mode], style="dim")
            attempt_id = practice.unfinished(mode)
            if attempt_id:
                record = practice.attempt(attempt_id)
                detail.append(
                    f"\nunfinished: {len(record.answers)} of {len(record.question_ids)} answered "
                    "— resume it or start again",
                    style="italic",
                )
            # the details are indented as a block, so their wrapped lines stay under the title
            prompt = Group(
                Text(f"({MODE_KEYS[mode]}) {MODE_TITLES[mode]}", style="bold"), Padding(detail, (0, 0, 0, 4))
            )
            modes.add_option(Option(prompt, id=mode.value))
        modes.highlighted = highlighted if highlighted is not None else 0

    # settings ----------------------------------------------------------------------------
    def action_toggle_conditions(self) -> None:
        self.exam_conditions = not self.exam_conditions
        self.show_conditions()

    @on(Input.Changed, "#practice-exam-date")
    def exam_date_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if not text:
            self.practice.set_exam_date(None)
            return
        try:
            when = date.fromisoformat(text)
        except ValueError:
            return  # still typing; checked again when a session starts
        self.practice.set_exam_date(when)

    def read_options(self, mode: Mode) -> QuizOptions | None:
        count_text = self.query_one("#practice-count", Input).value.strip()
        minutes_text = self.query_one("#practice-minutes", Input).value.strip()
        date_text = self.query_one("#practice-exam-date", Input).value.strip()
        try:
            count = int(count_text) if count_text else None
            minutes = float(minutes_text) if minutes_text else None
        except ValueError:
            self.notify("Questions and minutes must be numbers.", severity="error", markup=False)
            return None
        if count is not None and count < 1:
            self.notify("Ask for at least 1 question.", severity="error", markup=False)
            return None
        if minutes is not None and minutes <= 0:
            self.notify("The time limit must be more than 0 minutes.", severity="error", markup=False)
            return None
        if date_text:
            try:
                date.fromisoformat(date_text)
            except ValueError:
                self.notify("The exam date must look like 2026-12-01.", severity="error", markup=False)
                return None
        return QuizOptions(
            mode=mode,
            areas=tuple(self.query_one(AreaPicker).chosen),
            count=count,
            minutes=minutes,
            exam_conditions=self.exam_conditions,
        )

    # starting ----------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#practice-modes")
    def mode_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_start(event.option.id)

    def action_start(self, mode_name: str) -> None:
        self.start_mode(Mode(mode_name), ask=True)

    def start_mode(self, mode: Mode, *, ask: bool) -> None:
        if self.problem:
            self.notify(self.problem, severity="error", markup=False)
            return
        if self.practice.bank is None:
            self.pending = mode
            self.notify("Still loading the questions; the session starts as soon as they are in.", markup=False)
            return
        options = self.read_options(mode)
        if options is None:
            return
        attempt_id = self.practice.unfinished(mode)
        if attempt_id is None:
            if mode is Mode.MOCK and ask:
                self.confirm_mock(options)
            else:
                self.start_new(options)
            return
        from ctoprep.ui.modals.choose import ChooseModal

        record = self.practice.attempt(attempt_id)
        detail = f"{len(record.answers)} of {len(record.question_ids)} answered"
        left = self.practice.time_left(attempt_id)
        if left is not None:
            detail += f", {clock_text(left)} left"
        detail += f", started {record.started_at:%Y-%m-%d %H:%M} UTC"

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume(attempt_id)
            elif choice == "new":
                self.practice.abandon(attempt_id)
                self.start_new(options)

        self.app.push_screen(
            ChooseModal(
                f"An unfinished {MODE_TITLES[mode].lower()}",
                [
                    ("resume", "Resume where you left off", detail),
                    ("new", "Start a new one", "the unfinished one is set aside and no longer counts"),
                ],
                "resume",
            ),
            chosen,
        )

    def confirm_mock(self, options: QuizOptions) -> None:
        """A mock exam is timed (and cannot be paused under exam conditions): ask before the clock starts."""
        from ctoprep.ui.modals.choose import ConfirmModal

        minutes = options.minutes
        blueprint = self.ctoapp.workspace.framework.blueprint
        if minutes is None and blueprint is not None:
            minutes = blueprint.time_limit_minutes
        count = options.count or (blueprint.item_count if blueprint else 0)
        pause = "the clock cannot be paused (exam conditions)" if options.exam_conditions else "you may pause"
        detail = f"{count} questions, {minutes:g} minutes; {pause}. Esc saves and leaves; the clock keeps time."

        def answered(yes: bool | None) -> None:
            if yes:
                self.start_new(options)

        self.app.push_screen(ConfirmModal("Start a timed mock exam now?", detail), answered)

    def start_new(self, options: QuizOptions) -> None:
        app = self.ctoapp
        try:
            session = self.practice.start(options, assessment=app.assessment, profile=app.workspace.profile)
        except PracticeError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=8)
            return
        self.open(session)

    def resume(self, attempt_id: str) -> None:
        try:
            session = self.practice.resume(attempt_id)
        except PracticeError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=8)
            return
        self.open(session)

    def open(self, session: Session) -> None:
        from ctoprep.ui.screens.exam import ExamScreen

        self.app.push_screen(ExamScreen(session))
