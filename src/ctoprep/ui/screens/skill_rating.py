"""What rating skills one at a time has in common, for oneself or (blind) for a mentee:
keys 0-9, not rated, next/previous/next unrated, jump to an area, evidence that saves as it is typed.

Subclasses compose the layout (with a LevelPicker, an AreaNav and a TextArea ``#evidence``), set
``skills`` and ``assessment``, and show the current skill in :meth:`show_skill`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.widgets import TextArea

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Skill
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.widgets.area_nav import AreaNav
from ctoprep.ui.widgets.level_picker import LevelPicker

if TYPE_CHECKING:
    from textual._path import CSSPathType


RATING_BINDINGS = [
    *(Binding(str(n), f"rate({n})", f"Rate {n}", show=False) for n in range(10)),
    Binding("n,right", "next", "Next"),
    Binding("p,left", "previous", "Prev", show=False),
    Binding("s", "skip", "Skip"),
    Binding("e", "edit_evidence", "Evidence"),
    # the skill's text scrolls by keyboard even while the level list has the focus
    Binding("pagedown", "scroll_text(1)", "Scroll", show=False, priority=True),
    Binding("pageup", "scroll_text(-1)", "Scroll up", show=False, priority=True),
]
AFTER_BINDINGS = [
    Binding("j", "jump", "Area"),
    Binding("u", "next_unrated", "Next unrated", show=False),
]


class SkillRatingScreen(CtoprepScreen):
    CSS_PATH: ClassVar[CSSPathType | None] = "rating.tcss"
    all_rated_message = "Every skill has a rating or is marked not rated."

    def __init__(self) -> None:
        super().__init__()
        self.skills: list[Skill] = []
        self.index = 0
        self.assessment: Assessment

    @property
    def skill(self) -> Skill:
        return self.skills[self.index]

    @property
    def scale_values(self) -> tuple[int, ...]:
        return self.ctoapp.workspace.framework.scale.values

    def action_scroll_text(self, direction: int) -> None:
        """PageDown/PageUp: the skill's descriptors, calibration aids, indicators and evidence."""
        from textual.containers import VerticalScroll

        found = self.query("#skill-scroll")
        if found:
            scroller = found.first(VerticalScroll)
            if direction > 0:
                scroller.scroll_page_down()
            else:
                scroller.scroll_page_up()

    # hooks -----------------------------------------------------------------------------------
    def show_skill(self) -> None:
        raise NotImplementedError

    def changed(self) -> None:
        """Called after every saved change to ``assessment``."""

    def at_last_skill(self) -> None:
        """Called when 'next' is asked for on the last skill."""

    def start_position(self) -> int:
        """Where to start: the saved position, else the first skill not yet rated."""
        ids = [s.id for s in self.skills]
        if self.assessment.position in ids:
            return ids.index(self.assessment.position)
        return next((i for i, s in enumerate(self.skills) if not self.assessment.is_done(s.id)), 0)

    # rating (each change is saved before the next key is read) ---------------------------------
    def set_level(self, level: int | None) -> None:
        self.assessment = self.ctoapp.workspace.rate(self.assessment, self.skill.id, level=level)
        self.changed()

    def action_rate(self, level: int) -> None:
        if level in self.scale_values:
            self.rate_and_advance(level)

    @on(LevelPicker.Chosen)
    def level_chosen(self, event: LevelPicker.Chosen) -> None:
        self.rate_and_advance(event.level)

    def rate_and_advance(self, level: int) -> None:
        """Save the rating and the next position in one commit, then show the next skill."""
        last = self.index >= len(self.skills) - 1
        following = self.skill.id if last else self.skills[self.index + 1].id
        self.assessment = self.ctoapp.workspace.rate(self.assessment, self.skill.id, level=level, then=following)
        self.changed()
        if last:
            self.show_skill()
            self.at_last_skill()
        else:
            self.go(self.index + 1, save=False)

    def action_skip(self) -> None:
        self.set_level(None)
        self.action_next()

    @on(TextArea.Changed, "#evidence")
    def evidence_changed(self, event: TextArea.Changed) -> None:
        rating = self.assessment.ratings.get(self.skill.id)
        if (rating.evidence if rating else "") == event.text_area.text:
            return
        self.assessment = self.ctoapp.workspace.set_evidence(self.assessment, self.skill.id, event.text_area.text)
        self.changed()

    # moving --------------------------------------------------------------------------------
    def go(self, index: int, *, save: bool = True) -> None:
        self.index = max(0, min(index, len(self.skills) - 1))
        if save:
            self.assessment = self.ctoapp.workspace.move_to(self.assessment, self.skill.id)
        self.show_skill()
        self.query_one(LevelPicker).focus()
        self.call_after_refresh(self.text_to_top)

    def text_to_top(self) -> None:
        """A new skill is read from its description down, not from wherever the last one was scrolled to."""
        from textual.containers import VerticalScroll

        found = self.query("#skill-scroll")
        if found:
            found.first(VerticalScroll).scroll_home(animate=False, immediate=True)

    def action_next(self) -> None:
        if self.index < len(self.skills) - 1:
            self.go(self.index + 1)
        else:
            self.at_last_skill()

    def action_previous(self) -> None:
        self.go(self.index - 1)

    def action_next_unrated(self) -> None:
        order = list(range(self.index + 1, len(self.skills))) + list(range(0, self.index))
        for i in order:
            if not self.assessment.is_done(self.skills[i].id):
                self.go(i)
                return
        self.notify(self.all_rated_message)

    def action_edit_evidence(self) -> None:
        self.query_one("#evidence", TextArea).focus()

    def action_jump(self) -> None:
        self.query_one(AreaNav).focus()

    @on(AreaNav.Jump)
    def jump_to_area(self, event: AreaNav.Jump) -> None:
        for i, skill in enumerate(self.skills):
            if skill.area_id == event.area_id:
                self.go(i)
                return

    def action_leave(self) -> None:
        if isinstance(self.focused, TextArea):
            self.query_one(LevelPicker).focus()
        else:
            self.app.pop_screen()
