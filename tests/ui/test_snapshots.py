"""SVG snapshots of every screen at 80x24 and 120x40 (pytest-textual-snapshot).

Fixed data, a fixed date, no animations, no blinking cursors. Update after an intended change with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.services.context import Workspace
from ctoprep.ui.app import CtoprepApp
from tests.practice_bank import write_bank

SIZES = [(80, 24), (120, 40)]
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def seeded(home: Path) -> CtoprepApp:
    write_bank(home)
    ws = Workspace.open(home, "mini")
    levels = {"alpha.one": 1, "alpha.two": 0, "beta.one": 2}
    a = Assessment(
        id="snapshot0000",
        framework=FrameworkRef(id="mini", version="1.0"),
        person="Ana",
        profile="p",
        created_at=WHEN,
        updated_at=WHEN,
        position="beta.two",
        ratings={k: Rating(level=v, evidence="wrote it" if v else "", rated_at=WHEN) for k, v in levels.items()},
    )
    ws.store.save_assessment(a)
    ws.make_current(a.id)
    app = CtoprepApp(ws, today=date(2026, 11, 2))
    app.clock = lambda: 1000.0  # exam timers stand still: the picture does not depend on how fast it is taken
    return app


async def steady(pilot: Pilot[Any]) -> None:
    for _ in range(3):  # workers (the question bank, the practice line) finish before the picture
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def go(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await steady(pilot)

    return run_before


SCREENS = {
    "home": (),
    "assessment": ("a",),
    "results": ("r",),
    "plan": ("l",),
    "history": ("h",),
    "help": ("f1",),
    "practice": ("p",),
    "progress": ("g",),
    "drill-answered": ("p", "d", "b"),
    "mentor": ("m",),
    "recert": ("c",),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any, home: Path, screen: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctoprep.services.practice.sessions

    monkeypatch.setattr(ctoprep.services.practice.sessions.secrets, "randbelow", lambda n: 7 % n)  # the same questions
    assert snap_compare(seeded(home), terminal_size=size, run_before=go(*SCREENS[screen]))
