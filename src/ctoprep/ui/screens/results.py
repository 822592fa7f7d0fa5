"""Results: areas current vs target, roll-ups, the exam view, and the gap table with reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from ctoprep.core.scoring import GroupScore
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp
    from ctoprep.ui.summary import Summary


def fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class ResultsScreen(Screen[None]):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("l", "app.plan", "Plan"),
        Binding("t", "app.profile", "Profile"),
        Binding("a", "assess", "Assess"),
    ]

    @property
    def ctoapp(self) -> CtoprepApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(id="results-heading")
            yield Label(
                "Skill areas — current ███ vs target ▲ (Enter on a row shows its skills)", classes="section-title"
            )
            yield DataTable(id="area-table", cursor_type="row")
            yield Static(id="rollups")
            yield Label("Gaps, highest priority first", classes="section-title")
            yield DataTable(id="gap-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="strengths")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        summary = self.ctoapp.summary()
        self.show_heading(summary)
        self.show_areas(summary)
        self.show_rollups(summary)
        self.show_gaps(summary)

    def show_heading(self, summary: Summary) -> None:
        overall = summary.report.overall
        profile = summary.gaps.profile_title if summary.gaps else "no profile"
        text = Text("Results", style="bold")
        text.append(
            f"   overall {fmt(overall.score)}/100 · {overall.rated} of {overall.total} rated · "
            f"{overall.with_evidence} with evidence · against "
        )
        text.append_text(plain(profile, single_line=True))
        if not overall.reliable:
            text.append(f"\nProvisional: {overall.reason}.", style="italic")
        self.query_one("#results-heading", Static).update(text)

    def show_areas(self, summary: Summary) -> None:
        table = self.query_one("#area-table", DataTable)
        table.clear(columns=True)
        table.add_columns("area", "current vs target", "exam", "rated")
        targets = {a.area_id: a for a in summary.gaps.areas} if summary.gaps else {}
        for group in summary.report.areas:
            area_gap = targets.get(group.id)
            bar = bar_line("", group.score, area_gap.target_score if area_gap else None, label_width=0, width=20)
            note = "" if group.reliable else " ?"
            name = group.title if self.app.size.width >= 100 else group.title[:26]
            table.add_row(
                plain(name, single_line=True),
                bar,
                Text(f"{group.weight:g}%" if group.weight else "–"),
                Text(f"{group.rated}/{group.total}{note}"),
                key=group.id,
            )

    def show_rollups(self, summary: Summary) -> None:
        text = Text()

        def block(title: str, groups: tuple[GroupScore, ...]) -> None:
            if not groups:
                return
            text.append(f"\n{title}\n", style="bold")
            for g in groups:
                suffix = f"{g.weight:g}% of exam" if g.kind == "content-area" and g.weight else ""
                if not g.reliable:
                    suffix += ("  " if suffix else "") + f"({g.reason})"
                text.append_text(bar_line(g.title, g.score, width=20, label_width=44, suffix=suffix))
                text.append("\n")

        block("Exam content areas (as the official score report groups them)", summary.report.content_areas)
        block("Categories", summary.report.categories)
        block("PD focus (planning, instruction, policy, leadership)", summary.report.pd_focuses)
        self.query_one("#rollups", Static).update(text)

    def show_gaps(self, summary: Summary) -> None:
        table = self.query_one("#gap-table", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "skill", "now", "target", "priority", "why")
        strengths = Text()
        if summary.gaps is None:
            return
        for rank, gap in enumerate(summary.gaps.gaps, 1):
            target = str(gap.target_min) if gap.target_min == gap.target_max else f"{gap.target_min}–{gap.target_max}"
            table.add_row(
                Text(str(rank)),
                plain(gap.title, single_line=True),
                Text(fmt(gap.current)),
                Text(target),
                Text(f"{gap.priority:.1f}"),
                plain(gap.reason, single_line=True),
                key=gap.skill_id,
            )
        if summary.gaps.strengths:
            strengths.append("\nStrengths (above target)\n", style="bold")
            for s in summary.gaps.strengths[:8]:
                strengths.append("• ")
                strengths.append_text(plain(f"{s.title}: {s.reason}", single_line=True))
                strengths.append("\n")
        if summary.gaps.not_rated:
            strengths.append(
                f"\n{len(summary.gaps.not_rated)} targeted skill(s) not rated yet: they are not "
                "counted as gaps until you rate them.\n",
                style="italic",
            )
        self.query_one("#strengths", Static).update(strengths)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "area-table" and event.row_key.value:
            from ctoprep.ui.modals.area_detail import AreaDetailModal

            self.app.push_screen(AreaDetailModal(event.row_key.value))

    def action_assess(self) -> None:
        self.app.pop_screen()
        self.ctoapp.action_assess()
