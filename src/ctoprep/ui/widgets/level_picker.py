"""Choosing a level on the framework's scale: keys 0-9, arrows + Enter, or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctoprep.core.models.framework import Scale, Skill
from ctoprep.core.text import printable


class LevelPicker(OptionList):
    """One option per scale level, each with the skill's own descriptor when it has one."""

    class Chosen(Message):
        def __init__(self, picker: LevelPicker, level: int) -> None:
            self.picker = picker
            self.level = level
            super().__init__()

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.chosen: int | None = None
        self.skill: Skill | None = None

    def show(self, skill: Skill, chosen: int | None) -> None:
        """Show the levels for ``skill`` with ``chosen`` marked (by a symbol, not only color)."""
        self.skill = skill
        self.chosen = chosen
        self.clear_options()
        descriptors = skill.level_descriptors or tuple(level.descriptor for level in self.scale.levels)
        for level, descriptor in zip(self.scale.levels, descriptors, strict=False):
            mark = "●" if level.value == chosen else "○"
            prompt = Text()
            prompt.append(f"{mark} {level.value} ", style="bold")
            prompt.append(printable(level.label, single_line=True), style="bold")
            prompt.append("\n")
            prompt.append(printable(descriptor))
            self.add_option(Option(prompt, id=f"level-{level.value}"))
        index = next((i for i, lv in enumerate(self.scale.levels) if lv.value == chosen), 0)
        self.highlighted = index

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the highlighted level in view in the scrolling pane around the picker (it has no scroll of its own)."""
        super().scroll_to_highlight(top)
        from textual.containers import ScrollableContainer
        from textual.geometry import Region

        parent = self.parent
        highlighted = self.highlighted
        if highlighted is None or not isinstance(parent, ScrollableContainer) or not self.is_mounted:
            return
        lines: dict[int, int] = getattr(self, "_index_to_line", {})
        heights: dict[int, int] = getattr(self, "_heights", {})
        if highlighted not in lines:
            return
        y = self.virtual_region.y + self.styles.margin.top + lines[highlighted]
        parent.scroll_to_region(
            Region(0, y, parent.size.width, heights.get(highlighted, 1) + 1), animate=False, immediate=True
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, int(event.option.id.removeprefix("level-"))))
