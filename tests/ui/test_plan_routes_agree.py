"""The plan on screen, its export and ``ctoprep plan current`` are one plan.

Before, the plan screen weighted gaps by practice calibration while its export did not, so the file a
user sent to their superintendent was not the plan they had looked at.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from ctoprep.cli.main import main
from ctoprep.core.practice import Mode
from ctoprep.services.context import Workspace
from ctoprep.services.insights import report_context
from ctoprep.services.practice import Practice, QuizOptions
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.screens.plan import PlanScreen

TODAY = date(2026, 12, 1)


def calibrated_workspace(home: Path) -> Workspace:
    """Leadership rated confidently but missed in practice; data management rated low but answered well."""
    ws = Workspace.open(home, "cosn-k12-cto")
    ws.choose_profile("cetl-job-mastery")  # level 3 targets: gaps for the plan to close
    a = ws.start_assessment("Ana")
    for s in ws.framework.skills:
        ws.rate(a, s.id, level=3 if s.area_id in ("leadership", "strategic-planning") else 2)
    p = Practice(ws.library, ws.store, ws.framework)
    for area, right in (("leadership", False), ("data-management", True)):
        session = p.start(QuizOptions(Mode.DRILL, areas=(area,), count=20), seed=1)
        for i, q in enumerate(session.questions):
            p.answer(session, i, q.key_index if right else (q.key_index + 1) % 4)
        p.finish(session)
    return ws


async def test_screen_export_and_command_line_show_one_plan(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = calibrated_workspace(home)
    assessment = ws.current()
    assert assessment is not None
    app = CtoprepApp(ws)
    app.fixed_today = TODAY
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(100):  # the home screen's worker computes the calibration weights
            if app.practice_adjustments.get(ws.framework.id):
                break
            await pilot.pause(0.05)
        weights = app.practice_adjustments.get(ws.framework.id)
        assert weights
        assert weights["leadership"] > 1  # the test needs calibration to matter
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        for selector, value in (("#budget", "500"), ("#hours", "6"), ("#months", "6")):
            screen.query_one(selector, Input).value = value
        await pilot.click("#build")
        await app.workers.wait_for_complete()  # the plan is built in a worker
        await pilot.pause()
        assert screen.plan is not None
        on_screen = [(p.activity_id, p.title) for p in screen.plan.activities]
        await pilot.press("m")
        await pilot.pause()
    uncalibrated = report_context(
        ws.framework, assessment, ws.profile, generated_on=TODAY, limits=screen.plan.limits
    ).plan
    assert uncalibrated is not None
    assert [p.activity_id for p in uncalibrated.activities] != [a for a, _ in on_screen]  # weights change the plan
    ws.close()

    (exported,) = (home / "exports").glob("plan-*.md")
    text = exported.read_text()
    positions = [text.find(title) for _, title in on_screen]
    assert all(pos >= 0 for pos in positions)  # the same activities ...
    assert positions == sorted(positions)  # ... in the same order

    code = main(["plan", "current", "--format", "json", "--start", TODAY.isoformat()])
    assert code == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert plan["limits"] == {"budget_usd": 500, "hours_per_month": 6, "months": 6, "start": TODAY.isoformat()}
    assert [a["id"] for a in plan["activities"]] == [a for a, _ in on_screen]
