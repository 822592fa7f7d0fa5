"""A cohort of mentees: the heat map of areas x people, common gaps and the group-session agenda.

The packets are read in a worker thread; each one that cannot be used is listed with its reason.
``a`` switches between names, initials and codes (for a screen shared with the group).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from ctoprep.core.cohort import Anonymize
from ctoprep.core.problems import ContentError, Problem
from ctoprep.reports.cohort import shade
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from ctoprep.core.cohort import CohortView
    from ctoprep.services.mentoring import LoadedCohort

MODES = [Anonymize.NONE, Anonymize.INITIALS, Anonymize.CODES]


def heat_cell(score: float | None, gap: float) -> Text:
    """A heat-map cell readable without color: a shade block, the score, and ! a level or more below target."""
    if score is None:
        return Text("   –  ", style="dim")
    style = "red" if score < 25 else "dark_orange" if score < 50 else "yellow" if score < 75 else "green"
    return Text(f"{shade(score)}{score:4.0f}{'!' if gap >= 1 else ' '}", style=style)


class CohortScreen(CtoprepScreen):
    CSS_PATH = "mentor/mentor.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "anonymize", "Labels"),
        Binding("w", "export('html')", "HTML"),
        Binding("v", "export('csv')", "CSV"),
    ]

    class Loaded(Message):
        def __init__(self, loaded: LoadedCohort | None, problems: list[Problem]) -> None:
            self.loaded = loaded
            self.problems = problems
            super().__init__()

    def __init__(self, paths: list[Path], *, profile_id: str | None = None, anonymize: str | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.profile_id = profile_id
        self.mode = Anonymize(anonymize) if anonymize else Anonymize.NONE
        self.loaded: LoadedCohort | None = None
        self.view: CohortView | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cohort-body"):
            yield Static(Text("Reading the packets…"), id="cohort-heading")
            yield Label(
                "Heat map: area scores 0–100 (▁ low … ▇ high; ! a level or more below target)", classes="section-title"
            )
            yield DataTable(id="heat-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="cohort-gaps")
            yield Static(id="cohort-agenda")
            yield Static(id="cohort-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.read_packets()

    @work(thread=True, exclusive=True)
    def read_packets(self) -> None:
        from ctoprep.services.mentoring import load_cohort_entries

        try:
            loaded = load_cohort_entries(self.paths, self.ctoapp.workspace.library)
        except ContentError as exc:
            self.post_message(self.Loaded(None, exc.problems))
            return
        self.post_message(self.Loaded(loaded, loaded.problems))

    def on_cohort_screen_loaded(self, message: Loaded) -> None:
        self.loaded = message.loaded
        self.show_problems(message.problems)
        if self.loaded is None:
            self.query_one("#cohort-heading", Static).update(
                Text("No usable review packet was found. The reasons are listed below.", style="bold")
            )
            return
        self.build()

    def build(self) -> None:
        from ctoprep.services.mentoring import cohort_view

        if self.loaded is None:
            return
        salt = self.ctoapp.workspace.cohort_code_key() if self.mode is Anonymize.CODES else ""
        try:
            self.view = cohort_view(
                self.loaded, profile_id=self.profile_id, anonymize=self.mode, salt=salt, today=self.ctoapp.today()
            )
        except ContentError as exc:
            self.show_problems(exc.problems)
            return
        self.show()

    def show(self) -> None:
        view = self.view
        assert view is not None
        c = view.cohort
        heading = Text(f"Cohort of {c.size}", style="bold")
        heading.append(" · against ")
        heading.append_text(plain(c.profile_title, single_line=True))
        heading.append(f" · members shown by {'name' if c.anonymize is Anonymize.NONE else c.anonymize.value} (a)")
        self.query_one("#cohort-heading", Static).update(heading)

        table = self.query_one("#heat-table", DataTable)
        table.clear(columns=True)
        table.add_column("member")
        for a in c.areas:
            table.add_column(plain(view.area_label(a.area_id)[:10], single_line=True))
        table.add_column("overall")
        table.add_column("below")
        for m in c.members:
            table.add_row(
                plain(m.label, single_line=True),
                *(heat_cell(cell.score, cell.gap) for cell in m.cells),
                Text("–" if m.overall is None else f"{m.overall:.0f}"),
                Text(str(m.gaps)),
                key=m.label,
            )
        table.add_row(
            Text("cohort mean", style="italic"),
            *(heat_cell(a.mean_score, 0) for a in c.areas),
            Text(""),
            Text(""),
            key="__mean__",
        )

        gaps = Text("\nMost common gaps\n", style="bold")
        if not c.common_gaps:
            gaps.append("No member is below target in any rated skill.\n")
        for g in c.common_gaps[: view.top]:
            gaps.append(f"{g.members:>3} of {c.size}  ")
            gaps.append_text(plain(g.title, "bold", single_line=True))
            gaps.append(" (")
            gaps.append_text(plain(g.area_title, single_line=True))
            gaps.append(f"), mean gap {g.mean_gap:.1f}: ")
            gaps.append_text(plain(", ".join(g.labels), single_line=True))
            gaps.append("\n")
        self.query_one("#cohort-gaps", Static).update(gaps)

        agenda = Text("\nAgenda for group sessions (each adds the most given the ones before)\n", style="bold")
        if not c.agenda:
            agenda.append("No catalog activity serves these gaps.\n")
        for i, item in enumerate(c.agenda, 1):
            cost = "free" if item.cost_usd == 0 else f"${item.cost_usd:,}"
            agenda.append(f"{i}. ")
            agenda.append_text(plain(item.title, "bold", single_line=True))
            agenda.append(f" ({item.format.value}, {cost}, {item.hours:g} h) serves {item.members} of {c.size}: ")
            agenda.append_text(plain(", ".join(item.labels), single_line=True))
            agenda.append("\n")
        self.query_one("#cohort-agenda", Static).update(agenda)

    def show_problems(self, problems: list[Problem]) -> None:
        text = Text()
        if problems:
            text.append(f"\nLeft out or matched with care ({len(problems)})\n", style="bold")
            for p in problems:
                text.append_text(plain(p.format(), single_line=True))
                text.append("\n")
        self.query_one("#cohort-problems", Static).update(text)

    def action_anonymize(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.build()

    def action_export(self, kind: str) -> None:
        from ctoprep.formats.atomic import write_text_atomic
        from ctoprep.services.mentor_desk import export_path

        if self.view is None:
            return
        if kind == "csv":
            from ctoprep.reports.cohort import render_cohort_csv

            text, suffix = render_cohort_csv(self.view), ".csv"
        else:
            from ctoprep.reports.cohort import render_cohort_html

            text, suffix = render_cohort_html(self.view), ".html"
        folder = self.ctoapp.workspace.library.home / "exports"
        path = export_path(folder, f"cohort-{self.ctoapp.today():%Y-%m-%d}", suffix)
        write_text_atomic(path, text, overwrite=False)
        self.notify(f"Saved {path}", title="Cohort exported", markup=False)
