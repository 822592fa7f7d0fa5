"""The ctoprep Textual app: thin screens over :class:`~ctoprep.services.context.Workspace`.

At about 530 lines it stays whole: start-up (the snapshot, the workspace loading in a thread), the
global key bindings and the screen stack are the app's own state; screens live in ``ui/screens/``.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from ctoprep.formats.collector import release_after_start
from ctoprep.ui.base import CtoprepScreen

if TYPE_CHECKING:
    import argparse

    from rich.text import Text

    from ctoprep.core.models.assessment import Assessment
    from ctoprep.services.context import Workspace
    from ctoprep.services.practice import Practice, QuizOptions
    from ctoprep.ui.home_content import HomeContent
    from ctoprep.ui.loading import Loaded
    from ctoprep.ui.summary import Summary

# Nothing above imports pydantic or the models: a returning user's home screen is painted from a
# snapshot (ctoprep.ui.home_snapshot) while the workspace loads in a thread after the first frame.


class CtoprepApp(App[int]):
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    TITLE = "ctoprep"
    SUB_TITLE = "K-12 technology leadership: assess, plan, practice"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]
    clock: Callable[[], float] = time.monotonic
    """Seconds for exam timers; tests put a fake clock here instead of sleeping."""

    class WorkspaceLoaded(Message):
        """Posted (from the loading thread) when the deferred workspace is ready or failed to load."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        opener: Callable[[], Workspace] | None = None,
        first_paint: HomeContent | None = None,
        start: str | None = None,
        ready: Callable[[], object] | None = None,
        today: date | None = None,
        quiz: QuizOptions | None = None,
    ) -> None:
        """Either an open ``workspace``, or an ``opener`` to call in a thread after the home screen has
        been painted from ``first_paint`` (the snapshot saved when the app last closed)."""
        super().__init__()
        if workspace is None and (opener is None or first_paint is None):
            raise ValueError("give a workspace, or an opener and the content of the first paint")
        self._workspace = workspace
        self._assessment: Assessment | None = workspace.current() if workspace is not None else None
        self._opener = opener
        self._loader: Future[Loaded] | None = None
        self._prepared: Loaded | None = None
        """What the loading thread prepared for the home screen, until the home takes it."""
        self.first_paint = first_paint if workspace is None else None
        self.load_error: BaseException | None = None
        self._first_framework_id = workspace.framework.id if workspace is not None else None
        """The framework opened at start: the snapshot is saved only for it (the next start opens it again)."""
        self.fixed_today = today
        self.start = start
        self.ready = ready
        self.quiz = quiz
        self.practice_text: Text | None = None
        """The practice line's latest text, saved in the next snapshot."""
        self._practice: Practice | None = None
        self.practice_adjustments: dict[str, dict[str, float]] = {}
        self.last_plan_ids: list[str] = []
        """Activities of the plan last built on the Plan screen: offered first when logging recertification."""
        """Per framework id: gap-priority weights from calibration (self-rating vs practice), from a worker."""

    def get_default_screen(self) -> Screen[Any]:
        from ctoprep.ui.screens.home import HomeScreen

        # Start with the breakpoint class the first resize would set, so that it does not restyle
        # every widget before the first frame.
        width = self.size.width
        fitting = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= least]
        return HomeScreen(classes=fitting[-1] if fitting else None)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.loaded:
            self._apply_saved_theme()
        if self.start == "assess":
            self.action_assess()
        elif self.start == "practice":
            self.action_practice()
        if self.ready is not None:
            self.ready()
        # the collector is off while the process starts (cli.main.run): on again once the first frame is out
        self.call_after_refresh(release_after_start)

    def today(self) -> date:
        """Today's date (fixed in tests and snapshots so that output does not change with the calendar)."""
        return self.fixed_today or date.today()

    # the workspace, possibly still loading ---------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._workspace is not None

    @property
    def workspace(self) -> Workspace:
        """The open workspace; if it is still loading, wait for it (a key pressed in the first moment)."""
        if self._workspace is None:
            self._finish_loading()
        assert self._workspace is not None
        return self._workspace

    @workspace.setter
    def workspace(self, workspace: Workspace) -> None:
        self._workspace = workspace

    @property
    def assessment(self) -> Assessment | None:
        if self._workspace is None:
            self._finish_loading()
        return self._assessment

    @assessment.setter
    def assessment(self, assessment: Assessment | None) -> None:
        self._assessment = assessment

    def start_loading(self) -> None:
        """Open the workspace in a thread (called once the home screen has been painted)."""
        if self._workspace is not None or self._loader is not None or self._opener is None:
            return
        opener = self._opener
        loader: Future[Loaded] = Future()
        self._loader = loader

        def load() -> None:
            from ctoprep.formats.collector import gc_paused
            from ctoprep.ui.loading import load_workspace

            # What the load makes (modules, models, the framework) lives until the app closes: the
            # collector would only walk it again and again (about 10 ms over the load, taken from both
            # threads). Collect nothing meanwhile, then move it all out of the collector's sight.
            with gc_paused():
                try:
                    loaded = load_workspace(opener)
                except BaseException as exc:
                    loader.set_exception(exc)
                else:
                    loader.set_result(loaded)
            self.post_message(self.WorkspaceLoaded())

        threading.Thread(target=load, name="ctoprep-load", daemon=True).start()

    def _finish_loading(self) -> None:
        if self._workspace is not None:
            return
        if self._loader is None:
            self.start_loading()  # a key came before the first frame was painted: load as always, and wait
        assert self._loader is not None
        loaded = self._loader.result()  # re-raises what the thread raised
        self._workspace, self._assessment = loaded.workspace, loaded.assessment
        if loaded.practice_text is not None:  # the practice facts were gathered in the thread
            self._practice = loaded.practice
            self.practice_text = loaded.practice_text
            self.practice_adjustments[loaded.workspace.framework.id] = loaded.adjustments
        self._prepared = loaded
        self._first_framework_id = self._workspace.framework.id
        self._apply_saved_theme()

    def prepared_home(self) -> HomeContent | None:
        """The home's content the loading thread built, if what it was built from is still the app's
        state (workspace, assessment, calibration weights); handed out once."""
        loaded, self._prepared = self._prepared, None
        if loaded is None or loaded.home is None:
            return None
        workspace = loaded.workspace
        if workspace is not self._workspace or loaded.assessment is not self._assessment:
            return None
        if loaded.adjustments != self.practice_adjustments.get(workspace.framework.id, {}):
            return None
        return loaded.home

    def _apply_saved_theme(self) -> None:
        """The theme chosen last time (Ctrl+P, "Change theme") comes back at the next start."""
        saved = self.workspace.saved_theme()
        if saved and saved in self.available_themes and saved != self.theme:
            self._restoring_theme = True
            self.theme = saved

    def _remember_theme(self, theme: object) -> None:
        if getattr(self, "_restoring_theme", False):
            self._restoring_theme = False
            return
        if self.loaded:
            self.workspace.remember_theme(self.theme)

    def _handle_exception(self, error: Exception) -> None:
        """A store or content problem met while the app runs ends it with the CLI's clear message, no traceback.

        E.g. the store was replaced by a restore from outside, or removed: nothing more can be saved,
        and the user is told why (run_app re-raises it for the CLI to print).
        """
        from textual.worker import WorkerFailed

        from ctoprep.core.problems import ContentError

        cause = error.error if isinstance(error, WorkerFailed) else error  # raised in a worker (e.g. a plan)
        if isinstance(cause, ContentError):
            self.load_error = cause
            self.exit(return_code=2)
            return
        super()._handle_exception(error)

    def on_ctoprep_app_workspace_loaded(self, _: WorkspaceLoaded) -> None:
        try:
            self._finish_loading()
        except Exception as exc:  # e.g. a framework file broken since the last run: leave, and say so
            self.load_error = exc
            self.exit(return_code=2)
            return
        from ctoprep.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.workspace_loaded()

    def close_workspace(self, home: Path | None, framework_id: str | None) -> None:
        """Close the store and, if all went well, save the home screen for the next start."""
        if self._loader is not None:
            try:
                self._loader.result()
            except BaseException:
                return  # nothing was opened
        workspace = self._workspace
        if workspace is None:
            return
        content = None
        if self.load_error is None and workspace.framework.id == self._first_framework_id:
            from ctoprep.ui.home_content import build_home_content
            from ctoprep.ui.widgets.practice_line import facts_text

            practice = self.practice_text if self.practice_text is not None else facts_text(None)
            try:
                content = build_home_content(self, practice)
            except Exception:
                content = None  # the snapshot is an optimization; never fail a clean exit over it
        workspace.close()
        if content is not None and home is not None:
            from ctoprep.ui import home_snapshot

            home_snapshot.write(home, framework_id, self.today(), content)

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
            self._practice = ws.practice()
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

    def action_recert(self) -> None:
        from ctoprep.ui.screens.recert import RecertScreen

        if not isinstance(self.screen, RecertScreen):
            self.push_screen(RecertScreen())

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

        current = self.workspace.profile

        def chosen(profile_id: str | None) -> None:
            if profile_id:
                self.workspace.choose_profile(profile_id)
                if self.assessment is not None:
                    from dataclasses import replace

                    self.assessment = replace(self.assessment, profile=profile_id)
                self.refresh_screens()

        options = [(p.id, p.title, p.description) for p in self.workspace.profiles()]
        self.push_screen(ChooseModal("Target profile", options, current.id if current else None), chosen)

    def action_framework(self) -> None:
        from ctoprep.ui.modals.choose import ChooseModal

        entries, _ = self.workspace.library.entries()

        def chosen(framework_id: str | None) -> None:
            if framework_id and framework_id != self.workspace.framework.id:
                from ctoprep.core.problems import ContentError

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
        self._prepared = None  # something changed: the home words itself from now on
        for screen in self.screen_stack:
            if isinstance(screen, CtoprepScreen):
                screen.refresh_data()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # this screen's own actions first, by name, with their keys (the footer shows only some)
        seen: set[str] = set()
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            if binding.action.startswith(("rate(", "choose(", "scroll_text", "page(")):
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key.split(",")[0]
            action = binding.action

            async def run(action: str = action) -> None:
                await screen.run_action(action)

            yield SystemCommand(f"{binding.description} ({key})", f"{type(screen).__name__}: {action}", run)
        yield SystemCommand("Assess: continue", "Rate skills in the current assessment", self.action_assess)
        yield SystemCommand(
            "Assess: start a new assessment", "Begin a fresh self-assessment", self.action_new_assessment
        )
        yield SystemCommand("Results", "Scores, gaps and priorities", self.action_results)
        yield SystemCommand("Plan", "Build a PD plan within your budget", self.action_plan)
        yield SystemCommand("History", "Past assessments and trends", self.action_history)
        yield SystemCommand("Practice", "Mock exam, area drill, weak-spot drill or spaced review", self.action_practice)
        yield SystemCommand(
            "Practice progress", "Readiness, mock-exam trend, accuracy and calibration", self.action_progress
        )
        yield SystemCommand("Mentor", "Review packets and mentor reviews, offline", self.action_mentor)
        yield SystemCommand(
            "Recertification", "Log CETL renewal activities: hours per category, caps, what is left", self.action_recert
        )
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


def open_app(
    home: Path | None,
    framework_id: str | None,
    *,
    start: str | None = None,
    quiz: QuizOptions | None = None,
    ready: Callable[[], object] | None = None,
    today: date | None = None,
) -> CtoprepApp:
    """The app for ``home``: painted from the last snapshot when it is current, else from a "loading" frame;
    the workspace loads in a thread after the first paint. Opening straight into a screen loads first."""
    from ctoprep.services.folders import data_folder
    from ctoprep.ui import home_snapshot

    folder = data_folder(home)

    def opener() -> Workspace:
        from ctoprep.services.context import Workspace

        return Workspace.open(home, framework_id)

    # Everything imported so far lives as long as the process: move it out of the collector's sight,
    # so that the first full collection during the first frames does not walk it (~25 ms measured).
    gc.freeze()
    if start is not None or quiz is not None:
        return CtoprepApp(opener(), start=start, quiz=quiz, ready=ready, today=today)
    # the home as it was when the app last closed, if nothing it shows has changed since; else a frame
    # that says the workspace is loading (no figures): either way the workspace loads after the first paint
    from ctoprep.ui.home_content import loading_content

    snapshot = home_snapshot.read(folder, framework_id, today or date.today()) or loading_content()
    return CtoprepApp(opener=opener, first_paint=snapshot, ready=ready, today=today)


def run_app(args: argparse.Namespace, *, start: str | None = None, quiz: QuizOptions | None = None) -> int:
    from ctoprep.services.folders import data_folder

    framework_id = getattr(args, "framework", None)
    app = open_app(args.home, framework_id, start=start, quiz=quiz)
    try:
        app.run()
    finally:
        app.close_workspace(data_folder(args.home), framework_id)
    if app.load_error is not None:
        raise app.load_error
    return app.return_code or 0
