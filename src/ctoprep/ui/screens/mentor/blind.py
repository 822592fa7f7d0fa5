"""Blind rating: the mentor rates every skill before the self-ratings are shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, ProgressBar, Static, TextArea

from ctoprep.ui.screens.mentor.common import desk
from ctoprep.ui.screens.mentor.reveal import RevealScreen
from ctoprep.ui.screens.skill_rating import AFTER_BINDINGS, RATING_BINDINGS, SkillRatingScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.area_nav import AreaNav
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.level_picker import LevelPicker
from ctoprep.ui.widgets.skill_text import skill_description, skill_practice

# blind rating ------------------------------------------------------------------------------------


class BlindRatingScreen(SkillRatingScreen):
    """Rate every skill of the mentee without their self-ratings; reveal (v) when done."""

    CSS_PATH = ["../rating.tcss", "mentor.tcss"]

    BINDINGS = [
        *RATING_BINDINGS,
        *AFTER_BINDINGS,
        Binding("v", "reveal", "Reveal"),
        Binding("escape", "leave", "Back", show=False),
    ]
    all_rated_message = "Every skill has your rating or is marked not rated. Press v to reveal."

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    @property
    def scale_values(self) -> tuple[int, ...]:
        return self.framework.scale.values  # the packet's framework, which need not be the one in use

    def compose(self) -> ComposeResult:
        desk_ = desk(self.ctoapp)
        self.session = desk_.session(self.session_id)
        self.framework = desk_.framework_of(self.session)
        self.assessment = desk_.mentor_assessment(self.session)
        self.skills = list(self.framework.skills)
        with Horizontal(id="assess-body"):
            yield AreaNav(self.framework, id="area-nav")
            with Vertical(id="skill-pane"):
                yield Static(id="blind-banner")
                yield Label(id="skill-where")
                yield Static(id="skill-title")
                with VerticalScroll(id="skill-scroll", can_focus=False):
                    yield Static(id="skill-description")
                    yield LevelPicker(self.framework.scale, id="levels")
                    yield Static(id="skill-indicators")
                    yield Label(
                        "What you have seen them do (your evidence) — e to edit, Esc to leave:", id="evidence-label"
                    )
                    yield TextArea(id="evidence", soft_wrap=True, show_line_numbers=False)
                yield ProgressBar(total=len(self.skills), show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        banner = Text("Blind rating of ", style="bold")
        banner.append_text(plain(self.session.person or "your mentee", "bold", single_line=True))
        banner.append(": their self-ratings stay hidden until you reveal them (v). Rate what you have seen.")
        note = self.session.packet.payload.note
        if note.strip():
            banner.append("\nTheir note: ", style="italic")
            banner.append_text(plain(note, single_line=True))
        self.query_one("#blind-banner", Static).update(banner)
        self.index = self.start_position()
        self.show_skill()
        self.query_one(LevelPicker).focus()

    def show_skill(self) -> None:
        skill = self.skill
        area = self.framework.area_by_id[skill.area_id]
        rating = self.assessment.ratings.get(skill.id)
        self.query_one("#skill-where", Label).update(
            plain(f"{area.title} · skill {self.index + 1} of {len(self.skills)}", single_line=True)
        )
        title = plain(skill.title, "bold", single_line=True)
        if rating is not None:
            if rating.level is not None:
                title.append(f"   [you rated {rating.level}]", style="italic")
            elif rating.skipped:
                title.append("   [not rated]", style="italic")
        self.query_one("#skill-title", Static).update(title)
        self.query_one("#skill-description", Static).update(skill_description(skill))
        self.query_one("#skill-indicators", Static).update(skill_practice(skill))
        self.query_one(LevelPicker).show(skill, rating.level if rating else None)
        evidence = self.query_one("#evidence", TextArea)
        with evidence.prevent(TextArea.Changed):
            evidence.load_text(rating.evidence if rating else "")
        done = sum(1 for s in self.skills if self.assessment.is_done(s.id))
        self.query_one(ProgressBar).update(progress=done)
        self.query_one(AreaNav).refresh_progress(self.assessment, skill.area_id)

    def at_last_skill(self) -> None:
        self.notify("That was the last skill. Press v to reveal the self-ratings side by side.")

    def action_reveal(self) -> None:
        unrated = sum(1 for s in self.skills if not self.assessment.is_done(s.id))
        rated = sum(1 for r in self.assessment.ratings.values() if r.level is not None)
        if rated == 0:
            self.notify("Rate at least one skill before revealing.", severity="warning")
            return
        if unrated == 0:
            self.reveal()
            return
        from ctoprep.ui.modals.choose import ChooseModal

        def chosen(choice: str | None) -> None:
            if choice == "reveal":
                self.reveal()

        self.app.push_screen(
            ChooseModal(
                "Reveal the self-ratings?",
                [
                    ("back", "Keep rating blind", f"{unrated} skill(s) have no rating from you yet"),
                    ("reveal", "Reveal now", "Your blind ratings become final; unrated skills stay unrated"),
                ],
                None,
            ),
            chosen,
        )

    def reveal(self) -> None:
        desk(self.ctoapp).reveal(self.session)
        self.app.switch_screen(RevealScreen(self.session_id))
