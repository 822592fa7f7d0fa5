"""SVG snapshots of the mentor screens at 80x24 and 120x40 (pytest-textual-snapshot).

Fixed data and date, no animations, no blinking cursors. Update after an intended change with
``pytest tests/mentor/test_mentor_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.packets import build_packet, packet_to_json
from ctoprep.services.context import Workspace
from ctoprep.storage import mentor_store
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.screens.cohort import CohortScreen
from ctoprep.ui.screens.mentor import open_session_screen

SIZES = [(80, 24), (120, 40)]
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def packet_of(ws: Workspace, name: str, levels: dict[str, int]):  # type: ignore[no-untyped-def]
    fw = ws.framework
    a = Assessment(
        id=f"self-{name.split()[0].lower()}",
        framework=FrameworkRef(id=fw.id, version=fw.version, content_hash=fw.content_hash),
        person=name,
        rater=Rater(role=RaterRole.SELF, name=name),
        profile="p",
        created_at=WHEN,
        updated_at=WHEN,
        ratings={k: Rating(level=v, evidence=f"did {k}", rated_at=WHEN) for k, v in levels.items()},
    )
    return build_packet(fw, [a], note="Please look at beta", created_at=WHEN)


def session_app(home: Path, *, reveal: bool) -> CtoprepApp:
    ws = Workspace.open(home, "mini")
    packet = packet_of(ws, "Ana Diaz", {"alpha.one": 2, "alpha.two": 1, "beta.one": 0, "beta.two": 2})
    session = mentor_store.open_session(ws.store, packet, ws.framework, "Morgan")
    if reveal:
        mine = ws.store.load_assessment(session.mentor_assessment_id)
        for skill_id, level in {"alpha.one": 1, "alpha.two": 1, "beta.one": 1, "beta.two": 2}.items():
            mine = ws.rate(mine, skill_id, level=level)
        mentor_store.set_comment(ws.store, session.id, "alpha.one", "Show me the plan itself")
        mentor_store.reveal(ws.store, session.id)
    app = CtoprepApp(ws, today=date(2026, 11, 2))
    app.ready = lambda: open_session_screen(app, session.id)
    return app


async def steady(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("reveal", [False, True], ids=["blind", "reveal"])
def test_session_screens(snap_compare: Any, home: Path, reveal: bool, size: tuple[int, int]) -> None:
    assert snap_compare(session_app(home, reveal=reveal), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_cohort_screen(snap_compare: Any, home: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    ws = Workspace.open(home, "mini")
    folder = tmp_path / "packets"
    folder.mkdir()
    for i, (name, level) in enumerate([("Ana Diaz", 0), ("Ben Ode", 1), ("Cy Young", 2)]):
        packet = packet_of(ws, name, {"alpha.one": level, "alpha.two": 1, "beta.one": level, "beta.two": 2 - level})
        (folder / f"{i}.json").write_text(packet_to_json(packet))
    app = CtoprepApp(ws, today=date(2026, 11, 2))
    app.ready = lambda: app.push_screen(CohortScreen([folder]))

    assert snap_compare(app, terminal_size=size, run_before=steady)
