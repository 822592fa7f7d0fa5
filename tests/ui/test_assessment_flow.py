"""Pilot flows: rate everything, quit and resume, change profile, see gaps change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from ctoprep.services.context import Workspace
from ctoprep.storage import settings
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.screens.assessment import AssessmentScreen
from ctoprep.ui.screens.home import HomeScreen
from ctoprep.ui.screens.results import ResultsScreen
from tests.conftest import WriteCounter


async def test_complete_an_assessment_end_to_end(workspace: Workspace) -> None:
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")  # no assessment yet: asks for a name
        await pilot.press(*"Ana", "enter")
        assert isinstance(app.screen, AssessmentScreen)
        await pilot.press("2", "1")  # alpha.one = 2, alpha.two = 1
        await pilot.press("s")  # beta.one: not rated
        await pilot.press("e")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"wrote the plan")
        await pilot.press("escape", "2")  # leave the box, rate beta.two = 2
        await pilot.pause()
    stored = workspace.current()
    assert stored is not None
    assert stored.person == "Ana"
    assert {k: r.level for k, r in stored.ratings.items()} == {
        "alpha.one": 2,
        "alpha.two": 1,
        "beta.one": None,
        "beta.two": 2,
    }
    assert stored.ratings["beta.two"].evidence == "wrote the plan"
    status = workspace.store.assessments()[0].status
    assert status == "complete"


async def test_quit_midway_and_resume_exactly_there(home: Path) -> None:
    ws = Workspace.open(home, "mini")
    app = CtoprepApp(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "enter")
        await pilot.press("1")  # rate alpha.one; moves on to alpha.two
        await pilot.press("n")  # leave alpha.two unrated: now on beta.one
        await pilot.press("ctrl+q")
    ws.close()

    ws = Workspace.open(home, "mini")  # a new process would see exactly this
    app = CtoprepApp(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.skill.id == "beta.one"
        assert screen.assessment.ratings["alpha.one"].level == 1
    ws.close()


async def test_changing_profile_changes_the_gaps(workspace: Workspace) -> None:
    a = workspace.start_assessment("Ana")
    for skill in workspace.framework.skills:
        a = workspace.rate(a, skill.id, level=1)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ResultsScreen)
        before = app.summary().gaps
        assert before is not None
        assert [g.skill_id for g in before.gaps][:2] == ["alpha.one", "alpha.two"]
        await pilot.press("t")
        await pilot.press("down", "enter")  # the second profile
        await pilot.pause()
        after = app.summary().gaps
        assert after is not None
        assert after.profile_id == "q"
        assert [g.skill_id for g in after.gaps] != [g.skill_id for g in before.gaps]


async def test_text_from_files_is_not_markup(workspace: Workspace) -> None:
    a = workspace.start_assessment("[bold red]Mallory[/] [link=http://x]y[/link]")
    workspace.rate(a, "alpha.one", level=2, evidence="[blink]boo[/blink]\x1b[2J")
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        svg = app.export_screenshot()
    assert "[bold red]Mallory[/]" in svg.replace("&#160;", " ")


async def test_switching_framework(workspace: Workspace) -> None:
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        options = app.screen.query_one("OptionList")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "cosn-k12-cto" in ids
        assert "mini" in ids
        for _ in range(ids.index("cosn-k12-cto")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.workspace.framework.id == "cosn-k12-cto"
        assert app.assessment is None  # no assessment for that framework yet


async def test_no_color_is_respected_and_nothing_depends_on_colour(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    a = workspace.start_assessment("Ana")
    for skill in workspace.framework.skills:
        a = workspace.rate(a, skill.id, level=1)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await pilot.press("r")
        await pilot.pause()
        svg = app.export_screenshot()
    # targets and levels are marked by symbols, so a monochrome screen still tells them apart
    assert "▲" in svg
    assert "█" in svg


async def test_a_rating_key_is_one_commit_and_saves_where_the_user_goes_next(workspace: Workspace) -> None:
    workspace.start_assessment("Ana")
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        with WriteCounter(workspace.store.conn) as writes:
            await pilot.press("2")  # rate alpha.one and move on to alpha.two
            await pilot.pause()
    assert writes.commits == 1, writes.statements
    stored = workspace.current()
    assert stored is not None
    assert stored.ratings["alpha.one"].level == 2
    assert stored.position == "alpha.two"  # the next skill, in the same commit


async def test_a_replaced_store_ends_the_app_with_a_clear_error_and_saves_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    import asyncio
    import os

    from textual import events

    from ctoprep.storage.store import DB_NAME, Store, StoreError

    workspace.start_assessment("Ana")
    db = workspace.store.path
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        other = tmp_path / "other.db"
        with Store.open_file(other, lock=False) as replacement:
            replacement.set_setting(settings.THEME, "elsewhere")
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.replace(other, db)
        app.post_message(events.Key("2", "2"))  # a rating: must not be "saved" into the dead file
        for _ in range(50):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.02)
    assert app.return_code == 2
    assert isinstance(app.load_error, StoreError)
    assert "replaced or removed" in str(app.load_error)
    assert db.name == DB_NAME


async def test_evidence_before_a_level_leaves_the_skill_to_rate(workspace: Workspace, home: Path) -> None:
    """Issue #18.1: `a`, Enter, `e`, type, Esc, `n` used to count the skill as done ("not rated")."""
    app = CtoprepApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Ana", "enter")
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("e", *"ran the budget", "escape")
        await pilot.press("c")  # a confidence first does not count either
        await pilot.press("n")
        await pilot.pause()
        stored = screen.assessment.ratings["alpha.one"]
        assert stored.evidence == "ran the budget"
        assert stored.level is None
        assert not stored.skipped
        assert not screen.assessment.is_done("alpha.one")
        await pilot.press("u", "u", "u")  # beta.one, beta.two, then round to alpha.one: still to rate
        assert screen.skill.id == "alpha.one"
        # a deliberate skip is done, and still told apart from a rating
        await pilot.press("s")
        await pilot.pause()
        assert screen.assessment.ratings["alpha.one"].skipped
    again = Workspace.open(home, "mini")
    try:
        reloaded = again.current()
        assert reloaded is not None
        assert reloaded.ratings["alpha.one"].skipped
        assert reloaded.ratings["alpha.one"].evidence == "ran the budget"
    finally:
        again.close()


def test_version_1_files_keep_not_rated_meaning() -> None:
    import json

    from ctoprep.core.assessment_io import parse_assessment

    old = parse_assessment(
        json.dumps(
            {
                "format": "ctoprep.assessment",
                "schema_version": 1,
                "framework": {"id": "mini", "version": "1"},
                "ratings": {"alpha.one": {"level": None}, "alpha.two": {"level": 2}},
            }
        ).encode()
    )
    assert old.ratings["alpha.one"].skipped
    assert old.is_done("alpha.one")
    assert not old.ratings["alpha.two"].skipped


async def test_enter_on_a_gap_explains_it(workspace: Workspace) -> None:
    """Issue #18.3: the reason for a gap's priority can be read at 80x24 (Enter on its row)."""
    from textual.widgets import DataTable, Static

    from ctoprep.ui.modals.gap_detail import GapDetailModal

    a = workspace.start_assessment("Ana")
    for skill in workspace.framework.skills:
        a = workspace.rate(a, skill.id, level=0)
    app = CtoprepApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = app.screen.query_one("#gap-table", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GapDetailModal)
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "priority" in shown
        assert "What to do about it" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_the_chosen_theme_comes_back(workspace: Workspace) -> None:
    app = CtoprepApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    again = CtoprepApp(workspace)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
