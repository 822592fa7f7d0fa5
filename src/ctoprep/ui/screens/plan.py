"""Plan: budget, hours and months in; the plan month by month out, with reasons; export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ctoprep.core.planning import Plan, PlanLimits
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from ctoprep.core.insights import ReportContext


def render_plan(plan: Plan) -> Text:
    """The plan as display text: totals, month by month, why each activity, what was left out."""
    text = Text()
    limits = plan.limits
    text.append("Your plan", style="bold")
    text.append(
        f"   ${plan.total_cost:,} of ${limits.budget_usd:,} · {plan.total_hours:.0f} of "
        f"{limits.total_hours:.0f} hours · closes about {plan.share_closed * 100:.0f}% of the "
        "priority-weighted gap\n"
    )
    if plan.activities and limits.total_hours and plan.total_hours >= 0.9 * limits.total_hours:
        if plan.total_cost < limits.budget_usd:
            text.append("   Hours were the limit, not money: more hours a month would buy more.\n", style="italic")
    elif plan.activities and limits.budget_usd and plan.total_cost >= 0.9 * limits.budget_usd:
        text.append("   Money was the limit, not hours.\n", style="italic")
    if not plan.activities:
        text.append(
            "\nNo activity fits these limits and serves your gaps. Try more hours per month, or rate "
            "more skills so the planner can see your gaps.\n"
        )
    for month in plan.months:
        if not month.activities and not month.rerate:
            continue
        text.append(f"\n{month.starts_on:%B %Y}", style="bold underline")
        text.append(f"   {month.hours:.1f} h · ${month.cost_usd:,}\n", style="dim")
        for activity_id in month.starting:
            activity = next(a for a in plan.activities if a.activity_id == activity_id)
            text.append("  ▶ ", style="bold")
            text.append_text(plain(activity.title, "bold", single_line=True))
            text.append(
                f"  ({activity.format.value}, ${activity.cost_usd:,}, {activity.hours:g} h over "
                f"{activity.months} month{'s' if activity.months != 1 else ''})\n"
            )
            text.append("    why: ", style="italic")
            text.append_text(plain(activity.why))
            text.append("\n")
            if activity.produces:
                text.append("    you will have: ", style="italic")
                text.append_text(plain(activity.produces))
                text.append("\n")
        for activity_id in month.activities:
            if activity_id not in month.starting:
                activity = next(a for a in plan.activities if a.activity_id == activity_id)
                text.append("  … ")
                text.append_text(plain(activity.title, single_line=True))
                text.append(" continues\n", style="dim")
        for skill_id in month.rerate:
            rerate = next((r for r in plan.rerates if r.skill_id == skill_id), None)
            if rerate is not None:
                text.append("  ↻ re-rate ")
                text.append_text(plain(rerate.title, single_line=True))
                text.append("\n")
    if plan.left_out:
        text.append("\nLeft out\n", style="bold")
        for left in plan.left_out[:8]:
            text.append("  • ")
            text.append_text(plain(f"{left.title}: {left.reason}", single_line=True))
            text.append("\n")
    for note in plan.notes:
        text.append("\n")
        text.append_text(plain(note, "italic"))
    return text


class PlanScreen(CtoprepScreen):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("b", "build", "Build"),
        Binding("m", "export('markdown')", "Export .md"),
        Binding("w", "export('html')", "Export .html"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: Plan | None = None
        self.context: ReportContext | None = None
        """What is on screen; the export writes exactly this."""

    def compose(self) -> ComposeResult:
        saved = self.saved_limits()
        with VerticalScroll(id="plan-body"):
            with Horizontal(id="plan-inputs"):
                yield Label("Budget $")
                yield Input(saved["budget"], id="budget", type="integer", max_length=8)
                yield Label("Hours/month")
                yield Input(saved["hours"], id="hours", type="number", max_length=5)
                yield Label("Months")
                yield Input(saved["months"], id="months", type="integer", max_length=2)
                yield Button("Build plan", id="build", variant="primary")
            yield Static(id="plan-output")
        yield Footer()

    def on_mount(self) -> None:
        self.action_build()

    def saved_limits(self) -> dict[str, str]:
        budget, hours, months = self.ctoapp.workspace.saved_limits()
        return {"budget": str(budget), "hours": f"{hours:g}", "months": str(months)}

    def read_limits(self) -> PlanLimits | None:
        from ctoprep.core.planning import parse_budget, parse_hours_per_month, parse_months

        try:
            budget = parse_budget(self.query_one("#budget", Input).value)
            hours = parse_hours_per_month(self.query_one("#hours", Input).value)
            months = parse_months(self.query_one("#months", Input).value)
        except ValueError as exc:  # nothing silent: an empty or negative field is named, no plan is built
            self.query_one("#plan-output", Static).update(Text(f"Not built: {exc}.", style="bold"))
            self.notify(str(exc), severity="error", markup=False)
            return None
        limits = PlanLimits(budget_usd=budget, hours_per_month=hours, months=months, start=self.ctoapp.today())
        self.ctoapp.workspace.save_limits(limits)
        return limits

    @on(Button.Pressed, "#build")
    @on(Input.Submitted)
    def action_build(self) -> None:
        limits = self.read_limits()
        assessment = self.ctoapp.assessment
        if limits is None or assessment is None:
            return
        workspace = self.ctoapp.workspace
        profile = workspace.profile
        if profile is None or not workspace.framework.catalogue.activities:
            self.query_one("#plan-output", Static).update(
                Text("This framework has no target profiles or no PD catalog, so there is nothing to plan.")
            )
            return
        from ctoprep.services.insights import report_context

        framework, today = workspace.framework, self.ctoapp.today()
        # calibration weights from practice (over-confident areas count more), when there is practice
        adjustments = self.ctoapp.practice_adjustments.get(framework.id)
        if self.plan is None:
            self.query_one("#plan-output", Static).update(Text("Building the plan…", style="italic"))

        def build_context() -> ReportContext:
            return report_context(
                framework, assessment, profile, generated_on=today, limits=limits, adjustments=adjustments
            )

        # most plans take milliseconds, but proving the best one can take a second where the hours a
        # month bind: off the UI thread, so keys keep working meanwhile
        self.compute_latest("plan", build_context, self._show)

    def _show(self, context: ReportContext) -> None:
        self.context = context
        self.plan = context.plan
        if self.plan is not None:
            self.ctoapp.last_plan_ids = [a.activity_id for a in self.plan.activities]
            self.query_one("#plan-output", Static).update(render_plan(self.plan))

    def action_export(self, kind: str) -> None:
        """Write the full report with this plan (Markdown for an e-mail, HTML to print) to the data folder."""
        context = self.context
        if context is None or context.plan is None:
            return
        from ctoprep.formats.atomic import write_text_atomic

        workspace = self.ctoapp.workspace
        if kind == "markdown":
            from ctoprep.reports.markdown import render_markdown

            text, suffix = render_markdown(context), "md"
        else:
            from ctoprep.reports.html import render_html

            text, suffix = render_html(context), "html"
        folder = workspace.library.home / "exports"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = _free_path(folder / f"plan-{self.ctoapp.today():%Y-%m-%d}.{suffix}")
        write_text_atomic(path, text, overwrite=False)
        self.notify(f"Saved {path}", title="Plan exported", markup=False)


def _free_path(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
