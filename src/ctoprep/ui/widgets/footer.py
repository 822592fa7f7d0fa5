"""The key footer of every screen: Textual's, composed again only when the keys it would show change.

Textual's footer rebuilds all its keys (a widget each, styled one by one) every time the screen says
its bindings may have changed: on focus, on the screen stack changing, after a refresh. A screen that
opens asks two or three times with the same keys, and each rebuild is a few milliseconds of the UI
thread; on the home screen that is time taken from the thread loading the workspace after the first
frame. This footer remembers the keys it last showed (each binding, whether it is enabled, its tooltip)
and rebuilds only when they differ, or not at all while a rebuild is already on its way (that one reads
the keys when it runs). What it shows is exactly what Textual's footer shows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple[object, ...] | None = None
    """The keys of the last compose (None before the bindings are ready: nothing shown yet)."""
    _pending = False
    """A recompose has been asked for and has not run yet."""

    def _keys(self) -> tuple[object, ...]:
        return tuple((key, b.binding, b.enabled, b.tooltip) for key, b in self.screen.active_bindings.items())

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    async def recompose(self) -> None:
        self._pending = False
        await super().recompose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._pending or self._keys() == self._shown:
            return
        self._pending = True
        self.call_after_refresh(self.recompose)
