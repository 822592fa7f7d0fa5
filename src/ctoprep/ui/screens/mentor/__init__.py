"""Mentor review in the app: blind rating, then self and mentor side by side, comments, targets, plan, send.

The mentor rates every skill without seeing the mentee's self-ratings (``BlindRatingScreen``); the
ratings are saved as they are given, as an assessment with rater role ``mentor`` for the mentee.
Revealing (``v``) makes the blind ratings final and shows both side by side (``RevealScreen``), where
the mentor comments per skill and adjusts targets; ``AgreeScreen`` builds the agreed plan and writes
the review file. The mentee opens a received review in the same side-by-side view, read-only.
Every screen works through ``services.mentor_desk.MentorDesk``; none holds the store.
"""

from __future__ import annotations

from ctoprep.ui.screens.mentor.agree import AgreeScreen
from ctoprep.ui.screens.mentor.blind import BlindRatingScreen
from ctoprep.ui.screens.mentor.common import open_session_screen
from ctoprep.ui.screens.mentor.hub import MentorScreen
from ctoprep.ui.screens.mentor.reveal import RevealScreen

__all__ = ["AgreeScreen", "BlindRatingScreen", "MentorScreen", "RevealScreen", "open_session_screen"]
