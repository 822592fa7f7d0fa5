"""One attempt's results: raw score, areas and content areas, our estimated scaled score with the pass
line, and every item with the chosen answer, the key, the explanation and why each option is or isn't right."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ctoprep.core.models.questions import LETTERS, Question
from ctoprep.core.practice import ASSUMED_CUT, AttemptResult, GroupResult, ItemResult, Mode
from ctoprep.core.text import printable, reflow
from ctoprep.services.practice import MODE_TITLES
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.timer import clock_text

if TYPE_CHECKING:
    pass


def item_state(item: ItemResult) -> str:
    if item.chosen is None:
        return "○ blank"
    return "✓ right" if item.correct else "✗ wrong"


def scaled_text(result: AttemptResult) -> Text:
    """Our estimate with the pass line, said in words and drawn with ▲ at the line."""
    text = Text()
    if result.scaled is None:
        return text
    span = result.score_max - result.score_min
    width = 40
    filled = round((result.scaled - result.score_min) / span * width)
    line = min(width - 1, round((result.pass_score - result.score_min) / span * width))
    side = "at or above" if result.passed else "below"
    text.append("Estimated scaled score: ", style="bold")
    text.append(f"{result.scaled}", style="bold")
    text.append(f" on {result.score_min}–{result.score_max}, {side} the {result.pass_score} pass line\n")
    for cell in range(width):
        if cell == line:
            text.append("▲", style="bold reverse")
        else:
            text.append("█" if cell < filled else "░", style="bold" if cell < filled else "dim")
    text.append(f"  {result.scaled}   ▲ = the {result.pass_score} line\n", style="")
    text.append(
        f"This is our estimate, not CoSN's scale: we place {ASSUMED_CUT:.0%} correct at the pass mark and "
        "draw straight lines to the ends of the range (see docs/practice.md).",
        style="italic",
    )
    return text


def group_lines(title: str, rows: tuple[GroupResult, ...]) -> Text:
    text = Text()
    if not rows:
        return text
    text.append(f"\n{title}\n", style="bold")
    for g in rows:
        text.append_text(
            bar_line(
                printable(g.title, single_line=True),
                g.percent,
                width=16,
                label_width=30,
                suffix=f"{g.correct} of {g.total} right",
            )
        )
        text.append("\n")
    return text


class PracticeResultsScreen(CtoprepScreen):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("g", "app.progress", "Progress"),
    ]

    def __init__(
        self,
        mode: Mode,
        result: AttemptResult,
        questions: Mapping[str, Question],
        *,
        elapsed: float,
        timed_out: bool = False,
    ) -> None:
        super().__init__()
        self.mode = mode
        self.result = result
        self.questions = questions
        self.elapsed = elapsed
        self.timed_out = timed_out

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="pr-body"):
            yield Static(id="pr-summary")
            yield Label("Every question — arrows move, the details follow below", classes="section-title")
            yield DataTable(id="pr-items", cursor_type="row", zebra_stripes=True)
            yield Static(id="pr-detail", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.show_summary()
        self.show_items()
        if self.result.items:
            self.show_detail(0)
        self.query_one(DataTable).focus(scroll_visible=False)  # keys move through items; the score stays in view

    def show_summary(self) -> None:
        result = self.result
        text = Text(f"{MODE_TITLES[self.mode]} results", style="bold")
        if self.timed_out:
            text.append(" · time ran out, answers submitted as they were", style="bold")
        blanks = result.total - result.answered
        flagged = sum(i.flagged for i in result.items)
        text.append(
            f"\nRaw score: {result.correct} of {result.total} right ({result.percent:.0f}%) · "
            f"{result.answered} answered · {blanks} blank · {flagged} flagged · time {clock_text(self.elapsed)}\n"
        )
        if self.mode is Mode.MOCK:
            text.append_text(scaled_text(result))
            text.append("\n")
        text.append_text(group_lines("By exam content area", result.content_areas))
        text.append_text(group_lines("By skill area", result.areas))
        missed = sum(not i.correct for i in result.items)
        if missed or flagged:
            text.append("\nMissed and flagged questions come back in Review on a spaced schedule.", style="italic")
        self.query_one("#pr-summary", Static).update(text)

    def show_items(self) -> None:
        framework = self.ctoapp.workspace.framework
        table = self.query_one(DataTable)
        table.add_columns("#", "result", "area", "yours", "key", "flag")
        for n, item in enumerate(self.result.items, 1):
            area = framework.area_by_id.get(item.area_id)
            name = area.title if area else item.area_id
            table.add_row(
                Text(str(n)),
                Text(item_state(item)),
                plain(name if self.app.size.width >= 100 else name[:22], single_line=True),
                Text(LETTERS[item.chosen] if item.chosen is not None else "–"),
                Text(LETTERS[item.key]),
                Text("⚑" if item.flagged else ""),
                key=str(n - 1),
            )

    @on(DataTable.RowHighlighted, "#pr-items")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_detail(int(event.row_key.value))

    def show_detail(self, index: int) -> None:
        item = self.result.items[index]
        question = self.questions.get(item.question_id)
        text = Text(f"Question {index + 1} · {item_state(item)}", style="bold")
        if item.flagged:
            text.append(" · ⚑ flagged", style="bold")
        text.append("\n")
        if question is None:
            text.append(
                f"\nQuestion {item.question_id} has since been retired from the bank. Your answer and the key it was "
                "scored against stand as they were.",
                style="italic",
            )
            self.query_one("#pr-detail", Static).update(text)
            return
        text.append_text(plain(reflow(question.stem)))
        text.append("\n")
        for i, option in enumerate(question.options):
            mark = "✓" if i == item.key else ("✗" if i == item.chosen else "·")
            text.append(f"\n{mark} {LETTERS[i]}. ", style="bold")
            text.append_text(plain(option.text))
            notes = []
            if i == item.key:
                notes.append("the answer")
            if i == item.chosen:
                notes.append("your answer")
            if notes:
                text.append(f"  ({', '.join(notes)})", style="italic")
            if option.why:
                text.append("\n   ")
                text.append_text(plain(reflow(option.why), "dim"))
        if question.explanation:
            text.append("\n\nExplanation: ", style="bold")
            text.append_text(plain(reflow(question.explanation)))
        self.query_one("#pr-detail", Static).update(text)
