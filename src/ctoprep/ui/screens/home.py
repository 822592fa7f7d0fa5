"""Home: continue or start, readiness at a glance, the top gaps, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line
from ctoprep.ui.widgets.practice_line import PracticeLine

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "app.assess", "Assess"),
        Binding("n", "app.new_assessment", "New"),
        Binding("r", "app.results", "Results"),
        Binding("l", "app.plan", "Plan"),
        Binding("h", "app.history", "History"),
        Binding("p", "app.practice", "Practise"),
        Binding("g", "app.progress", "Progress", show=False),
        Binding("t", "app.profile", "Profile"),
        Binding("m", "app.mentor", "Mentor", show=False),
        Binding("f", "app.framework", "Framework"),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def ctoapp(self) -> CtoprepApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(id="home-title")
            with Horizontal(id="home-panels"):
                with Vertical(id="readiness", classes="panel"):
                    yield Static(id="readiness-body")
                with Vertical(id="top-gaps", classes="panel"):
                    yield Static(id="gaps-body")
            yield PracticeLine(id="practice-line", classes="panel")
            yield Static(id="next-steps", classes="panel")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.ctoapp
        # due-today count from a worker, started only once this screen has been painted
        self.call_after_refresh(self.query_one(PracticeLine).gather)
        workspace = app.workspace
        framework = workspace.framework
        profile = workspace.profile
        title = plain(framework.short_title or framework.title, "bold", single_line=True)
        title.append("  ·  target profile: ", style="dim")
        title.append_text(plain(profile.title if profile else "none", single_line=True))
        title.append("  (t to change)", style="dim")
        self.query_one("#home-title", Static).update(title)

        assessment = app.assessment
        readiness = Text()
        gaps_text = Text()
        steps = Text("What to do next\n", style="bold")
        if assessment is None:
            readiness.append("Readiness\n", style="bold")
            readiness.append("No assessment yet.\n")
            gaps_text.append("Top gaps\n", style="bold")
            gaps_text.append("Your three most important gaps will appear here.\n")
            steps.append(
                "• Press a to start your self-assessment: "
                f"{len(framework.skills)} skills, about 30–40 minutes; "
                "you can stop at any time and resume exactly where you left off.\n"
            )
        else:
            summary = app.summary()
            readiness.append("Readiness\n", style="bold")
            readiness.append_text(summary.readiness_text())
            gaps_text.append("Top gaps", style="bold")
            gaps_text.append(f"  (against {profile.title if profile else 'no profile'})\n", style="dim")
            gaps_text.append_text(summary.top_gaps_text(3))
            for line in summary.next_steps():
                steps.append(f"• {line}\n")
        self.query_one("#readiness-body", Static).update(readiness)
        self.query_one("#gaps-body", Static).update(gaps_text)
        self.query_one("#next-steps", Static).update(steps)


__all__ = ["HomeScreen", "bar_line"]
