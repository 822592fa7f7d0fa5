"""The ctoprep Textual app: thin screens over :class:`~ctoprep.workspace.Workspace`."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.problems import ContentError
from ctoprep.workspace import Workspace

if TYPE_CHECKING:
    from ctoprep.practice_session import Practice, QuizOptions
    from ctoprep.ui.summary import Summary


class CtoprepApp(App[int]):
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    TITLE = "ctoprep"
    SUB_TITLE = "K-12 technology leadership: assess, plan, practise"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    clock: Callable[[], float] = time.monotonic
    """Seconds for exam timers; tests put a fake clock here instead of sleeping."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        start: str | None = None,
        ready: Callable[[], object] | None = None,
        today: date | None = None,
        quiz: QuizOptions | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.fixed_today = today
        self.start = start
        self.ready = ready
        self.assessment: Assessment | None = workspace.current()
        self.quiz = quiz
        self._practice: Practice | None = None
        self.practice_adjustments: dict[str, dict[str, float]] = {}
        """Per framework id: gap-priority weights from calibration (self-rating vs practice), from a worker."""

    def get_default_screen(self) -> Screen[Any]:
        from ctoprep.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.start == "assess":
            self.action_assess()
        elif self.start == "practice":
            self.action_practice()
        if self.ready is not None:
            self.ready()

    def today(self) -> date:
        """Today's date (fixed in tests and snapshots so that output does not change with the calendar)."""
        return self.fixed_today or date.today()

    # shared state -----------------------------------------------------------------------------
    def assessment_changed(self, assessment: Assessment) -> None:
        self.assessment = assessment

    def summary(self) -> Summary:
        """Scores and gaps of the current assessment against the chosen profile."""
        from ctoprep.ui.summary import Summary

        assert self.assessment is not None
        framework = self.workspace.framework
        adjustments = self.practice_adjustments.get(framework.id)
        return Summary.build(framework, self.assessment, self.workspace.profile, adjustments=adjustments)

    def practice(self) -> Practice:
        """Practice sessions on this framework (the bank is loaded by a screen's worker)."""
        ws = self.workspace
        if self._practice is None or self._practice.framework is not ws.framework:
            from ctoprep.practice_session import Practice

            self._practice = Practice(ws.library, ws.store, ws.framework)
        return self._practice

    def practice_adjustments_changed(self, framework_id: str, adjustments: dict[str, float]) -> None:
        """New calibration weights: screens showing gaps recompute them."""
        if adjustments != self.practice_adjustments.get(framework_id, {}):
            self.practice_adjustments[framework_id] = adjustments
            if framework_id == self.workspace.framework.id:
                self.refresh_screens()

    # actions (also offered in the command palette) ---------------------------------------------
    def action_assess(self) -> None:
        from ctoprep.ui.screens.assessment import AssessmentScreen

        if self.assessment is None:
            self.action_new_assessment()
            return
        self.push_screen(AssessmentScreen(self.assessment))

    def action_new_assessment(self) -> None:
        from ctoprep.ui.modals.new_assessment import NewAssessmentModal

        def started(name: str | None) -> None:
            if name is None:
                return
            self.assessment = self.workspace.start_assessment(name, copy_from=None)
            self.action_assess()

        self.push_screen(NewAssessmentModal(self.assessment.person if self.assessment else ""), started)

    def action_results(self) -> None:
        from ctoprep.ui.screens.results import ResultsScreen

        if self.assessment is None:
            self.notify("Start an assessment first (a).", severity="warning")
            return
        self.push_screen(ResultsScreen())

    def action_plan(self) -> None:
        from ctoprep.ui.screens.plan import PlanScreen

        if self.assessment is None:
            self.notify("Start an assessment first (a).", severity="warning")
            return
        self.push_screen(PlanScreen())

    def action_practice(self) -> None:
        from ctoprep.ui.screens.practice import PracticeScreen

        quiz, self.quiz = self.quiz, None  # options from `ctoprep quiz` apply once
        self.push_screen(PracticeScreen(quiz))

    def action_progress(self) -> None:
        from ctoprep.ui.screens.progress import ProgressScreen

        if not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen())

    def action_history(self) -> None:
        from ctoprep.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_mentor(self) -> None:
        from ctoprep.ui.screens.mentor import MentorScreen

        if not isinstance(self.screen, MentorScreen):
            self.push_screen(MentorScreen())

    def action_cohort(self) -> None:
        from ctoprep.ui.modals.path_input import PathInputModal
        from ctoprep.ui.screens.cohort import CohortScreen

        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.push_screen(CohortScreen(paths))

        hint = "Folders of review packets, or packet files (separate several with ;):"
        self.push_screen(PathInputModal("Cohort", hint, folders=True), chosen)

    def action_profile(self) -> None:
        from ctoprep.ui.modals.choose import ChooseModal

        framework = self.workspace.framework
        current = self.workspace.profile

        def chosen(profile_id: str | None) -> None:
            if profile_id:
                self.workspace.choose_profile(profile_id)
                if self.assessment is not None:
                    self.assessment = self.assessment.model_copy(update={"profile": profile_id})
                self.refresh_screens()

        options = [(p.id, p.title, p.description) for p in framework.profiles]
        self.push_screen(ChooseModal("Target profile", options, current.id if current else None), chosen)

    def action_framework(self) -> None:
        from ctoprep.ui.modals.choose import ChooseModal

        entries, _ = self.workspace.library.entries()

        def chosen(framework_id: str | None) -> None:
            if framework_id and framework_id != self.workspace.framework.id:
                try:
                    self.workspace = self.workspace.switch_framework(framework_id)
                except ContentError as exc:
                    self.notify(
                        exc.problems[0].format() if exc.problems else "cannot load it",
                        title="Framework not loaded",
                        severity="error",
                        markup=False,
                    )
                    return
                self.assessment = self.workspace.current()
                self.refresh_screens()

        options = [(e.id, e.title, f"version {e.version} · {e.origin}") for e in entries]
        self.push_screen(ChooseModal("Framework", options, self.workspace.framework.id), chosen)

    def action_help(self) -> None:
        from ctoprep.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Assess: continue", "Rate skills in the current assessment", self.action_assess)
        yield SystemCommand(
            "Assess: start a new assessment", "Begin a fresh self-assessment", self.action_new_assessment
        )
        yield SystemCommand("Results", "Scores, gaps and priorities", self.action_results)
        yield SystemCommand("Plan", "Build a PD plan within your budget", self.action_plan)
        yield SystemCommand("History", "Past assessments and trends", self.action_history)
        yield SystemCommand("Practise", "Mock exam, area drill, weak-spot drill or spaced review", self.action_practice)
        yield SystemCommand(
            "Practice progress", "Readiness, mock-exam trend, accuracy and calibration", self.action_progress
        )
        yield SystemCommand("Mentor", "Review packets and mentor reviews, offline", self.action_mentor)
        yield SystemCommand("Cohort", "Heat map, common gaps and group agenda from many packets", self.action_cohort)
        yield SystemCommand("Target profile", "Choose the profile your gaps are measured against", self.action_profile)
        yield SystemCommand("Framework", "Switch to another installed framework", self.action_framework)
        yield SystemCommand("Help", "Keys and how ctoprep works", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand(
            "Screenshot", "Save an SVG of this screen in your ctoprep data folder", self.action_save_screenshot
        )

    def action_save_screenshot(self) -> None:
        # never to ~/Downloads: screens can hold personal ratings, so they stay in the private data folder
        folder = self.workspace.library.home / "screenshots"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.save_screenshot(path=str(folder))
        Path(path).chmod(0o600)
        self.notify(f"Saved {path}", markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.action_save_screenshot()


def run_app(args: argparse.Namespace, *, start: str | None = None, quiz: QuizOptions | None = None) -> int:
    workspace = Workspace.open(args.home, getattr(args, "framework", None))
    try:
        app = CtoprepApp(workspace, start=start, quiz=quiz)
        app.run()
        return app.return_code or 0
    finally:
        workspace.close()
