"""Keys and a short guide, for a first-time user who does not read manuals."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    (
        "Everywhere",
        [
            ("F1 / ?", "this help (Esc, q or ? closes it)"),
            ("Ctrl+P", "command palette: every action of this screen and the app, by name"),
            ("Ctrl+Q", "quit"),
            ("Esc", "back"),
        ],
    ),
    (
        "Home",
        [
            ("a", "continue (or start) the self-assessment"),
            ("n", "start a new assessment"),
            ("r", "results and gaps"),
            ("l", "PD plan"),
            ("h", "history"),
            ("p", "practice for the exam"),
            ("g", "practice progress and readiness"),
            ("m", "mentor review"),
            ("c", "CETL recertification log"),
            ("t", "target profile"),
            ("f", "switch framework"),
        ],
    ),
    (
        "Assessment",
        [
            ("0–4", "rate the skill at that level (moves on)"),
            ("↑ ↓ Enter", "pick a level"),
            ("s", "skip: mark not rated on purpose, and move on"),
            ("PageDown / PageUp", "scroll the skill's levels, calibration aids and evidence"),
            ("n / →, p / ←", "next / previous skill"),
            ("u", "next unrated skill"),
            ("e", "write evidence (Esc to leave the box)"),
            ("c", "confidence: low, medium, high"),
            ("j", "jump to an area"),
            ("r", "results"),
        ],
    ),
    (
        "Results",
        [
            ("Enter", "on an area: its skills; on a gap: why it ranks there and what to do"),
            ("Tab", "move between the area and gap tables"),
            ("PageDown / PageUp", "scroll the page"),
            ("l", "build a plan"),
            ("t", "change profile"),
        ],
    ),
    ("Plan", [("b", "rebuild with the numbers entered"), ("m / w", "export Markdown / HTML")]),
    (
        "Recertification",
        [("s", "set your cycle's start"), ("a", "log an activity"), ("d", "remove one"), ("w", "write a summary")],
    ),
    (
        "Practice",
        [
            ("m", "mock exam (asks first: it is timed)"),
            ("d", "area drill"),
            ("w", "weak-spot drill"),
            ("v", "review what is due"),
            ("c", "exam conditions on/off"),
            ("g", "progress and readiness"),
        ],
    ),
    (
        "Exam",
        [
            ("a–d or 1–4", "answer"),
            ("n / p", "next / previous question"),
            ("m", "flag for review"),
            ("u", "next blank"),
            ("j", "question navigator"),
            ("s", "submit"),
            ("Esc", "save and leave"),
        ],
    ),
    (
        "Mentor",
        [
            ("e", "export my review packet"),
            ("o", "open a mentee's packet (blind rating first)"),
            ("v", "reveal self-ratings after rating"),
            ("c", "comment on a skill (after reveal) / cohort (mentor home)"),
            ("f / g", "filter differences / areas or skills"),
            ("[ / ]", "lower / raise the agreed target"),
            ("t", "base profile"),
            ("l", "agree the plan and send the review"),
            ("i", "import a review"),
        ],
    ),
]

GUIDE = (
    "Rate what you have done and could show, not what you intend to do. Targets are hidden while you "
    "rate so they don't pull your answers. Every rating is saved the moment you give it: quit at any "
    "time and you will come back to the same skill. Your data stays on this computer."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for section, keys in KEYS:
            table.add_row(Text(section, style="bold underline"), "")
            for key, what in keys:
                table.add_row(Text(key), Text(what))
            table.add_row("", "")
        with VerticalScroll(classes="dialog wide"):
            yield Static(Text("ctoprep help   (Esc, q or ? to close; PageDown to scroll)", style="bold"))
            yield Static(Text(GUIDE))
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
