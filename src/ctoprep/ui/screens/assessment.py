"""Rating one skill at a time. Every change is saved the moment it is made; targets stay hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, ProgressBar, Static, TextArea

from ctoprep.core.models.assessment import Assessment, Confidence
from ctoprep.ui.screens.skill_rating import AFTER_BINDINGS, RATING_BINDINGS, SkillRatingScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.area_nav import AreaNav
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.level_picker import LevelPicker
from ctoprep.ui.widgets.skill_text import skill_description, skill_practice

if TYPE_CHECKING:
    pass

CONFIDENCE_CYCLE: list[Confidence | None] = [None, Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]


class AssessmentScreen(SkillRatingScreen):
    """Areas on the left; on the right the skill, every level's descriptor, evidence and confidence."""

    BINDINGS = [
        *RATING_BINDINGS,
        Binding("c", "cycle_confidence", "Conf."),
        *AFTER_BINDINGS,
        Binding("r", "results", "Results"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment
        self.completed = False
        """Whether the 'all done' notice has been given in this visit."""

    def compose(self) -> ComposeResult:
        framework = self.ctoapp.workspace.framework
        self.skills = list(framework.skills)
        with Horizontal(id="assess-body"):
            yield AreaNav(framework, id="area-nav")
            with Vertical(id="skill-pane"):
                yield Label(id="skill-where")
                yield Static(id="skill-title")
                with VerticalScroll(id="skill-scroll", can_focus=False):
                    yield Static(id="skill-description")
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
        self.index = self.start_position()
        self.show_skill()
        self.query_one(LevelPicker).focus()
        self.call_after_refresh(self.text_to_top)

    # display -------------------------------------------------------------------------------
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
            if rating.level is not None:
                state = f"rated {rating.level}"
            else:
                state = "not rated (skipped)" if rating.skipped else "no level yet: notes kept"
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
        done = sum(1 for s in self.skills if self.assessment.is_done(s.id))
        self.query_one(ProgressBar).update(progress=done)
        self.query_one(AreaNav).refresh_progress(self.assessment, self.skill.area_id)

    # changes (each saved at once) -------------------------------------------------------------

    def action_cycle_confidence(self) -> None:
        rating = self.assessment.ratings.get(self.skill.id)
        current = rating.confidence if rating else None
        following = CONFIDENCE_CYCLE[(CONFIDENCE_CYCLE.index(current) + 1) % len(CONFIDENCE_CYCLE)]
        self.assessment = self.ctoapp.workspace.set_confidence(self.assessment, self.skill.id, following)
        self.ctoapp.assessment_changed(self.assessment)
        self.show_confidence()
        self.refresh_progress()

    # moving --------------------------------------------------------------------------------

    def action_results(self) -> None:
        self.ctoapp.action_results()

    def changed(self) -> None:
        self.ctoapp.assessment_changed(self.assessment)
        self.maybe_finished()

    def at_last_skill(self) -> None:
        self.maybe_finished(always=True)

    def maybe_finished(self, *, always: bool = False) -> None:
        """Mark the assessment complete (and say so) when the last skill gets its rating."""
        if not all(self.assessment.is_done(s.id) for s in self.skills):
            return
        if always or not self.completed:
            self.completed = True
            self.ctoapp.workspace.complete(self.assessment.id)
            self.notify("All skills done. Press r to see your results and gaps.", title="Assessment complete")
