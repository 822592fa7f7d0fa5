"""Home: continue or start, readiness at a glance, the top gaps, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.widgets.bars import bar_line
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.practice_line import PracticeLine

if TYPE_CHECKING:
    from ctoprep.ui.home_content import HomeContent


class HomeScreen(CtoprepScreen):
    BINDINGS = [
        Binding("a", "app.assess", "Assess"),
        Binding("n", "app.new_assessment", "New", show=False),
        Binding("r", "app.results", "Results"),
        Binding("l", "app.plan", "Plan"),
        Binding("h", "app.history", "History", show=False),
        Binding("p", "app.practice", "Practice"),
        Binding("g", "app.progress", "Progress", show=False),
        Binding("t", "app.profile", "Profile", show=False),
        Binding("m", "app.mentor", "Mentor"),
        Binding("c", "app.recert", "Recert", show=False),
        Binding("f", "app.framework", "Framework", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    showing_snapshot = False
    _composed_fresh = False
    """True while the content is the snapshot from the last run, not yet replaced by the real thing."""

    def compose(self) -> ComposeResult:
        # the content goes in now, so that the first layout is the final one (one render, not three)
        content = self.current_content()
        self._composed_fresh = True
        with VerticalScroll(id="home"):
            yield Static(content.title, id="home-title")
            with Horizontal(id="home-panels"):
                yield Static(content.readiness, id="readiness-body", classes="panel")
                yield Static(content.gaps, id="gaps-body", classes="panel")
            yield PracticeLine(id="practice-line", classes="panel", text=content.practice)
            yield Static(content.steps, id="next-steps", classes="panel")
        yield Footer()

    def current_content(self) -> HomeContent:
        """The snapshot while the workspace loads, then the real thing."""
        app = self.ctoapp
        if not app.loaded:
            assert app.first_paint is not None
            self.showing_snapshot = True
            return app.first_paint
        from ctoprep.ui.home_content import build_home_content
        from ctoprep.ui.widgets.practice_line import facts_text

        self.showing_snapshot = False
        practice = self.query_one(PracticeLine).text if self.is_mounted else facts_text(None)
        return build_home_content(app, practice)

    def on_mount(self) -> None:
        if not self.ctoapp.loaded:
            self.call_after_refresh(self.ctoapp.start_loading)  # after the first frame, not before

    def on_screen_resume(self) -> None:
        if self._composed_fresh:
            self._composed_fresh = False
            if self.ctoapp.loaded:
                self.call_after_refresh(self.query_one(PracticeLine).gather)
            return
        self.refresh_data()

    def refresh_data(self) -> None:
        self.show(self.current_content())
        if self.ctoapp.loaded:
            # due-today count from a worker, started only once this screen has been painted
            self.call_after_refresh(self.query_one(PracticeLine).gather)

    def show(self, content: HomeContent) -> None:
        if self.showing_snapshot:
            self.query_one(PracticeLine).show(content.practice)
        self.query_one("#home-title", Static).update(content.title)
        self.query_one("#readiness-body", Static).update(content.readiness)
        self.query_one("#gaps-body", Static).update(content.gaps)
        self.query_one("#next-steps", Static).update(content.steps)

    def workspace_loaded(self) -> None:
        """The real workspace has arrived: replace the snapshot with the home the loading thread built.

        If anything was practiced on this framework, the thread gathered the practice facts first: their
        calibration weights move the gaps, and the gaps should change only once. If nothing was, there are
        no weights, and the practice line's worker counts due reviews and unfinished attempts from now on.
        """
        app = self.ctoapp
        content = app.prepared_home()
        if not self.showing_snapshot:
            return  # already replaced (the home was shown again meanwhile), its practice line counted
        if content is None:  # the state moved on since the thread built it, or it could not be built
            from ctoprep.ui.home_content import build_home_content
            from ctoprep.ui.widgets.practice_line import facts_text

            content = build_home_content(app, app.practice_text or facts_text(None))
        self.showing_snapshot = False
        self.query_one(PracticeLine).show(content.practice)
        self.show(content)
        if app.practice_text is None:
            self.call_after_refresh(self.query_one(PracticeLine).gather)


__all__ = ["HomeScreen", "bar_line"]
