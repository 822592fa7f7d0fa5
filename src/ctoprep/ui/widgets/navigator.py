"""The question navigator: every question's number with answered / blank / flagged (and in drills
right / wrong) shown by symbols and words, not by color alone; ``›`` marks the question on screen.
Enter or a click jumps to a question."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList

LEGEND_MOCK = "● done  ○ blank\n⚑ flagged"
LEGEND_FEEDBACK = "✓ right  ✗ wrong\n○ blank  ⚑ flag"

State = tuple[bool, bool | None, bool]
"""(answered, correct — None when not shown, flagged)."""


def item_label(number: int, state: State, *, feedback: bool, current: bool = False) -> Text:
    """``›  7 ● done ⚑`` — where you are, the question number, its state and a flag."""
    answered, correct, flagged = state
    text = Text("›" if current else " ", style="bold")
    text.append(f"{number:>3} ")
    if not answered:
        text.append("○ blank", style="dim")
    elif feedback and correct is not None:
        text.append("✓ right" if correct else "✗ wrong", style="bold")
    else:
        text.append("● done", style="bold")
    if flagged:
        text.append(" ⚑", style="bold")
    return text


class Navigator(OptionList):
    """One row per question."""

    DEFAULT_CSS = """
    Navigator { border: none; padding: 0; }
    Navigator:focus { border: none; }
    """

    class Jump(Message):
        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

    def __init__(self, *, feedback: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.feedback = feedback
        self.states: list[State] = []
        self.current = 0

    def _label(self, position: int) -> Text:
        return item_label(position + 1, self.states[position], feedback=self.feedback, current=position == self.current)

    def show(self, states: list[State], current: int) -> None:
        """All rows."""
        self.states = list(states)
        self.current = current
        self.clear_options()
        self.add_options(self._label(i) for i in range(len(self.states)))
        self.highlighted = current

    def mark(self, position: int, state: State) -> None:
        """Redraw one question's row with its new state."""
        self.states[position] = state
        self.replace_option_prompt_at_index(position, self._label(position))

    def set_current(self, position: int) -> None:
        """Move the ``›`` marker (and the highlight) to the question on screen."""
        old, self.current = self.current, position
        for row in {old, position}:
            if 0 <= row < len(self.states):
                self.replace_option_prompt_at_index(row, self._label(row))
        self.highlighted = position

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(event.option_index))
