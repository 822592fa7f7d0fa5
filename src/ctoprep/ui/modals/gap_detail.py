"""One gap explained: what its priority is made of, what the target level looks like, and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ctoprep.ui.text import plain

if TYPE_CHECKING:
    from ctoprep.core.gaps import SkillGap
    from ctoprep.core.models.framework import Framework


def gap_text(framework: Framework, gap: SkillGap) -> Text:
    skill = framework.skill_by_id[gap.skill_id]
    text = Text()
    text.append("Why it ranks here\n", style="bold")
    text.append_text(plain(gap.reason))
    text.append("\n")
    text.append_text(plain(gap.priority_text))
    text.append(
        "\nA level is worth 100 divided by the scale's steps, times how much the profile weighs the skill "
        "(importance) and how much the exam weighs its area; gaps are ranked by the total.\n",
        style="dim",
    )
    descriptors = skill.level_descriptors or tuple(level.descriptor for level in framework.scale.levels)
    values = framework.scale.values
    if gap.target_min in values:
        index = values.index(gap.target_min)
        if index < len(descriptors):
            text.append(f"\nWhat level {gap.target_min} looks like\n", style="bold")
            text.append_text(plain(descriptors[index]))
            text.append("\n")
    if skill.calibration:
        text.append("\nLevel 2 or 3?\n", style="bold")
        text.append_text(plain(skill.calibration))
        text.append("\n")
    from ctoprep.core.planning import activities_for_skill

    activities = activities_for_skill(framework, skill.id)
    text.append("\nWhat to do about it\n", style="bold")
    if not activities:
        text.append("No activity in the catalog builds this skill; ask a mentor, or add one to the catalog.\n")
    for strength, activity in activities:
        cost = "free" if activity.cost_usd == 0 else f"${activity.cost_usd:,}"
        text.append("• ")
        text.append_text(plain(activity.title, "bold", single_line=True))
        text.append(f" ({cost}, {activity.hours:g} h; builds it {['', 'a little', 'well', 'strongly'][strength]})\n")
        if activity.produces:
            text.append("  you will have: ", style="italic")
            text.append_text(plain(activity.produces))
            text.append("\n")
    text.append("\nThe plan (l) picks activities like these within your budget and hours.", style="dim")
    return text


class GapDetailModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, framework: Framework, gap: SkillGap) -> None:
        super().__init__()
        self.framework = framework
        self.gap = gap

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label(plain(self.gap.title, "bold", single_line=True), classes="dialog-title")
            yield Static(gap_text(self.framework, self.gap))
            yield Label(Text("Esc or Enter closes · PageDown scrolls", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
