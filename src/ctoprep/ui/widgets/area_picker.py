"""Choosing skill areas for a drill: Enter or a click ticks an area; ``[x]`` / ``[ ]`` show the choice
in text, not only by color. None ticked means every area."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctoprep.core.models.framework import Area
from ctoprep.core.text import printable


class AreaPicker(OptionList):
    class Changed(Message):
        def __init__(self, chosen: tuple[str, ...]) -> None:
            self.chosen = chosen
            super().__init__()

    def __init__(
        self,
        areas: Sequence[Area],
        counts: dict[str, int] | None = None,
        *,
        chosen: Collection[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.areas = list(areas)
        self.counts = counts or {}
        self.chosen: list[str] = [a.id for a in self.areas if a.id in chosen]

    def on_mount(self) -> None:
        self.redraw()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.redraw()

    def prompt(self, area: Area) -> Text:
        text = Text("[x] " if area.id in self.chosen else "[ ] ", style="bold")
        text.append(printable(area.title, single_line=True))
        if area.id in self.counts:
            text.append(f"  {self.counts[area.id]} questions", style="dim")
        return text

    def redraw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(Option(self.prompt(a), id=a.id) for a in self.areas)
        self.highlighted = highlighted if highlighted is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        area_id = event.option.id
        if area_id is None:
            return
        if area_id in self.chosen:
            self.chosen.remove(area_id)
        else:
            self.chosen.append(area_id)
        order = [a.id for a in self.areas]
        self.chosen.sort(key=order.index)
        self.replace_option_prompt_at_index(event.option_index, self.prompt(self.areas[event.option_index]))
        self.post_message(self.Changed(tuple(self.chosen)))
