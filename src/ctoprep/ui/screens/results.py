"""Results: areas current vs target, roll-ups, the exam view, and the gap table with reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ctoprep.core.scoring import GroupScore
from ctoprep.core.text import plural
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line
from ctoprep.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from ctoprep.ui.summary import Summary


def fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class ResultsScreen(CtoprepScreen):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("l", "app.plan", "Plan"),
        Binding("t", "app.profile", "Profile"),
        Binding("a", "assess", "Assess"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(id="results-heading")
            yield Label(
                "Skill areas — current ███ vs target ▲ (Enter on a row shows its skills)", classes="section-title"
            )
            yield DataTable(id="area-table", cursor_type="row")
            yield Static(id="rollups")
            yield Label(
                "Gaps, highest priority first (Enter on a row: why, and what to do about it)", classes="section-title"
            )
            yield DataTable(id="gap-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="strengths")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        # Enter works at once (no Tab first), and the page still opens at its top
        self.query_one("#area-table", DataTable).focus(scroll_visible=False)

    def action_page(self, direction: int) -> None:
        body = self.query_one("#results-body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

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
            name = group.title if self.app.size.width >= 100 or len(group.title) <= 26 else group.title[:25] + "…"
            table.add_row(
                plain(name, single_line=True),
                bar,
                Text(f"{group.weight:g}%" if group.weight else "–"),
                Text(f"{group.rated}/{group.total}{note}"),
                key=group.id,
            )

    def show_rollups(self, summary: Summary) -> None:
        text = Text()
        wide = self.app.size.width >= 100
        notes: list[str] = []

        def block(title: str, groups: tuple[GroupScore, ...]) -> None:
            if not groups:
                return
            text.append(f"\n{title}\n", style="bold")
            for g in groups:
                suffix = f"{g.weight:g}%" if g.kind == "content-area" and g.weight else ""
                if not g.reliable:
                    suffix += " *"
                    notes.append(f"* {g.title}: {g.reason}")
                text.append_text(bar_line(g.title, g.score, width=20, label_width=44 if wide else 30, suffix=suffix))
                text.append("\n")

        block(
            "Exam content areas (each area weighted by its % of the exam)",
            summary.report.content_areas,
        )
        block("Categories (the same groups, every area counted equally)", summary.report.categories)
        block("PD focus (planning, instruction, policy, leadership)", summary.report.pd_focuses)
        for note in dict.fromkeys(notes):
            text.append_text(plain(note, "italic"))
            text.append("\n")
        self.query_one("#rollups", Static).update(text)

    def show_gaps(self, summary: Summary) -> None:
        table = self.query_one("#gap-table", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "skill", "area", "now", "target", "priority")
        strengths = Text()
        if summary.gaps is None:
            return
        room = max(16, self.app.size.width - 40)  # the figures stay on screen; a long skill name is cut with …
        for rank, gap in enumerate(summary.gaps.gaps, 1):
            target = str(gap.target_min) if gap.target_min == gap.target_max else f"{gap.target_min}–{gap.target_max}"
            title = gap.title if len(gap.title) <= room else gap.title[: room - 1] + "…"
            area = self.ctoapp.workspace.framework.area_by_id.get(gap.area_id)
            table.add_row(
                Text(str(rank)),
                plain(title, single_line=True),
                Text(area.code if area and area.code else gap.area_title[:12]),
                Text(fmt(gap.current)),
                Text(target),
                Text(f"{gap.priority:.0f}"),
                key=gap.skill_id,
            )
        if summary.gaps.strengths:
            strengths.append("\nStrengths (above target)\n", style="bold")
            for s in summary.gaps.strengths[:8]:
                strengths.append("• ")
                strengths.append_text(plain(s.reason, single_line=True))
                strengths.append("\n")
        if summary.gaps.not_rated:
            strengths.append(
                f"\n{plural(len(summary.gaps.not_rated), 'targeted skill')} not rated yet: not "
                "counted as gaps until rated.\n",
                style="italic",
            )
        self.query_one("#strengths", Static).update(strengths)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "area-table" and event.row_key.value:
            from ctoprep.ui.modals.area_detail import AreaDetailModal

            self.app.push_screen(AreaDetailModal(event.row_key.value))
        elif event.data_table.id == "gap-table" and event.row_key.value:
            from ctoprep.ui.modals.gap_detail import GapDetailModal

            summary = self.ctoapp.summary()
            gap = (
                next((g for g in summary.gaps.gaps if g.skill_id == event.row_key.value), None)
                if summary.gaps
                else None
            )
            if gap is not None:
                self.app.push_screen(GapDetailModal(self.ctoapp.workspace.framework, gap))

    def action_assess(self) -> None:
        self.app.pop_screen()
        self.ctoapp.action_assess()
