"""Rating one skill at a time. Every change is saved the moment it is made; targets stay hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static, TextArea

from ctoprep.core.models.assessment import Assessment, Confidence
from ctoprep.core.models.framework import Skill
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.area_nav import AreaNav
from ctoprep.ui.widgets.level_picker import LevelPicker
from ctoprep.ui.widgets.skill_text import skill_description, skill_practice

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp

CONFIDENCE_CYCLE: list[Confidence | None] = [None, Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]


class AssessmentScreen(Screen[None]):
    """Areas on the left; on the right the skill, every level's descriptor, evidence and confidence."""

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", f"Rate {n}", show=False) for n in range(10)),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "previous", "Prev"),
        Binding("s", "skip", "Not rated"),
        Binding("e", "edit_evidence", "Evidence"),
        Binding("c", "cycle_confidence", "Confidence"),
        Binding("j", "jump", "Jump to area"),
        Binding("u", "next_unrated", "Next unrated", show=False),
        Binding("r", "results", "Results"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment
        self.skills: list[Skill] = []
        self.index = 0

    @property
    def ctoapp(self) -> CtoprepApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        framework = self.ctoapp.workspace.framework
        self.skills = list(framework.skills)
        yield Header()
        with Horizontal(id="assess-body"):
            yield AreaNav(framework, id="area-nav")
            with Vertical(id="skill-pane"):
                yield Label(id="skill-where")
                yield Static(id="skill-title")
                yield Static(id="skill-description")
                with VerticalScroll(id="skill-scroll"):
                    yield LevelPicker(framework.scale, id="levels")
                    yield Static(id="skill-indicators")
                    yield Label(
                        "Evidence (what you have done and could show) — e to edit, Esc to leave:", id="evidence-label"
                    )
                    yield TextArea(id="evidence", soft_wrap=True, show_line_numbers=False)
                yield Label(id="confidence")
                yield ProgressBar(total=len(self.skills), show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        position = self.assessment.position
        ids = [s.id for s in self.skills]
        if position in ids:
            self.index = ids.index(position)
        else:
            self.index = next((i for i, s in enumerate(self.skills) if s.id not in self.assessment.ratings), 0)
        self.show_skill()
        self.query_one(LevelPicker).focus()

    # display -------------------------------------------------------------------------------
    @property
    def skill(self) -> Skill:
        return self.skills[self.index]

    def show_skill(self) -> None:
        framework = self.ctoapp.workspace.framework
        skill = self.skill
        area = framework.area_by_id[skill.area_id]
        rating = self.assessment.ratings.get(skill.id)
        self.query_one("#skill-where", Label).update(
            plain(f"{area.title} · skill {self.index + 1} of {len(self.skills)}", single_line=True)
        )
        title = plain(skill.title, "bold", single_line=True)
        if rating is not None:
            state = "not rated (skipped)" if rating.level is None else f"rated {rating.level}"
            title.append(f"   [{state}]", style="italic")
        self.query_one("#skill-title", Static).update(title)
        self.query_one("#skill-description", Static).update(skill_description(skill))
        self.query_one("#skill-indicators", Static).update(skill_practice(skill))
        self.query_one(LevelPicker).show(skill, rating.level if rating else None)
        evidence = self.query_one("#evidence", TextArea)
        with evidence.prevent(TextArea.Changed):
            evidence.load_text(rating.evidence if rating else "")
        self.show_confidence()
        self.refresh_progress()

    def show_confidence(self) -> None:
        rating = self.assessment.ratings.get(self.skill.id)
        confidence = rating.confidence.value if rating and rating.confidence else "not set"
        self.query_one("#confidence", Label).update(Text(f"Confidence in this rating: {confidence}  (c to change)"))

    def refresh_progress(self) -> None:
        done = sum(1 for s in self.skills if s.id in self.assessment.ratings)
        self.query_one(ProgressBar).update(progress=done)
        self.query_one(AreaNav).refresh_progress(self.assessment, self.skill.area_id)

    # changes (each saved at once) -------------------------------------------------------------
    def set_level(self, level: int | None) -> None:
        workspace = self.ctoapp.workspace
        self.assessment = workspace.rate(self.assessment, self.skill.id, level=level)
        self.ctoapp.assessment_changed(self.assessment)

    def action_rate(self, level: int) -> None:
        if level in self.ctoapp.workspace.framework.scale.values:
            self.rate_and_advance(level)

    def rate_and_advance(self, level: int) -> None:
        self.set_level(level)
        if self.index < len(self.skills) - 1:
            self.go(self.index + 1)
        else:
            self.show_skill()
        self.maybe_finished()

    @on(LevelPicker.Chosen)
    def level_chosen(self, event: LevelPicker.Chosen) -> None:
        self.rate_and_advance(event.level)

    def action_skip(self) -> None:
        self.set_level(None)
        self.action_next()

    @on(TextArea.Changed, "#evidence")
    def evidence_changed(self, event: TextArea.Changed) -> None:
        rating = self.assessment.ratings.get(self.skill.id)
        if (rating.evidence if rating else "") == event.text_area.text:
            return
        self.assessment = self.ctoapp.workspace.set_evidence(self.assessment, self.skill.id, event.text_area.text)
        self.ctoapp.assessment_changed(self.assessment)

    def action_cycle_confidence(self) -> None:
        rating = self.assessment.ratings.get(self.skill.id)
        current = rating.confidence if rating else None
        following = CONFIDENCE_CYCLE[(CONFIDENCE_CYCLE.index(current) + 1) % len(CONFIDENCE_CYCLE)]
        self.assessment = self.ctoapp.workspace.set_confidence(self.assessment, self.skill.id, following)
        self.ctoapp.assessment_changed(self.assessment)
        self.show_confidence()
        self.refresh_progress()

    # moving --------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.skills) - 1))
        self.assessment = self.ctoapp.workspace.move_to(self.assessment, self.skill.id)
        self.show_skill()
        self.query_one(LevelPicker).focus()

    def action_next(self) -> None:
        if self.index < len(self.skills) - 1:
            self.go(self.index + 1)
        else:
            self.maybe_finished()

    def action_previous(self) -> None:
        self.go(self.index - 1)

    def action_next_unrated(self) -> None:
        order = list(range(self.index + 1, len(self.skills))) + list(range(0, self.index))
        for i in order:
            if self.skills[i].id not in self.assessment.ratings:
                self.go(i)
                return
        self.notify("Every skill has a rating or is marked not rated.")

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

    def action_results(self) -> None:
        self.ctoapp.action_results()

    def maybe_finished(self) -> None:
        if all(s.id in self.assessment.ratings for s in self.skills):
            self.ctoapp.workspace.store.set_status(self.assessment.id, "complete")
            self.notify("All skills done. Press r to see your results and gaps.", title="Assessment complete")
