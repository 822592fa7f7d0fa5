"""History: every past assessment, per-area trends and what changed since last time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, Sparkline, Static

from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.text import plural
from ctoprep.core.trends import area_series, changes_between
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


class HistoryScreen(CtoprepScreen):
    CSS_PATH = "reports.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("enter", "open", "Make current")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body"):
            yield Label("Assessments", classes="section-title")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Label("Trend per area (oldest → newest)", classes="section-title")
            yield VerticalScroll(id="trends")
            yield Label("What changed since the previous assessment", classes="section-title")
            yield Static(id="changes")
        yield Footer()

    def on_mount(self) -> None:
        workspace = self.ctoapp.workspace
        framework = workspace.framework
        summaries = workspace.history()
        table = self.query_one(DataTable)
        table.add_columns("date", "person", "rater", "rated", "status", "id")
        for s in summaries:
            table.add_row(
                Text(s.updated_at.strftime("%Y-%m-%d")),
                plain(s.person_name or "-", single_line=True),
                plain(
                    s.rater_role + (f" ({s.rater_name})" if s.rater_name and s.rater_role != "self" else ""),
                    single_line=True,
                ),
                Text(f"{s.rated}/{len(framework.skills)}"),
                Text(s.status),
                Text(s.id[:8]),
                key=s.id,
            )
        own = [workspace.load(s.id) for s in summaries if s.rater_role == "self"]
        trends = self.query_one("#trends", VerticalScroll)
        series = area_series(framework, own)
        for area in framework.areas:
            values = series[area.id]
            known = [v for v in values if v is not None]
            last = f"{known[-1]:3.0f}" if known else "  –"
            row = Horizontal(classes="sparkline-row")
            trends.mount(row)
            row.mount(Label(plain(f"{_fit(area.title, 24)} {last}", single_line=True)))
            if len(known) >= 2:
                row.mount(Sparkline(known))
                row.mount(Label(Text(f" {known[0]:.0f} → {known[-1]:.0f}")))
            else:
                row.mount(Label(Text("  one rating so far" if known else "  not rated yet", style="dim")))
        changes = Text()
        # "what changed" compares finished assessments only: a half-rated one would look like a fall
        finished = [
            a
            for a, s in zip(own, [s for s in summaries if s.rater_role == "self"], strict=True)
            if s.status is AssessmentStatus.COMPLETE
        ]
        unfinished = len(own) - len(finished)
        if unfinished:
            changes.append(
                f"{plural(unfinished, 'unfinished assessment')} left out of this comparison until complete.\n",
                style="italic",
            )
        if len(finished) < 2:
            changes.append("Finish another assessment later (n on the home screen) to see what changed.", style="dim")
        else:
            areas, skills = changes_between(framework, finished[-2], finished[-1])
            if not areas and not skills:
                changes.append("No changes between the last two assessments.")
            for change in areas[:10]:
                delta = change.delta
                arrow = "▲" if delta and delta > 0 else ("▼" if delta and delta < 0 else "•")
                changes.append(f"{arrow} ")
                changes.append_text(plain(change.title, single_line=True))
                before = "–" if change.before is None else f"{change.before:.0f}"
                after = "–" if change.after is None else f"{change.after:.0f}"
                changes.append(f": {before} → {after}\n")
            if skills:
                changes.append(f"\n{plural(len(skills), 'skill rating')} changed; largest:\n", style="bold")
                for sc in skills[:8]:
                    changes.append("  ")
                    changes.append_text(plain(sc.title, single_line=True))
                    changes.append(
                        f": {sc.before if sc.before is not None else '–'} → "
                        f"{sc.after if sc.after is not None else '–'}\n"
                    )
        self.query_one("#changes", Static).update(changes)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key:
            workspace = self.ctoapp.workspace
            workspace.make_current(key)
            self.ctoapp.assessment = workspace.load(key)
            self.notify("That assessment is now the current one.")
            self.app.pop_screen()


def _fit(title: str, width: int) -> str:
    """``title`` in exactly ``width`` characters, cut at a word with an ellipsis if it is longer."""
    if len(title) <= width:
        return title.ljust(width)
    cut = title[: width - 1].rsplit(" ", 1)[0] if " " in title[: width - 1] else title[: width - 1]
    return (cut.rstrip(" ,") + "…").ljust(width)
