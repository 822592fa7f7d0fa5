"""Asking for a file or folder path (a packet to open, a review to import, a folder of packets)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ctoprep.ui.text import plain


class PathInputModal(ModalScreen[list[Path] | None]):
    """Returns the paths typed (several may be separated by ';'), each checked to exist."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, hint: str, *, folders: bool = False, initial: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.folders = folders
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Label(Text(self.hint), classes="hint")
            yield Input(value=self.initial, placeholder="~/Downloads/packet.json", id="path", max_length=4000)
            yield Label(Text(""), id="path-problem")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self) -> None:
        raw = self.query_one(Input).value
        paths = [Path(part.strip()).expanduser() for part in raw.split(";") if part.strip()]
        missing = [p for p in paths if not p.exists()]
        problem = self.query_one("#path-problem", Label)
        if not paths:
            problem.update(Text("Type a path, or press Esc."))
            return
        if missing:
            problem.update(plain(f"Not found: {missing[0]}", single_line=True))
            return
        if not self.folders and any(p.is_dir() for p in paths):
            problem.update(Text("That is a folder; name a file inside it."))
            return
        self.dismiss(paths)

    def action_cancel(self) -> None:
        self.dismiss(None)
