"""Agree a plan and write the review file for the mentee."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, Switch, TextArea

from ctoprep.core.problems import ContentError
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.screens.mentor.common import desk, notify_problems
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from ctoprep.core.planning import Plan

# agree a plan and send ---------------------------------------------------------------------------


class AgreeScreen(CtoprepScreen):
    """The agreed plan (the planner, on the mentor's or the self ratings), a summary, and the review file."""

    CSS_PATH = "mentor.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+b", "build", "Build plan"),
        Binding("ctrl+s", "send", "Write review file"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.written: Path | None = None
        self.plan: Plan | None = None

    def compose(self) -> ComposeResult:
        desk_ = desk(self.ctoapp)
        self.session = desk_.session(self.session_id)
        self.framework = desk_.framework_of(self.session)
        budget, hours, months = self.ctoapp.workspace.saved_limits()
        if self.session.plan is not None:
            lim = self.session.plan.limits
            budget, hours, months = lim.budget_usd, lim.hours_per_month, lim.months
        with VerticalScroll(id="agree-body"):
            yield Static(id="agree-heading")
            with Horizontal(id="agree-inputs"):
                yield Label("Budget $")
                yield Input(str(budget), id="budget", type="integer", max_length=7)
                yield Label("Hours/month")
                yield Input(f"{hours:g}", id="hours", type="number", max_length=5)
                yield Label("Months")
                yield Input(str(months), id="months", type="integer", max_length=2)
            with Horizontal(id="agree-basis"):
                yield Label("Gaps on the mentor's ratings (off: self)")
                yield Switch(value=self.session.plan is None or self.session.plan.basis == "mentor", id="basis")
                yield Button("Build plan", id="agree-build", variant="primary")
            yield Static(id="agree-plan")
            yield Label("Your name on the review:", classes="section-title")
            yield Input(self.session.mentor_name, id="mentor-name", max_length=200, placeholder="e.g. Morgan Diaz")
            yield Label("A summary for your mentee (saved as you type):", classes="section-title")
            yield TextArea(self.session.summary, id="summary", soft_wrap=True, show_line_numbers=False)
            yield Button("Write the review file", id="agree-send", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        heading = Text("Agree a plan and send the review to ", style="bold")
        heading.append_text(plain(self.session.person or "your mentee", "bold", single_line=True))
        heading.append(
            "\nThe plan closes the gaps against the agreed targets, measured on the ratings you choose; "
            "the review file carries your blind ratings, comments, targets, this plan and the summary."
        )
        self.query_one("#agree-heading", Static).update(heading)
        if self.session.plan is not None:
            self.query_one("#agree-plan", Static).update(Text("A plan is agreed; Build plan again to change it."))

    @on(Button.Pressed, "#agree-build")
    def action_build(self) -> None:
        from ctoprep.core.planning import PlanLimits

        fw = self.framework
        if not fw.profiles or not fw.catalogue.activities:
            self.query_one("#agree-plan", Static).update(
                Text("This framework has no target profiles or no PD catalog, so there is nothing to plan.")
            )
            return
        try:
            limits = PlanLimits(
                budget_usd=int(self.query_one("#budget", Input).value or "0"),
                hours_per_month=float(self.query_one("#hours", Input).value or "0"),
                months=int(self.query_one("#months", Input).value or "1"),
                start=self.ctoapp.today(),
            )
        except ValueError:
            self.notify("Budget, hours and months must be numbers (months 1–60).", severity="error")
            return
        basis: Literal["self", "mentor"] = "mentor" if self.query_one("#basis", Switch).value else "self"
        make = desk(self.ctoapp).plan_maker(self.session_id, limits, basis)
        self.query_one("#agree-plan", Static).update(Text("Building the plan…", style="italic"))
        # the plan is computed in a worker (no store there) and kept on the UI thread, in one transaction
        self.compute_latest("agree-plan", make, lambda plan: self._keep(plan, basis))

    def _keep(self, plan: Plan, basis: Literal["self", "mentor"]) -> None:
        from ctoprep.ui.screens.plan import render_plan

        desk(self.ctoapp).keep_plan(self.session_id, plan, basis)
        self.plan = plan
        self.query_one("#agree-plan", Static).update(render_plan(plan))

    @on(Input.Changed, "#mentor-name")
    def name_changed(self, event: Input.Changed) -> None:
        desk(self.ctoapp).set_mentor_name(self.session_id, event.value.strip())

    @on(TextArea.Changed, "#summary")
    def summary_changed(self, event: TextArea.Changed) -> None:
        desk(self.ctoapp).set_summary(self.session_id, event.text_area.text)

    @on(Button.Pressed, "#agree-send")
    def action_send(self, confirmed: bool = False) -> None:
        desk_ = desk(self.ctoapp)
        try:
            review = desk_.review(self.session_id)
        except ContentError as exc:
            notify_problems(self, exc, "No review written")
            return
        if review.payload.plan is None and not confirmed:
            from ctoprep.ui.modals.choose import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_send(confirmed=True)

            self.app.push_screen(
                ConfirmModal(
                    "Send the review without an agreed plan?",
                    "No plan has been built (Ctrl+B builds one within the limits above). "
                    "The mentee will get your ratings and comments only.",
                ),
                answered,
            )
            return
        path = desk_.write_review(self.session_id, self.ctoapp.today(), review)
        self.written = path
        self.notify(f"Saved {path}: send this file to your mentee.", title="Review written", markup=False)
