"""Asking for the name to put on a new assessment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class NewAssessmentModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New self-assessment", classes="dialog-title")
            yield Label("Your name (kept on this computer only; leave blank if you like):")
            yield Input(value=self.initial, placeholder="e.g. Jordan Lee", id="name", max_length=200)
            yield Label("Rate each skill by what you have done and could show, not by what you intend.", classes="hint")
            yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    def on_button_pressed(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
