"""How a skill reads on screen: its description, and what it looks like in practice (shared by the
self-assessment and the mentor's blind rating, so both show a skill the same way)."""

from __future__ import annotations

from rich.text import Text

from ctoprep.core.models.framework import Skill
from ctoprep.ui.text import plain


def skill_description(skill: Skill) -> Text:
    return plain(skill.description)


def skill_practice(skill: Skill) -> Text:
    """Calibration aids (2 versus 3, a mentor's questions), indicators and evidence, as short lists."""
    text = Text()
    if skill.calibration:
        text.append("Level 2 or 3? ", style="bold")
        text.append_text(plain(skill.calibration))
        text.append("\n")
    if skill.mentor_questions:
        text.append("A mentor would ask:\n", style="bold")
        for question in skill.mentor_questions:
            text.append("? ")
            text.append_text(plain(question))
            text.append("\n")
    for heading, items in (
        ("What it looks like in practice:", skill.indicators),
        ("Evidence you could show:", skill.evidence),
    ):
        if items:
            text.append(heading + "\n", style="bold")
            for item in items:
                text.append("• ")
                text.append_text(plain(item))
                text.append("\n")
    return text
