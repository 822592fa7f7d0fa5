"""The exam clock: a countdown (or a count-up when untimed) read from an injectable clock.

The clock is a function returning seconds (``time.monotonic`` by default) so tests move time
without sleeping. The widget only shows time and says when it has run out; the screen decides
what running out means.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

LOW_SECONDS = 5 * 60
"""Under this much time left the timer says so in words (not only by color)."""


def clock_text(seconds: float) -> str:
    """``1:58:07`` or ``4:05`` (whole seconds, rounded up so 0:00 means time is really up)."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Countdown:
    """Elapsed and remaining time of one sitting, carried over from earlier sittings by ``elapsed``."""

    def __init__(
        self, limit: float | None, elapsed: float, clock: Callable[[], float], *, running: bool = True
    ) -> None:
        self.limit = limit
        self.clock = clock
        self._base = elapsed
        self._since: float | None = clock() if running else None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        if self._since is None:
            return self._base
        return self._base + max(0.0, self.clock() - self._since)

    @property
    def remaining(self) -> float | None:
        return None if self.limit is None else max(0.0, self.limit - self.elapsed)

    @property
    def expired(self) -> bool:
        return self.limit is not None and self.elapsed >= self.limit

    def pause(self) -> None:
        self._base = self.elapsed
        self._since = None

    def resume(self) -> None:
        if self._since is None:
            self._since = self.clock()


class ExamTimer(Static):
    """Shows the time left (or taken) and posts :class:`Expired` once when a time limit is reached."""

    DEFAULT_CSS = """
    ExamTimer { width: auto; height: 1; padding: 0 1; }
    """

    class Expired(Message):
        """The time limit has been reached."""

    class Tick(Message):
        """A second went by (the screen keeps the session's elapsed time from it)."""

        def __init__(self, elapsed: float) -> None:
            self.elapsed = elapsed
            super().__init__()

    def __init__(self, countdown: Countdown, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.countdown = countdown
        self._fired = False

    def on_mount(self) -> None:
        self.set_interval(1.0, self.check)
        self.check()

    def check(self) -> None:
        """Redraw and, the first time the limit is reached, post :class:`Expired`."""
        self.update(self.describe())
        self.set_class(self.countdown.remaining is not None and self.countdown.remaining <= LOW_SECONDS, "-low")
        self.post_message(self.Tick(self.countdown.elapsed))
        if self.countdown.expired and not self._fired:
            self._fired = True
            self.post_message(self.Expired())

    def describe(self) -> Text:
        countdown = self.countdown
        remaining = countdown.remaining
        text = Text()
        if not countdown.running:
            text.append("Paused · ", style="bold")
        if remaining is None:
            text.append(f"Time taken {clock_text(countdown.elapsed)}")
            return text
        text.append("Time left ", style="")
        text.append(clock_text(remaining), style="bold")
        if remaining <= 0:
            text.append(" · time is up", style="bold")
        elif remaining <= LOW_SECONDS:
            text.append(" · under 5 minutes", style="bold")
        return text
