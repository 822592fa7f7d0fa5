"""Mentor review in the app: blind rating, then self and mentor side by side, comments, targets, plan, send.

The mentor rates every skill without seeing the mentee's self-ratings (``BlindRatingScreen``); the
ratings are saved as they are given, as an assessment with rater role ``mentor`` for the mentee.
Revealing (``v``) makes the blind ratings final and shows both side by side (``RevealScreen``), where
the mentor comments per skill and adjusts targets; ``AgreeScreen`` builds the agreed plan and writes
the review file. The mentee opens a received review in the same side-by-side view, read-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, ProgressBar, Static, Switch, TextArea

from ctoprep.core.assessment_io import map_to_framework
from ctoprep.core.comparison import Comparison, PairKind, SkillPair, compare
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.packets import (
    MentorReview,
    PlanSummary,
    PracticeResult,
    ProfileAdjustment,
    TargetOverride,
    agreed_profile,
)
from ctoprep.core.problems import ContentError
from ctoprep.core.text import plural
from ctoprep.services import mentor_sessions as mentor_store
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.screens.skill_rating import AFTER_BINDINGS, RATING_BINDINGS, SkillRatingScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.area_nav import AreaNav
from ctoprep.ui.widgets.level_picker import LevelPicker
from ctoprep.ui.widgets.skill_text import skill_description, skill_practice

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp

KIND_MARK = {
    PairKind.AGREE: "= agree",
    PairKind.BLIND_SPOT: "▲ blind spot",
    PairKind.HIDDEN_STRENGTH: "▼ hidden strength",
    PairKind.SELF_ONLY: "· self only",
    PairKind.MENTOR_ONLY: "· mentor only",
    PairKind.NEITHER: "  not rated",
}
FILTERS: list[tuple[str, frozenset[PairKind] | None]] = [
    ("every skill", None),
    ("blind spots", frozenset({PairKind.BLIND_SPOT})),
    ("hidden strengths", frozenset({PairKind.HIDDEN_STRENGTH})),
    ("disagreements", frozenset({PairKind.BLIND_SPOT, PairKind.HIDDEN_STRENGTH})),
]


def notify_problems(screen: Screen[Any], exc: ContentError, title: str) -> None:
    """Show a file's problems as a notification, as text (never markup)."""
    message = "\n".join(p.format() for p in exc.problems[:5]) or "the file cannot be used"
    screen.notify(plain(message).plain, title=title, severity="error", markup=False, timeout=12)


def open_session_screen(app: CtoprepApp, session_id: str) -> None:
    """Push the screen a session is at: blind rating until revealed, then side by side."""
    session = mentor_store.load_session(app.workspace.store, session_id)
    app.push_screen(RevealScreen(session_id) if session.revealed else BlindRatingScreen(session_id))


def export_path(folder: Path, stem: str, suffix: str) -> Path:
    """A new file in the private exports folder that does not overwrite one already there."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "mentee"


# the mentor menu ---------------------------------------------------------------------------------


class MentorScreen(CtoprepScreen):
    """Reviews you are giving and reviews you received; open a packet, import a review, export yours."""

    CSS_PATH = "mentor.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "open_packet", "Open"),
        Binding("i", "import_review", "Import"),
        Binding("e", "export_packet", "Export"),
        Binding("c", "app.cohort", "Cohort"),
        Binding("enter", "open_selected", "Open", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="mentor-body"):
            yield Static(id="mentor-intro")
            yield Label("Reviews you are giving (Enter to continue one)", classes="section-title")
            yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
            yield Label("Reviews you received (Enter to see one)", classes="section-title")
            yield DataTable(id="received-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.ctoapp.workspace.store
        intro = Text("Mentor review, offline\n", style="bold")
        intro.append(
            "As a mentee: press e to export a review packet for your mentor, i to import the review they send back.\n"
            "As a mentor: press o to open a packet; you rate every skill blind before the self-ratings are shown.\n"
            "Press c for a cohort view of many packets."
        )
        self.query_one("#mentor-intro", Static).update(intro)
        sessions = self.query_one("#session-table", DataTable)
        sessions.clear(columns=True)
        sessions.add_columns("mentee", "rated", "stage", "updated", "id")
        for s in mentor_store.sessions(store):
            stage = "sent" if s.sent else ("revealed" if s.revealed else "blind rating")
            sessions.add_row(
                plain(s.person or "unnamed", single_line=True),
                Text(str(s.rated)),
                Text(stage),
                Text(s.updated_at.strftime("%Y-%m-%d")),
                Text(s.id[:8]),
                key=s.id,
            )
        received = self.query_one("#received-table", DataTable)
        received.clear(columns=True)
        received.add_columns("imported", "mentor", "comments", "plan", "id")
        for rid, when, review in mentor_store.received_reviews(store):
            received.add_row(
                Text(when.strftime("%Y-%m-%d")),
                plain(review.payload.mentor or "-", single_line=True),
                Text(str(len(review.payload.comments))),
                Text(f"{len(review.payload.plan.activities)} activities" if review.payload.plan else "-"),
                Text(rid[:8]),
                key=rid,
            )

    def action_open_selected(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable) or focused.row_count == 0:
            return
        key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
        if key is None:
            return
        if focused.id == "session-table":
            open_session_screen(self.ctoapp, key)
        else:
            for rid, _, review in mentor_store.received_reviews(self.ctoapp.workspace.store):
                if rid == key:
                    self.app.push_screen(RevealScreen(review=review))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_selected()

    def action_open_packet(self) -> None:
        from ctoprep.ui.modals.path_input import PathInputModal

        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.open_packet(paths[0])

        self.app.push_screen(PathInputModal("Open a review packet", "The .json file your mentee sent you:"), chosen)

    def open_packet(self, path: Path) -> None:
        from ctoprep.core.packets import fit_packet, read_packet
        from ctoprep.core.problems import display_path
        from ctoprep.services.mentoring import mentor_name, open_packet

        workspace = self.ctoapp.workspace
        try:
            packet = read_packet(path)
            framework = workspace.library.framework(packet.payload.framework.id)
            fitted = fit_packet(packet, framework, display_path(path))
        except ContentError as exc:
            notify_problems(self, exc, "This packet cannot be opened")
            return
        for warning in fitted.warnings:
            self.notify(plain(warning.message).plain, severity="warning", markup=False, timeout=10)
        name = mentor_name(workspace.store)
        try:
            opened = open_packet(workspace.store, packet, framework, name)
        except ContentError as exc:
            notify_problems(self, exc, "This packet cannot be opened")
            return
        if opened.same_name:
            self.notify(opened.clash_text(plain(packet.person).plain), severity="warning", markup=False, timeout=15)
        open_session_screen(self.ctoapp, opened.session.id)

    def action_import_review(self) -> None:
        from ctoprep.ui.modals.path_input import PathInputModal

        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.import_review(paths[0])

        self.app.push_screen(PathInputModal("Import a review", "The review .json file your mentor sent:"), chosen)

    def import_review(self, path: Path) -> None:
        from ctoprep.core.packets import read_review
        from ctoprep.core.problems import display_path

        workspace = self.ctoapp.workspace
        try:
            review = read_review(path)
            framework = workspace.library.framework(review.payload.framework.id)
            imported = mentor_store.import_review(workspace.store, review, framework, display_path(path))
        except ContentError as exc:
            notify_problems(self, exc, "This review cannot be imported")
            return
        message = f"Imported the review by {review.payload.mentor or 'your mentor'}."
        if review.payload.profile is not None and review.payload.profile.targets:
            message += " Its agreed targets are now a target profile: press t on the home screen to use them."
        self.notify(plain(message).plain, title="Review imported", markup=False)
        self.refresh_data()
        self.app.push_screen(RevealScreen(review=imported.review))

    def action_export_packet(self) -> None:
        from ctoprep.core.atomic import write_text_atomic
        from ctoprep.core.packets import packet_to_json
        from ctoprep.services.mentoring import export_packet

        app = self.ctoapp
        workspace = app.workspace
        try:
            exported = export_packet(
                workspace.store,
                workspace.library,
                assessment_id=app.assessment.id if app.assessment is not None else None,
                today=app.today(),
            )
        except ContentError as exc:
            notify_problems(self, exc, "No packet written")
            return
        path = export_path(workspace.library.home / "exports", f"packet-{app.today():%Y-%m-%d}", ".json")
        write_text_atomic(path, packet_to_json(exported.packet), overwrite=False)
        mentor_store.record_packet_sent(workspace.store, exported.person_id, exported.packet)
        self.notify(f"Saved {path}: send this file to your mentor.", title="Packet exported", markup=False)


# blind rating ------------------------------------------------------------------------------------


class BlindRatingScreen(SkillRatingScreen):
    """Rate every skill of the mentee without their self-ratings; reveal (v) when done."""

    CSS_PATH = ["rating.tcss", "mentor.tcss"]

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
        workspace = self.ctoapp.workspace
        self.session = mentor_store.load_session(workspace.store, self.session_id)
        self.framework = workspace.library.framework(self.session.packet.payload.framework.id)
        self.assessment = workspace.store.load_assessment(self.session.mentor_assessment_id)
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
        store = self.ctoapp.workspace.store
        mentor_store.reveal(store, self.session_id)
        store.set_status(self.assessment.id, AssessmentStatus.COMPLETE)
        self.app.switch_screen(RevealScreen(self.session_id))


# side by side ------------------------------------------------------------------------------------


def plan_text(title: str, plan: PlanSummary) -> Text:
    text = Text(f"\n{title}", style="bold")
    text.append(
        f"  ${plan.total_cost:,} · {plan.total_hours:g} h over {plural(plan.limits.months, 'month')}, "
        f"gaps measured on the {plan.basis} ratings\n"
    )
    for item in plan.activities:
        text.append(f"  month {item.start_month + 1}: ")
        text.append_text(plain(item.title, single_line=True))
        text.append("\n")
    if not plan.activities:
        text.append("  no activity\n")
    return text


def practice_text(results: tuple[PracticeResult, ...], framework: Framework, last: int = 3) -> Text:
    """The mentee's latest practice results, with their weakest areas: evidence beside the ratings."""
    text = Text(f"\nPractice results ({len(results)})\n", style="bold")
    for r in results[-last:]:
        share = f"{r.correct / r.total * 100:.0f}%" if r.total else "–"
        text.append(f"  {r.finished_at:%Y-%m-%d} ")
        text.append_text(plain(r.mode, single_line=True))
        text.append(f": {r.correct} of {r.total} ({share})")
        if r.scaled is not None:
            text.append(f", estimated {r.scaled}")
        text.append("\n")
        weakest = sorted((a for a in r.areas if a.total), key=lambda a: a.correct / a.total)[:2]
        for a in weakest:
            area = framework.area_by_id.get(a.area)
            text.append("    weakest: ")
            text.append_text(plain(area.title if area else a.area, single_line=True))
            text.append(f" {a.correct}/{a.total}\n")
    return text


@dataclass
class ReviewData:
    """What the side-by-side view shows, from a session (mentor) or a received review (mentee)."""

    framework: Framework
    person: str
    mentor: str
    self_assessment: Assessment
    mentor_assessment: Assessment
    comments: dict[str, str]
    adjustment: ProfileAdjustment
    plan: PlanSummary | None
    summary: str
    read_only: bool
    practice: tuple[PracticeResult, ...] = ()
    """The mentee's practice results, as their packet carried them."""
    own_plan: PlanSummary | None = None
    """The plan the mentee made themselves, as their packet carried it."""


class RevealScreen(CtoprepScreen):
    """Self and mentor levels per skill, blind spots and hidden strengths, agreement, comments, targets."""

    CSS_PATH = "mentor.tcss"

    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("f", "filter", "Filter"),
        Binding("g", "toggle_areas", "Areas/skills", show=False),
        Binding("left_square_bracket", "target(-1)", "Target −", show=False),
        Binding("right_square_bracket", "target(1)", "Target +", show=False),
        Binding("t", "base_profile", "Profile", show=False),
        Binding("c", "comment", "Comment"),
        Binding("l", "agree", "Plan & send"),
    ]

    def __init__(self, session_id: str | None = None, *, review: MentorReview | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self.review = review
        self.filter_index = 0
        self.showing_areas = False
        self.selected: str | None = None

    def load(self) -> ReviewData:
        workspace = self.ctoapp.workspace
        if self.review is not None:
            p = self.review.payload
            framework = workspace.library.framework(p.framework.id)
            return ReviewData(
                framework,
                p.mentee,
                p.mentor,
                map_to_framework(p.self_assessment, framework).assessment,
                map_to_framework(p.mentor_assessment, framework).assessment,
                dict(p.comments),
                p.profile or ProfileAdjustment(),
                p.plan,
                p.summary,
                read_only=True,
            )
        assert self.session_id is not None
        session = mentor_store.load_session(workspace.store, self.session_id)
        framework = workspace.library.framework(session.packet.payload.framework.id)
        return ReviewData(
            framework,
            session.person,
            session.mentor_name,
            map_to_framework(session.packet.current, framework).assessment,
            workspace.store.load_assessment(session.mentor_assessment_id),
            dict(session.comments),
            session.profile,
            session.plan,
            session.summary,
            read_only=False,
            practice=session.packet.payload.practice,
            own_plan=session.packet.payload.plan,
        )

    def compose(self) -> ComposeResult:
        self.data = self.load()
        with Vertical(id="reveal-body"):
            yield Static(id="reveal-heading")
            with Horizontal(id="reveal-panes"):
                with Vertical(id="reveal-left"):
                    yield Label(id="reveal-filter")
                    yield DataTable(id="pair-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="reveal-detail"):
                    yield Static(id="pair-detail")
                    yield Label(
                        "The mentor's comment" + ("" if self.data.read_only else " (c to edit; saved as you type):"),
                        id="comment-label",
                    )
                    yield TextArea(id="comment", soft_wrap=True, show_line_numbers=False, read_only=self.data.read_only)
                    yield Static(id="reveal-plan")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#pair-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.data = self.load()
        self.refresh_data()

    # data ----------------------------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison:
        return self._comparison

    def agreed(self) -> Profile | None:
        fw = self.data.framework
        if not fw.profiles:
            return None
        fallback = self.ctoapp.workspace.profile if fw.id == self.ctoapp.workspace.framework.id else None
        return agreed_profile(fw, self.data.adjustment, fallback)

    def refresh_data(self) -> None:
        d = self.data
        self._comparison = compare(d.framework, d.self_assessment, d.mentor_assessment)
        self.show_heading()
        self.show_table()
        self.show_plan()

    def show_heading(self) -> None:
        d, ag = self.data, self.comparison.agreement
        text = plain(d.person or "Unnamed", "bold", single_line=True)
        text.append(" — self-ratings beside ")
        text.append_text(plain(d.mentor or "the mentor", "bold", single_line=True))
        text.append("'s blind ratings\n")
        head, _, rest = ag.reading.partition(". ")
        text.append_text(plain(head + ".", "bold"))
        if rest:
            text.append(" ")
            text.append_text(plain(rest))
        if d.summary.strip():
            text.append("\nSummary: ", style="bold")
            text.append_text(plain(d.summary, single_line=True))
        self.query_one("#reveal-heading", Static).update(text)

    def show_table(self) -> None:
        table = self.query_one("#pair-table", DataTable)
        table.clear(columns=True)
        label = self.query_one("#reveal-filter", Label)
        if self.showing_areas:
            label.update(Text("Skill areas: means over the skills both rated (g for skills)"))
            table.add_columns("area", "both", "self", "mentor", "self − mentor", "▲", "▼")
            for a in self.comparison.areas:
                diff = "–" if a.mean_difference is None else f"{a.mean_difference:+.1f}"
                table.add_row(
                    plain(a.title, single_line=True),
                    Text(f"{a.both_rated}/{a.total}"),
                    Text("–" if a.self_mean is None else f"{a.self_mean:.1f}"),
                    Text("–" if a.mentor_mean is None else f"{a.mentor_mean:.1f}"),
                    Text(diff),
                    Text(str(a.blind_spots)),
                    Text(str(a.hidden_strengths)),
                    key=a.area_id,
                )
            return
        name, kinds = FILTERS[self.filter_index]
        label.update(Text(f"{name.capitalize()} (f filter, g areas) · ▲ self above mentor · ▼ self below"))
        agreed = self.agreed()
        table.add_columns("skill", "area", "self", "mentor", "", "target", "✎")
        pairs = [p for p in self.comparison.skills if kinds is None or p.kind in kinds]
        for p in pairs:
            target = agreed.skill_targets.get(p.skill_id) if agreed else None
            area = self.data.framework.area_by_id[p.area_id]
            table.add_row(
                plain(p.title, single_line=True),
                plain(area.code or area.title[:12], single_line=True),
                Text("–" if p.self_level is None else str(p.self_level)),
                Text("–" if p.mentor_level is None else str(p.mentor_level)),
                Text(KIND_MARK[p.kind], style="bold" if p.kind is PairKind.BLIND_SPOT else ""),
                Text(
                    ""
                    if target is None
                    else (str(target.min) if target.min == target.max else f"{target.min}–{target.max}")
                ),
                Text("✎" if self.data.comments.get(p.skill_id, "").strip() else ""),
                key=p.skill_id,
            )
        ids = [p.skill_id for p in pairs]
        if self.selected in ids:
            table.move_cursor(row=ids.index(self.selected))
        elif ids:
            self.show_pair(ids[0])
        else:
            self.query_one("#pair-detail", Static).update(Text(f"No {name}."))

    def show_pair(self, skill_id: str) -> None:
        self.selected = skill_id
        p: SkillPair = self.comparison.skill_by_id[skill_id]
        scale = self.data.framework.scale
        text = plain(p.title, "bold", single_line=True)
        text.append("\n")
        text.append_text(plain(p.area_title, "italic", single_line=True))
        text.append(f"\n\n{KIND_MARK[p.kind].strip()}\n", style="bold")
        for who, level, evidence, confidence in (
            ("Self", p.self_level, p.self_evidence, p.self_confidence),
            ("Mentor", p.mentor_level, p.mentor_evidence, p.mentor_confidence),
        ):
            text.append(f"{who}: ", style="bold")
            text.append_text(plain(f"{'–' if level is None else level} {scale.label(level)}", single_line=True))
            if confidence is not None:
                text.append(f" (confidence {confidence.value})", style="dim")
            text.append("\n")
            if evidence.strip():
                text.append("  evidence: ", style="italic")
                text.append_text(plain(evidence))
                text.append("\n")
        agreed = self.agreed()
        target = agreed.skill_targets.get(skill_id) if agreed else None
        if target is not None:
            shown = str(target.min) if target.min == target.max else f"{target.min}–{target.max}"
            text.append(f"Agreed target: {shown}", style="bold")
            if not self.data.read_only:
                text.append("  ([ and ] to change)", style="dim")
        self.query_one("#pair-detail", Static).update(text)
        comment = self.query_one("#comment", TextArea)
        with comment.prevent(TextArea.Changed):
            comment.load_text(self.data.comments.get(skill_id, ""))

    def show_plan(self) -> None:
        d = self.data
        text = Text()
        if d.plan is not None:
            text.append_text(plan_text("Agreed plan", d.plan))
        elif not d.read_only:
            text.append("\nNo plan agreed yet: press l to build one and send the review.\n", style="dim")
        if d.own_plan is not None:
            text.append_text(plan_text("The mentee's own plan", d.own_plan))
        if d.practice:
            text.append_text(practice_text(d.practice, d.framework))
        self.query_one("#reveal-plan", Static).update(text)

    # events --------------------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "pair-table" and not self.showing_areas and event.row_key.value:
            self.show_pair(event.row_key.value)

    @on(TextArea.Changed, "#comment")
    def comment_changed(self, event: TextArea.Changed) -> None:
        if self.data.read_only or self.selected is None or self.session_id is None:
            return
        text = event.text_area.text
        if self.data.comments.get(self.selected, "") == text:
            return
        mentor_store.set_comment(self.ctoapp.workspace.store, self.session_id, self.selected, text)
        self.data.comments[self.selected] = text

    def action_comment(self) -> None:
        if self.data.read_only:
            self.notify("This review is read-only.")
            return
        self.query_one("#comment", TextArea).focus()

    def action_leave(self) -> None:
        if isinstance(self.focused, TextArea):
            self.show_table()  # the ✎ marks catch up with what was typed
            self.query_one("#pair-table", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_filter(self) -> None:
        self.showing_areas = False
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.show_table()

    def action_toggle_areas(self) -> None:
        self.showing_areas = not self.showing_areas
        self.show_table()

    def action_target(self, step: int) -> None:
        if self.data.read_only or self.session_id is None or self.selected is None or self.showing_areas:
            return
        agreed = self.agreed()
        if agreed is None:
            self.notify("This framework has no target profiles.", severity="warning")
            return
        values = list(self.data.framework.scale.values)
        current = agreed.skill_targets.get(self.selected)
        pair = self.comparison.skill_by_id[self.selected]
        if current is None:
            start = pair.mentor_level if pair.mentor_level is not None else values[len(values) // 2]
            lo = hi = values.index(start)
        else:
            lo, hi = values.index(current.min), values.index(current.max)
        lo, hi = lo + step, hi + step
        if lo < 0 or hi >= len(values):
            return
        targets = dict(self.data.adjustment.targets)
        targets[self.selected] = TargetOverride(min=values[lo], max=values[hi])
        adjustment = self.data.adjustment.model_copy(update={"targets": targets})
        mentor_store.set_profile(self.ctoapp.workspace.store, self.session_id, adjustment)
        self.data.adjustment = adjustment
        self.show_table()
        self.show_pair(self.selected)

    def action_base_profile(self) -> None:
        if self.data.read_only or self.session_id is None:
            return
        from ctoprep.ui.modals.choose import ChooseModal

        fw = self.data.framework
        if not fw.profiles:
            self.notify("This framework has no target profiles.", severity="warning")
            return

        def chosen(profile_id: str | None) -> None:
            if profile_id and self.session_id is not None:
                adjustment = self.data.adjustment.model_copy(update={"base": profile_id})
                mentor_store.set_profile(self.ctoapp.workspace.store, self.session_id, adjustment)
                self.data.adjustment = adjustment
                self.show_table()

        current = self.agreed()
        options = [(p.id, p.title, p.description) for p in fw.profiles]
        base = self.data.adjustment.base or (current.id if current else None)
        self.app.push_screen(ChooseModal("Target profile to agree on", options, base), chosen)

    def action_agree(self) -> None:
        if self.data.read_only or self.session_id is None:
            return
        self.app.push_screen(AgreeScreen(self.session_id))


# agree a plan and send ---------------------------------------------------------------------------


class AgreeScreen(CtoprepScreen):
    """The agreed plan (the planner, on the mentor's or the self ratings), a summary, and the review file."""

    CSS_PATH = "mentor.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+b", "build", "Build plan"),
        Binding("ctrl+s", "send", "Write review file"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        from ctoprep.services.insights import saved_limits

        workspace = self.ctoapp.workspace
        self.session = mentor_store.load_session(workspace.store, self.session_id)
        self.framework = workspace.library.framework(self.session.packet.payload.framework.id)
        budget, hours, months = saved_limits(workspace.store)
        if self.session.plan is not None:
            lim = self.session.plan.limits
            budget, hours, months = lim.budget_usd, lim.hours_per_month, lim.months
        with VerticalScroll(id="agree-body"):
            yield Static(id="agree-heading")
            with Horizontal(id="agree-inputs"):
                yield Label("Budget $")
                yield Input(str(budget), id="budget", type="integer", max_length=7)
                yield Label("Hours/month")
                yield Input(f"{hours:g}", id="hours", type="number", max_length=5)
                yield Label("Months")
                yield Input(str(months), id="months", type="integer", max_length=2)
            with Horizontal(id="agree-basis"):
                yield Label("Measure the gaps on the mentor's ratings (off: on the self-ratings)")
                yield Switch(value=self.session.plan is None or self.session.plan.basis == "mentor", id="basis")
                yield Button("Build plan", id="agree-build", variant="primary")
            yield Static(id="agree-plan")
            yield Label("Your name on the review:", classes="section-title")
            yield Input(self.session.mentor_name, id="mentor-name", max_length=200, placeholder="e.g. Morgan Diaz")
            yield Label("A summary for your mentee (saved as you type):", classes="section-title")
            yield TextArea(self.session.summary, id="summary", soft_wrap=True, show_line_numbers=False)
            yield Button("Write the review file", id="agree-send", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        heading = Text("Agree a plan and send the review to ", style="bold")
        heading.append_text(plain(self.session.person or "your mentee", "bold", single_line=True))
        heading.append(
            "\nThe plan closes the gaps against the agreed targets, measured on the ratings you choose; "
            "the review file carries your blind ratings, comments, targets, this plan and the summary."
        )
        self.query_one("#agree-heading", Static).update(heading)
        if self.session.plan is not None:
            self.query_one("#agree-plan", Static).update(Text("A plan is agreed; Build plan again to change it."))

    def basis_assessment(self) -> tuple[str, Assessment]:
        workspace = self.ctoapp.workspace
        if self.query_one("#basis", Switch).value:
            return "mentor", workspace.store.load_assessment(self.session.mentor_assessment_id)
        return "self", map_to_framework(self.session.packet.current, self.framework).assessment

    @on(Button.Pressed, "#agree-build")
    def action_build(self) -> None:
        from ctoprep.core.gaps import find_gaps
        from ctoprep.core.packets import plan_summary
        from ctoprep.core.planning import PlanLimits, build_plan
        from ctoprep.ui.screens.plan import render_plan

        fw = self.framework
        if not fw.profiles or not fw.catalogue.activities:
            self.query_one("#agree-plan", Static).update(
                Text("This framework has no target profiles or no PD catalog, so there is nothing to plan.")
            )
            return
        try:
            limits = PlanLimits(
                budget_usd=int(self.query_one("#budget", Input).value or "0"),
                hours_per_month=float(self.query_one("#hours", Input).value or "0"),
                months=int(self.query_one("#months", Input).value or "1"),
                start=self.ctoapp.today(),
            )
        except ValueError:
            self.notify("Budget, hours and months must be numbers (months 1–60).", severity="error")
            return
        session = mentor_store.load_session(self.ctoapp.workspace.store, self.session_id)
        fallback = self.ctoapp.workspace.profile if fw.id == self.ctoapp.workspace.framework.id else None
        profile = agreed_profile(fw, session.profile, fallback)
        basis, assessment = self.basis_assessment()
        plan = build_plan(fw, find_gaps(fw, assessment, profile), limits)
        mentor_store.set_plan(self.ctoapp.workspace.store, self.session_id, plan_summary(plan, basis=basis))  # type: ignore[arg-type]
        self.plan = plan
        self.query_one("#agree-plan", Static).update(render_plan(plan))

    @on(Input.Changed, "#mentor-name")
    def name_changed(self, event: Input.Changed) -> None:
        from ctoprep.services.mentoring import remember_mentor_name

        store = self.ctoapp.workspace.store
        name = event.value.strip()
        mentor_store.set_mentor_name(store, self.session_id, name)
        remember_mentor_name(store, name)

    @on(TextArea.Changed, "#summary")
    def summary_changed(self, event: TextArea.Changed) -> None:
        mentor_store.set_summary(self.ctoapp.workspace.store, self.session_id, event.text_area.text)

    @on(Button.Pressed, "#agree-send")
    def action_send(self, confirmed: bool = False) -> None:
        from ctoprep.core.atomic import write_text_atomic
        from ctoprep.core.packets import review_to_json

        store = self.ctoapp.workspace.store
        session = mentor_store.load_session(store, self.session_id)
        try:
            review = mentor_store.review_from_session(store, session)
        except ContentError as exc:
            notify_problems(self, exc, "No review written")
            return
        if review.payload.plan is None and not confirmed:
            from ctoprep.ui.modals.choose import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_send(confirmed=True)

            self.app.push_screen(
                ConfirmModal(
                    "Send the review without an agreed plan?",
                    "No plan has been built (Ctrl+B builds one within the limits above). "
                    "The mentee will get your ratings and comments only.",
                ),
                answered,
            )
            return
        folder = self.ctoapp.workspace.library.home / "exports"
        path = export_path(folder, f"review-{slug(session.person)}-{self.ctoapp.today():%Y-%m-%d}", ".json")
        write_text_atomic(path, review_to_json(review), overwrite=False)
        mentor_store.mark_sent(store, session, review)
        self.written = path
        self.notify(f"Saved {path}: send this file to your mentee.", title="Review written", markup=False)
