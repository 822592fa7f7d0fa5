"""Picking one item from a short list (profiles, frameworks)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ctoprep.core.text import printable


class ChooseModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[tuple[str, str, str]], current: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            items = []
            for key, title, description in self.options:
                prompt = Text("● " if key == self.current else "○ ", style="bold")
                prompt.append(printable(title, single_line=True), style="bold")
                if description:
                    prompt.append("\n" + printable(description, single_line=True), style="dim")
                items.append(Option(prompt, id=key))
            yield OptionList(*items, id="choices")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [key for key, _, _ in self.options]
        if self.current in ids:
            option_list.highlighted = ids.index(self.current)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question: y or Enter says yes, n or Esc says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(printable(self.question)), classes="dialog-title")
            if self.detail:
                yield Label(Text(printable(self.detail)))
            yield Label(Text("y / Enter: yes    n / Esc: no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
