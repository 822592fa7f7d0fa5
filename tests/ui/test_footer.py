"""The footer rebuilds its keys only when they change, and still follows every change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

from ctoprep.services.context import Workspace
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.widgets.footer import Footer


class Toggling(Screen[None]):
    BINDINGS = [Binding("f2", "extra", "Extra"), Binding("f3", "other", "Other")]
    extra_on = True

    def compose(self) -> ComposeResult:
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.extra_on if action == "extra" else True


class Plain(Screen[None]):
    BINDINGS = Toggling.BINDINGS

    def compose(self) -> ComposeResult:
        yield TextualFooter()


def keys(screen: Screen[None]) -> list[str]:
    footer = screen.query_one(TextualFooter)
    return [str(key.render()).strip() for key in footer.children]


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    composed: list[int] = []
    real = TextualFooter.compose

    def compose(self: TextualFooter) -> ComposeResult:
        composed.append(1)
        yield from real(self)

    monkeypatch.setattr(TextualFooter, "compose", compose)
    return composed


async def test_it_shows_what_textuals_footer_shows_and_follows_changes() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 12)) as pilot:
        app.push_screen(Plain())
        await pilot.pause()
        textuals = keys(app.screen)
        ours = Toggling()
        app.push_screen(ours)
        await pilot.pause()
        assert keys(ours) == textuals == ["f2 Extra", "f3 Other", "^p palette"]
        ours.extra_on = False
        ours.refresh_bindings()
        await pilot.pause()
        assert keys(ours) == ["f3 Other", "^p palette"]
        ours.extra_on = True
        ours.refresh_bindings()
        await pilot.pause()
        assert keys(ours) == textuals


async def test_the_home_composes_its_footer_keys_once(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's footer built the home's keys three times as the app started; the same keys once is enough."""
    ws = Workspace.open(home, "mini")
    composed = counting(monkeypatch)
    app = CtoprepApp(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause()
        footer = app.screen.query_one(TextualFooter)
        assert isinstance(footer, Footer)
        assert any("Assess" in str(key.render()) for key in footer.children)
        assert len(composed) == 2  # the empty first compose (bindings not ready yet), then the keys
    ws.close()
