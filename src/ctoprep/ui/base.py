"""The typed base of ctoprep's screens and widgets.

Every screen reaches the running `CtoprepApp` through `ctoapp` (typed, no casts at call sites), and
says what it does when the app's data changes (`refresh_data`). The app calls `refresh_data` on each
screen of its stack after an action that changes the assessment, the framework or the calibration,
so no screen is left showing a stale state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp


class CtoprepScreen(Screen[None]):
    """A full screen of the app."""

    @property
    def ctoapp(self) -> CtoprepApp:
        return cast("CtoprepApp", self.app)

    def refresh_data(self) -> None:
        """Show the app's current data again; screens that show stored data override this."""


def ctoapp_of(node: Widget) -> CtoprepApp:
    """The running app of a widget that reads the app's state."""
    return cast("CtoprepApp", node.app)
