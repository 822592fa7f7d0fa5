"""Recertification: hours per category against the caps, the cycle's end, what is left, and the log.

Everything goes through :class:`ctoprep.services.recert.RecertLog`, as ``ctoprep recert`` does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from ctoprep.core.problems import ContentError
from ctoprep.core.recert import RecertEntry
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework, Recertification
    from ctoprep.services.recert import RecertLog


class StartModal(ModalScreen[date | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: date | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Start of your certification cycle", classes="dialog-title")
            yield Label("The date on your certificate (or of your last renewal), as YYYY-MM-DD:")
            yield Input(
                self.current.isoformat() if self.current else "", placeholder="2025-03-01", id="start", compact=True
            )
            yield Label("", id="start-error", classes="hint")
            yield Button("Save", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        try:
            self.dismiss(date.fromisoformat(self.query_one("#start", Input).value.strip()))
        except ValueError:
            self.query_one("#start-error", Label).update("Write the date like 2025-03-01.")

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddEntryModal(ModalScreen[tuple[RecertEntry, bool] | None]):
    """One activity: pick it from your plan or the catalog (fills the rest), or type it in."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, framework: Framework, rules: Recertification, planned: list[str], today: date) -> None:
        super().__init__()
        self.framework = framework
        self.rules = rules
        self.planned = planned
        self.today = today

    def compose(self) -> ComposeResult:
        credited = [a for a in self.framework.catalogue.activities if a.credit_category in self.rules.category_by_id]
        credited.sort(key=lambda a: (a.id not in self.planned, a.title))
        choices = [(("plan: " if a.id in self.planned else "") + a.title[:60], a.id) for a in credited]
        with VerticalScroll(classes="dialog wide"):
            yield Label("Log an activity  (Tab: next field · Enter: log it · Esc: cancel)", classes="dialog-title")
            yield Label("From your plan or the catalog (optional; fills the rest):")
            yield Select(choices, prompt="choose an activity", id="activity", compact=True)
            yield Label("Category:")
            categories = [(c.title, c.id) for c in self.rules.categories]
            yield Select(categories, prompt="choose a category", id="category", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Date")
                yield Input(self.today.isoformat(), id="date", max_length=10, compact=True)
                yield Label("Hours or count")
                yield Input("", id="amount", type="number", max_length=6, compact=True)
            yield Label("What you did:")
            yield Input("", placeholder="e.g. the course or event", id="title", max_length=300, compact=True)
            yield Label("Evidence:")
            yield Input("", placeholder="certificate, agenda, link", id="evidence", max_length=500, compact=True)
            yield Label("", id="entry-note", classes="hint")
            with Horizontal(classes="form-row"):
                yield Button("Log it", variant="primary", id="save", compact=True)
                yield Label(" ")
                yield Button("Log past the cap", id="save-over", compact=True)

    def on_mount(self) -> None:
        self.query_one("#activity", Select).focus()

    @on(Select.Changed, "#activity")
    def fill_from_activity(self, event: Select.Changed) -> None:
        activity = next((a for a in self.framework.catalogue.activities if a.id == event.value), None)
        if activity is None:
            return
        category = self.rules.category_by_id[activity.credit_category or ""]
        self.query_one("#category", Select).value = category.id
        self.query_one("#amount", Input).value = "1" if category.credit == "each" else f"{activity.hours:g}"
        self.query_one("#title", Input).value = activity.title

    @on(Select.Changed, "#category")
    def explain_category(self, event: Select.Changed) -> None:
        category = self.rules.category_by_id.get(str(event.value))
        if category is None:
            return
        unit = f"a count: {category.hours_each:g} h each" if category.credit == "each" else "hours"
        cap = "no cap" if category.max_hours is None else f"at most {category.max_hours:g} h a cycle"
        self.query_one("#entry-note", Label).update(plain(f"Give {unit}; {cap}. {category.note}"))

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.save_entry(over_cap=False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.save_entry(over_cap=event.button.id == "save-over")

    def save_entry(self, *, over_cap: bool) -> None:
        note = self.query_one("#entry-note", Label)
        try:
            earned_on = date.fromisoformat(self.query_one("#date", Input).value.strip())
        except ValueError:
            note.update("Write the date like 2026-10-15.")
            return
        try:
            amount = float(self.query_one("#amount", Input).value or "0")
        except ValueError:
            note.update("Hours or count must be a number.")
            return
        category = self.query_one("#category", Select).value
        activity = self.query_one("#activity", Select).value
        entry = RecertEntry(
            id="",
            earned_on=earned_on,
            category=str(category) if isinstance(category, str) else "",
            title=self.query_one("#title", Input).value.strip(),
            amount=amount,
            evidence=self.query_one("#evidence", Input).value.strip(),
            activity_id=activity if isinstance(activity, str) else None,
        )
        self.dismiss((entry, over_cap))

    def action_cancel(self) -> None:
        self.dismiss(None)


class RecertScreen(CtoprepScreen):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add", "Add"),
        Binding("s", "start", "Start"),
        Binding("d", "remove", "Remove"),
        Binding("w", "export", "Write"),
    ]

    def recert_log(self) -> RecertLog | None:
        try:
            return self.ctoapp.workspace.recert_log()
        except ContentError:
            return None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="recert-body"):
            yield Static(id="recert-summary", classes="panel")
            yield Label("Hours by category", classes="section-title")
            yield DataTable(id="recert-categories", cursor_type="none", zebra_stripes=True)
            yield Label("Activities logged (d removes the highlighted one)", classes="section-title")
            yield DataTable(id="recert-entries", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#recert-categories", DataTable).add_columns("category", "logged", "cap", "counted")
        self.query_one("#recert-entries", DataTable).add_columns("date", "hours", "activity")
        self.refresh_view()

    def refresh_view(self) -> None:
        log = self.recert_log()
        summary_box = self.query_one("#recert-summary", Static)
        if log is None:
            summary_box.update(Text("This framework has no recertification rules (recertification.toml)."))
            return
        today = self.ctoapp.today()
        summary = log.summary(today)
        rules = log.rules
        text = Text()
        text.append(f"{rules.title}", style="bold")
        text.append(f": {rules.required_hours:g} hours every {rules.cycle_years} years ({rules.body}'s rules, ")
        text.append(f"read {rules.last_verified})\n")
        if summary is None:
            text.append("Press s to set the start of your cycle (the date on your certificate).")
            summary_box.update(text)
            return
        text.append(f"Cycle {summary.start.isoformat()} to {summary.end.isoformat()}: ")
        text.append(f"{summary.counted:g} of {rules.required_hours:g} hours counted", style="bold")
        if summary.met:
            text.append(" · requirement met")
        else:
            text.append(f" · {summary.remaining:g} to go · {summary.days_left} days left")
        if summary.outside:
            text.append(f"\n{len(summary.outside)} logged activities fall outside this cycle: not counted.")
        if any(not c.confirmed for c in rules.categories):
            text.append(f"\n* rule not confirmed on {rules.body}'s pages: check before relying on it.", style="dim")
        summary_box.update(text)
        categories = self.query_one("#recert-categories", DataTable)
        categories.clear()
        for t in summary.totals:
            cap = "none" if t.category.max_hours is None else f"{t.category.max_hours:g}"
            title = plain(t.category.title, single_line=True)
            if not t.category.confirmed:
                title.append(" *", style="dim")
            categories.add_row(title, Text(f"{t.logged:g}"), Text(cap), Text(f"{t.counted:g}"))
        entries = self.query_one("#recert-entries", DataTable)
        entries.clear()
        by_id = rules.category_by_id
        for x in summary.entries:
            hours = by_id[x.category].credited(x.amount) if x.category in by_id else 0
            entries.add_row(
                Text(x.earned_on.isoformat()), Text(f"{hours:g}"), plain(x.title, single_line=True), key=x.id
            )

    def action_start(self) -> None:
        log = self.recert_log()
        if log is None:
            return

        def chosen(start: date | None) -> None:
            if start is None:
                return
            try:
                log.set_start(start, self.ctoapp.today())
            except ContentError as exc:
                self.notify(exc.problems[0].message, severity="error", markup=False)
                return
            self.refresh_view()

        self.app.push_screen(StartModal(log.start()), chosen)

    def action_add(self) -> None:
        log = self.recert_log()
        if log is None:
            return
        if log.start() is None:
            self.notify("Set the start of your cycle first (s).", severity="warning")
            return
        planned = list(self.ctoapp.last_plan_ids)

        def chosen(result: tuple[RecertEntry, bool] | None) -> None:
            if result is None:
                return
            entry, over_cap = result
            try:
                saved = log.add(entry, self.ctoapp.today(), allow_over_cap=over_cap)
            except ContentError as exc:
                problem = exc.problems[0]
                message = problem.message + (f" ({problem.hint})" if problem.hint else "")
                self.notify(message, severity="error", markup=False, timeout=10)
                return
            self.notify(f"Logged: {saved.title}", markup=False)
            self.refresh_view()

        self.app.push_screen(AddEntryModal(log.framework, log.rules, planned, self.ctoapp.today()), chosen)

    def action_remove(self) -> None:
        log = self.recert_log()
        table = self.query_one("#recert-entries", DataTable)
        if log is None or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        from ctoprep.ui.modals.choose import ConfirmModal

        def confirmed(yes: bool | None) -> None:
            if yes:
                removed = log.remove(str(key))
                self.notify(f"Removed: {removed.title}", markup=False)
                self.refresh_view()

        self.app.push_screen(ConfirmModal("Remove this activity from your log?"), confirmed)

    def action_export(self) -> None:
        from ctoprep.formats.atomic import write_text_atomic
        from ctoprep.reports.recert import recert_markdown

        log = self.recert_log()
        summary = log.summary(self.ctoapp.today()) if log else None
        if summary is None:
            self.notify("Set the start of your cycle first (s).", severity="warning")
            return
        folder = self.ctoapp.workspace.library.home / "exports"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"recertification-{self.ctoapp.today():%Y-%m-%d}.md"
        write_text_atomic(path, recert_markdown(summary))
        self.notify(f"Saved {path}", title="Summary written", markup=False)
