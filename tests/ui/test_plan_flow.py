"""Building a plan in the app stays within the budget and hours typed in, and exports."""

from __future__ import annotations

from textual.widgets import Input

from ctoprep.services.context import Workspace
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.screens.plan import PlanScreen


async def set_input(app: CtoprepApp, selector: str, value: str) -> None:
    field = app.screen.query_one(selector, Input)
    field.value = value


async def test_build_a_plan_within_budget(workspace: Workspace) -> None:
    a = workspace.start_assessment("Ana")
    for skill in workspace.framework.skills:
        a = workspace.rate(a, skill.id, level=0)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await set_input(app, "#budget", "0")
        await set_input(app, "#hours", "10")
        await set_input(app, "#months", "3")
        await pilot.click("#build")
        await pilot.pause()
        assert screen.plan is not None
        assert screen.plan.total_cost == 0
        assert [a.activity_id for a in screen.plan.activities] == ["read"]
        await set_input(app, "#budget", "500")
        await pilot.press("b")  # the button has focus after the click; b rebuilds too
        await pilot.pause()
        assert screen.plan.total_cost <= 500
        assert {a.activity_id for a in screen.plan.activities} == {"read", "course"}
        assert screen.plan.total_hours <= 30
        await pilot.press("m")
        await pilot.pause()
    exported = list((workspace.library.home / "exports").glob("plan-*.md"))
    assert len(exported) == 1
    assert "A paid course" in exported[0].read_text()
