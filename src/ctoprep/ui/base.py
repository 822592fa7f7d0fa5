"""The typed base of ctoprep's screens and widgets.

Every screen reaches the running `CtoprepApp` through `ctoapp` (typed, no casts at call sites), and
says what it does when the app's data changes (`refresh_data`). The app calls `refresh_data` on each
screen of its stack after an action that changes the assessment, the framework or the calibration,
so no screen is left showing a stale state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from ctoprep.ui.app import CtoprepApp

T = TypeVar("T")


class CtoprepScreen(Screen[None]):
    """A full screen of the app."""

    @property
    def ctoapp(self) -> CtoprepApp:
        return cast("CtoprepApp", self.app)

    def refresh_data(self) -> None:
        """Show the app's current data again; screens that show stored data override this."""

    def compute_latest(self, group: str, compute: Callable[[], T], deliver: Callable[[T], None]) -> None:
        """Run ``compute`` in a worker thread (it must not touch the store) and hand its result to
        ``deliver`` on the UI thread, unless a newer request of the same ``group`` was made meanwhile or
        the screen has closed. For work that can take a second, such as proving a plan the best."""
        requests: dict[str, int] = self.__dict__.setdefault("_latest_requests", {})
        token = requests[group] = requests.get(group, 0) + 1

        def finish(result: T) -> None:
            if requests.get(group) == token and self.is_attached:
                deliver(result)

        def run() -> None:
            result = compute()
            self.app.call_from_thread(finish, result)

        self.run_worker(run, thread=True, group=group)


def ctoapp_of(node: Widget) -> CtoprepApp:
    """The running app of a widget that reads the app's state."""
    return cast("CtoprepApp", node.app)
