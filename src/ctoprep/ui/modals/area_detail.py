"""Drilling into one area: every skill with its level, target and reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ctoprep.ui.text import plain

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp


class AreaDetailModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, area_id: str) -> None:
        super().__init__()
        self.area_id = area_id

    def compose(self) -> ComposeResult:
        app: CtoprepApp = self.app  # type: ignore[assignment]
        framework = app.workspace.framework
        area = framework.area_by_id[self.area_id]
        summary = app.summary()
        gaps = {g.skill_id: g for g in summary.gaps.skills} if summary.gaps else {}
        with Vertical(classes="dialog wide"):
            yield Label(plain(area.title, single_line=True), classes="dialog-title")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("skill", "level", "target", "status", "evidence")
            for skill in area.skills:
                rating = summary.assessment.ratings.get(skill.id)
                level = "–" if rating is None or rating.level is None else str(rating.level)
                gap = gaps.get(skill.id)
                target = (
                    "–"
                    if gap is None
                    else (
                        str(gap.target_min)
                        if gap.target_min == gap.target_max
                        else f"{gap.target_min}–{gap.target_max}"
                    )
                )
                status = gap.status.value if gap else ("not reached" if rating is None else "no target")
                evidence = "yes" if rating is not None and rating.evidence.strip() else "–"
                table.add_row(
                    plain(skill.title, single_line=True), Text(level), Text(target), Text(status), Text(evidence)
                )
            yield table

    def action_close(self) -> None:
        self.dismiss(None)
