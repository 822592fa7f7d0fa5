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
            done = sum(1 for s in area.skills if s.id in assessment.ratings)
            total = len(area.skills)
            mark = "✓" if done == total else ("›" if area.id == current_area else " ")
            label = Text(f"{mark} ")
            label.append(printable(area.code or area.title[:2], single_line=True), style="bold")
            label.append(f" {done}/{total}")
            if not compact:
                label.append(" " + printable(area.title, single_line=True))
            self.add_option(Option(label, id=area.id))
        if highlighted is not None:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
