"""The sidebar of skill areas with rating progress, for jumping around an assessment."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.text import printable


class AreaNav(OptionList):
    class Jump(Message):
        def __init__(self, area_id: str) -> None:
            self.area_id = area_id
            super().__init__()

    def __init__(self, framework: Framework, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.framework = framework

    def refresh_progress(self, assessment: Assessment, current_area: str | None) -> None:
        highlighted = self.highlighted
        compact = self.app.size.width < 100  # narrow terminals: codes and counts only
        self.clear_options()
        for area in self.framework.areas:
            rated = sum(1 for s in area.skills if assessment.level_of(s.id) is not None)
            skipped = sum(1 for s in area.skills if assessment.is_done(s.id) and assessment.level_of(s.id) is None)
            total = len(area.skills)
            # ✓ only when every skill has a level: deliberate skips stay visible as "–"
            mark = (
                "✓"
                if rated == total
                else ("–" if rated + skipped == total else ("›" if area.id == current_area else " "))
            )
            label = Text(f"{mark} ")
            label.append(printable(area.code or area.title[:2], single_line=True), style="bold")
            label.append(f" {rated}/{total}")
            if skipped and not compact:
                label.append(f" ({skipped} not rated)", style="dim")
            if not compact:
                label.append(" " + printable(area.title, single_line=True))
            self.add_option(Option(label, id=area.id))
        if highlighted is not None:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
