"""Side by side: self and mentor levels, blind spots and hidden strengths, comments and targets."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static, TextArea

from ctoprep.core.comparison import Comparison, PairKind, SkillPair, compare
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.packets import MentorReview, PlanSummary, PracticeResult, TargetOverride
from ctoprep.core.text import plural
from ctoprep.services.mentor_desk import ReviewData
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.screens.mentor.common import desk
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

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
        if self.review is not None:
            return desk(self.ctoapp).received_data(self.review)
        assert self.session_id is not None
        return desk(self.ctoapp).review_data(self.session_id)

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
        return desk(self.ctoapp).agreed(self.data.framework, self.data.adjustment)

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
        desk(self.ctoapp).set_comment(self.session_id, self.selected, text)
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
        desk(self.ctoapp).set_adjustment(self.session_id, adjustment)
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
                desk(self.ctoapp).set_adjustment(self.session_id, adjustment)
                self.data.adjustment = adjustment
                self.show_table()

        current = self.agreed()
        options = [(p.id, p.title, p.description) for p in fw.profiles]
        base = self.data.adjustment.base or (current.id if current else None)
        self.app.push_screen(ChooseModal("Target profile to agree on", options, base), chosen)

    def action_agree(self) -> None:
        if self.data.read_only or self.session_id is None:
            return
        from ctoprep.ui.screens.mentor.agree import AgreeScreen

        self.app.push_screen(AgreeScreen(self.session_id))
