"""Building a plan in the app stays within the budget and hours typed in, and exports."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Static

from ctoprep.services.context import Workspace
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.base import CtoprepScreen
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
        await app.workers.wait_for_complete()  # the plan is built in a worker
        await pilot.pause()
        assert screen.plan is not None
        assert screen.plan.total_cost == 0
        assert [a.activity_id for a in screen.plan.activities] == ["read"]
        await set_input(app, "#budget", "500")
        await pilot.press("b")  # the button has focus after the click; b rebuilds too
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.plan.total_cost <= 500
        assert {a.activity_id for a in screen.plan.activities} == {"read", "course"}
        assert screen.plan.total_hours <= 30
        await pilot.press("m")
        await pilot.pause()
    exported = list((workspace.library.home / "exports").glob("plan-*.md"))
    assert len(exported) == 1
    assert "A paid course" in exported[0].read_text()


async def test_a_plan_is_built_off_the_ui_thread(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proving the best plan can take a second: the screen says so and keeps taking keys meanwhile."""
    import threading

    import ctoprep.services.insights as insights

    a = workspace.start_assessment("Ana")
    for skill in workspace.framework.skills:
        a = workspace.rate(a, skill.id, level=0)
    release = threading.Event()
    threads: list[str] = []
    real = insights.report_context

    def slow(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(insights, "report_context", slow)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.pause()
        output = str(screen.query_one("#plan-output", Static).render())
        assert "Building the plan" in output
        assert screen.plan is None
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.plan is not None
    assert threads
    assert all(name != threading.main_thread().name for name in threads)


async def test_a_content_problem_met_while_building_a_plan_ends_the_app_with_its_message(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is built in a worker: a ContentError there must end the app as it does on the UI thread
    (the CLI prints it), not as a worker traceback."""
    import ctoprep.services.insights as insights
    from ctoprep.core.problems import ContentError, Problem

    a = workspace.start_assessment("Ana")
    workspace.rate(a, workspace.framework.skills[0].id, level=0)

    def broken(*_: Any, **__: Any) -> Any:
        raise ContentError([Problem("frameworks/mini/catalogue.toml", "changed under the app")])

    monkeypatch.setattr(insights, "report_context", broken)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        for _ in range(100):
            await pilot.pause(0.01)
            if app.load_error is not None:
                break
    assert isinstance(app.load_error, ContentError)
    assert app.return_code == 2


async def test_only_the_latest_of_two_computations_is_delivered(workspace: Workspace) -> None:
    """A slow first build that lands after a newer one is dropped (CtoprepScreen.compute_latest)."""
    import threading

    first_may_finish = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        first_may_finish.wait(5)
        return "first"

    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, CtoprepScreen)
        screen.compute_latest("probe", slow, delivered.append)
        screen.compute_latest("probe", lambda: "second", delivered.append)
        for _ in range(100):
            await pilot.pause(0.01)
            if delivered:
                break
        first_may_finish.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert delivered == ["second"]
