"""The Recertification screen: set the cycle, log an activity from the keyboard, the same totals as the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ctoprep.services.context import Workspace
from ctoprep.services.recert import RecertLog
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.screens.recert import RecertScreen


@pytest.fixture
def cosn(home: Path) -> Workspace:
    return Workspace.open(home, None)


async def test_log_an_activity_by_keyboard(cosn: Workspace) -> None:
    app = CtoprepApp(cosn)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, RecertScreen)
        await pilot.press("s", *"2025-03-01", "enter")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "down", "enter")  # category: certification
        await pilot.press("tab", "tab", "2", "tab", *"CISSP", "tab", *"certificate", "enter")
        await pilot.pause()
        log = RecertLog(cosn.store, cosn.framework)
        summary = log.summary(date.today())
        assert summary is not None
        assert summary.start == date(2025, 3, 1)
        assert [(e.title, e.amount, e.category) for e in summary.entries] == [("CISSP", 2.0, "certification")]
        assert summary.counted == 8
        # past the cap: refused with the reason, nothing saved
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "down", "enter")
        await pilot.press("tab", "tab", "2", "tab", *"PMP", "enter")
        await pilot.pause()
        assert len(log.entries()) == 1
    cosn.close()
