"""What the mentor screens share: the desk they work through, and how a file's problems are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from ctoprep.core.problems import ContentError
from ctoprep.services.mentor_desk import MentorDesk
from ctoprep.ui.text import plain

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp


def desk(app: CtoprepApp) -> MentorDesk:
    return MentorDesk(app.workspace)


def notify_problems(screen: Screen[Any], exc: ContentError, title: str) -> None:
    """Show a file's problems as a notification, as text (never markup)."""
    message = "\n".join(p.format() for p in exc.problems[:5]) or "the file cannot be used"
    screen.notify(plain(message).plain, title=title, severity="error", markup=False, timeout=12)


def open_session_screen(app: CtoprepApp, session_id: str) -> None:
    """Push the screen a session is at: blind rating until revealed, then side by side."""
    from ctoprep.ui.screens.mentor.blind import BlindRatingScreen
    from ctoprep.ui.screens.mentor.reveal import RevealScreen

    session = desk(app).session(session_id)
    app.push_screen(RevealScreen(session_id) if session.revealed else BlindRatingScreen(session_id))
