"""Practice over time: readiness with its reasons, the mock-exam trend, accuracy per area, items
seen and unseen, calibration (self-rating against practice) and every past attempt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Sparkline, Static

from ctoprep.core.calibration import OVER_CONFIDENT_WEIGHT, UNDER_CONFIDENT_WEIGHT, Calibration
from ctoprep.core.practice import Mode
from ctoprep.core.text import printable
from ctoprep.services.practice import MODE_TITLES, AttemptRow, Practice, PracticeError, Progress, attempt_rows
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


def mode_title(mode: str) -> str:
    try:
        return MODE_TITLES[Mode(mode)]
    except ValueError:
        return mode


class ProgressScreen(CtoprepScreen):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "app.practice", "Practice"),
    ]

    class Loaded(Message):
        def __init__(
            self, framework_id: str, progress: Progress | None, rows: list[AttemptRow], problem: str = ""
        ) -> None:
            self.framework_id = framework_id
            self.progress = progress
            self.rows = rows
            self.problem = problem
            super().__init__()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Static(Text("Gathering your practice history…"), id="progress-readiness", classes="panel")
            yield Label("Mock exams — estimated scaled score (our estimate, not CoSN's scale)", classes="section-title")
            yield Static(id="progress-mocks")
            yield Sparkline([], id="progress-trend")
            yield Label("Accuracy per skill area (all modes)", classes="section-title")
            yield Static(id="progress-accuracy")
            yield Label("Calibration — your self-rating against practice accuracy", classes="section-title")
            yield Static(id="progress-calibration")
            yield Label("Attempts (Enter opens one)", classes="section-title")
            yield DataTable(id="progress-attempts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress-trend", Sparkline).display = False
        self.gather()

    def on_screen_resume(self) -> None:
        self.gather()

    @work(thread=True, exclusive=True, group="practice-progress", exit_on_error=False)
    def gather(self) -> None:
        app = self.ctoapp
        workspace = app.workspace
        shared = app.practice()
        fid = workspace.framework.id
        try:
            # a connection of its own: SQLite connections are not for sharing between threads
            with workspace.connection_for_worker() as store:
                practice = Practice(workspace.library, store, workspace.framework, now=shared.now, bank=shared.bank)
                progress = practice.progress(app.assessment)
                rows = attempt_rows(store, workspace.framework.id)
                bank = practice.bank
        except PracticeError as exc:
            self.post_message(self.Loaded(fid, None, [], str(exc)))
            return
        except Exception as exc:  # never a traceback on screen
            self.post_message(self.Loaded(fid, None, [], f"Could not gather your progress: {exc}"))
            return
        if shared.bank is None and bank is not None:
            shared.bank = bank
        self.post_message(self.Loaded(fid, progress, rows))

    @on(Loaded)
    def loaded(self, event: Loaded) -> None:
        if event.progress is None:
            self.query_one("#progress-readiness", Static).update(plain(event.problem))
            return
        progress = event.progress
        self.ctoapp.practice_adjustments_changed(event.framework_id, dict(progress.adjustments))
        self.show_readiness(progress)
        self.show_mocks(progress)
        self.show_accuracy(progress)
        self.show_calibration(progress)
        self.show_attempts(event.rows)

    def show_readiness(self, progress: Progress) -> None:
        verdict = progress.readiness
        text = Text("Readiness: ", style="bold")
        text.append(verdict.verdict.upper(), style="bold")
        for reason in verdict.reasons:
            text.append("\n• ")
            text.append_text(plain(reason))
        text.append(
            f"\n{progress.answered} answers so far · {progress.seen} of {progress.bank_size} questions seen, "
            f"{progress.unseen} unseen · {progress.due_today} due for review today"
        )
        if progress.exam_date:
            text.append(f" · exam on {progress.exam_date.isoformat()}")
        self.query_one("#progress-readiness", Static).update(text)

    def show_mocks(self, progress: Progress) -> None:
        text = Text()
        if not progress.mocks:
            text.append("No mock exams yet. Press p, then m, to sit one.", style="dim")
        for mock in progress.mocks:
            text.append(f"{mock.when:%Y-%m-%d}  ")
            score = "–" if mock.scaled is None else str(mock.scaled)
            text.append(f"{score:>4}", style="bold")
            text.append(f"  {mock.percent:.0f}% of {mock.total}")
            if not mock.full_form:
                text.append("  (shorter form: not used for readiness)", style="dim")
            if mock.timed_out:
                text.append("  (time ran out)", style="dim")
            text.append("\n")
        blueprint = self.ctoapp.workspace.framework.blueprint
        if blueprint is not None and progress.mocks:
            text.append(
                f"The pass line is {blueprint.pass_score} on {blueprint.score_min}–{blueprint.score_max}.", style="dim"
            )
        self.query_one("#progress-mocks", Static).update(text)
        scores = [float(m.scaled) for m in progress.mocks if m.scaled is not None]
        trend = self.query_one("#progress-trend", Sparkline)
        trend.display = len(scores) >= 2
        trend.data = scores

    def show_accuracy(self, progress: Progress) -> None:
        text = Text()
        for area in progress.accuracy.values():
            suffix = f"{area.correct} of {area.answered} right" if area.answered else "not practiced yet"
            title = printable(area.title, single_line=True)
            text.append_text(bar_line(title, area.percent, width=16, label_width=30, suffix=suffix))
            text.append("\n")
        self.query_one("#progress-accuracy", Static).update(text)

    def show_calibration(self, progress: Progress) -> None:
        text = Text()
        if not progress.calibration:
            text.append(
                "Rate yourself first (a on the home screen) to compare your ratings with practice.", style="dim"
            )
        else:
            off = [c for c in progress.calibration if c.kind in (Calibration.OVER, Calibration.UNDER)]
            if not off:
                text.append("No area is clearly over- or under-confident so far.\n")
            for c in off:
                text.append("• ")
                text.append_text(plain(c.reason))
                text.append("\n")
            unknown = [c for c in progress.calibration if c.kind is Calibration.UNKNOWN]
            if unknown:
                text.append(f"{len(unknown)} area(s) need more practice answers to compare.\n", style="dim")
            text.append(
                f"Over-confident areas weigh ×{OVER_CONFIDENT_WEIGHT:g} and under-confident ones ×"
                f"{UNDER_CONFIDENT_WEIGHT:g} in your gap priorities and PD plan.",
                style="italic",
            )
        self.query_one("#progress-calibration", Static).update(text)

    def show_attempts(self, rows: list[AttemptRow]) -> None:
        table = self.query_one("#progress-attempts", DataTable)
        table.clear(columns=True)
        table.add_columns("started", "mode", "status", "right", "%", "estimate")
        for row in reversed(rows):
            percent = f"{row.correct / row.total * 100:.0f}" if row.correct is not None and row.total else "–"
            right = f"{row.correct}/{row.total}" if row.correct is not None else f"{row.answered}/{row.total} done"
            estimate = str(row.scaled) if row.scaled is not None and row.mode == Mode.MOCK.value else "–"
            table.add_row(
                Text(f"{row.started_at:%Y-%m-%d %H:%M}"),
                Text(mode_title(row.mode)),
                Text(row.status),
                Text(right),
                Text(percent),
                Text(estimate),
                key=row.id,
            )

    @on(DataTable.RowSelected, "#progress-attempts")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_attempt(event.row_key.value)

    def open_attempt(self, attempt_id: str) -> None:
        from ctoprep.ui.screens.practice_results import PracticeResultsScreen

        practice = self.ctoapp.practice()
        try:
            opened = practice.open_attempt(attempt_id)
        except PracticeError as exc:
            if practice.is_unfinished(attempt_id):
                # an attempt in progress is not a dead end: Enter carries on where it stopped
                from ctoprep.ui.screens.exam import ExamScreen

                try:
                    session = practice.resume(attempt_id)
                except PracticeError as again:
                    self.notify(str(again), severity="warning", markup=False)
                    return
                self.app.push_screen(ExamScreen(session))
                return
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.app.push_screen(
            PracticeResultsScreen(
                opened.mode, opened.result, opened.questions, elapsed=opened.elapsed, timed_out=opened.stored.timed_out
            )
        )
