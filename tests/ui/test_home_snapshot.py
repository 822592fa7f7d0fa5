"""The home screen painted from the last run's snapshot, then replaced by the real workspace."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Static

from ctoprep.core.problems import ContentError, Problem
from ctoprep.services.context import Workspace
from ctoprep.storage import paths
from ctoprep.ui import home_snapshot
from ctoprep.ui.app import CtoprepApp, open_app
from ctoprep.ui.home_content import HomeContent
from ctoprep.ui.screens.assessment import AssessmentScreen
from ctoprep.ui.screens.home import HomeScreen
from ctoprep.ui.widgets.practice_line import PracticeLine
from tests.conftest import run_fresh

TODAY = date(2026, 11, 23)
NAMES = ("title", "readiness", "gaps", "steps", "practice")


def content(marker: str) -> HomeContent:
    def text(label: str) -> Text:
        t = Text()
        t.append(f"{label} {marker}", style="bold")
        t.append(" [red]not markup[/red]", style="dim green")
        return t

    return HomeContent(
        title=text("title"),
        readiness=text("readiness"),
        gaps=text("gaps"),
        steps=text("steps"),
        practice=text("practice"),
    )


def shown(app: CtoprepApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def seed(home: Path) -> None:
    ws = Workspace.open(home, "mini")
    a = ws.start_assessment("Ana")
    ws.rate(a, "alpha.one", level=1)
    ws.close()


# content ----------------------------------------------------------------------------------------
def test_content_round_trips_through_json_with_styles_and_literal_brackets() -> None:
    original = content("x")
    again = HomeContent.from_json(json.loads(json.dumps(original.to_json())))
    for name in ("title", "readiness", "gaps", "steps", "practice"):
        before, after = getattr(original, name), getattr(again, name)
        assert after.plain == before.plain
        assert "[red]not markup[/red]" in after.plain
        assert [(s.start, s.end, str(s.style)) for s in after.spans] == [
            (s.start, s.end, str(s.style)) for s in before.spans
        ]


@pytest.mark.parametrize(
    "hostile",
    [
        None,
        [],
        {"title": "just a string"},
        {name: {"text": "x", "spans": [[0, 99, "bold"]]} for name in NAMES},
        {name: {"text": "x", "spans": [[0, 1, "link https://evil.example"]]} for name in NAMES},
        {name: {"text": "x", "style": 3} for name in NAMES},
    ],
)
def test_hostile_content_is_refused(hostile: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        HomeContent.from_json(hostile)


# the key -------------------------------------------------------------------------------------------
def test_snapshot_is_used_only_while_nothing_it_depends_on_has_changed(home: Path) -> None:
    seed(home)
    home_snapshot.write(home, "mini", TODAY, content("saved"))
    read = home_snapshot.read(home, "mini", TODAY)
    assert read is not None
    assert "saved" in read.gaps.plain

    assert home_snapshot.read(home, "mini", date(2026, 11, 24)) is None  # a new day: due counts change
    assert home_snapshot.read(home, None, TODAY) is None  # another framework asked for

    ws = Workspace.open(home, "mini")  # any write to the store
    ws.make_current(ws.current_id() or "")
    ws.close()
    assert home_snapshot.read(home, "mini", TODAY) is None

    home_snapshot.write(home, "mini", TODAY, content("again"))
    assert home_snapshot.read(home, "mini", TODAY) is not None
    area = next((home / "frameworks").rglob("*.toml"))
    stat = area.stat()
    os.utime(area, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # an edited framework file
    assert home_snapshot.read(home, "mini", TODAY) is None


def test_a_corrupt_snapshot_is_ignored(home: Path) -> None:
    seed(home)
    home_snapshot.write(home, "mini", TODAY, content("saved"))
    path = home_snapshot.snapshot_file(home)
    path.write_text("{not json", encoding="utf-8")
    assert home_snapshot.read(home, "mini", TODAY) is None
    record = {"key": home_snapshot.state_key(home, "mini", TODAY), "content": {"title": 1}}
    path.write_text(json.dumps(record), encoding="utf-8")
    assert home_snapshot.read(home, "mini", TODAY) is None


def test_closing_waits_for_a_worker_so_the_snapshot_saved_after_stays_current(home: Path) -> None:
    """SQLite rewrites the store's files when its last connection closes: a worker still counting when the
    app quits would make the snapshot just saved stale (the next start would paint "loading")."""
    import threading

    from ctoprep.services.context import WorkspaceClosedError

    seed(home)
    ws = Workspace.open(home, "mini")
    opened = threading.Event()

    def worker() -> None:
        with ws.connection_for_worker() as store:
            store.latest_assessment()
            opened.set()
            time.sleep(0.2)

    thread = threading.Thread(target=worker)
    thread.start()
    assert opened.wait(5)
    ws.close()  # waits for the worker's connection
    assert not thread.is_alive()
    home_snapshot.write(home, "mini", TODAY, content("saved"))
    assert home_snapshot.read(home, "mini", TODAY) is not None
    with pytest.raises(WorkspaceClosedError), ws.connection_for_worker():
        pass  # a worker that comes too late does not touch the store


# the app ----------------------------------------------------------------------------------------------
def slow_app(home: Path, seconds: float) -> CtoprepApp:
    """The app painted from a snapshot, with a workspace that takes ``seconds`` to open."""
    seed(home)

    def slow_open() -> Workspace:
        time.sleep(seconds)
        return Workspace.open(home, "mini")

    return CtoprepApp(opener=slow_open, first_paint=content("SNAPSHOT"), today=TODAY)


async def test_home_paints_the_snapshot_then_the_real_workspace(home: Path) -> None:
    app = slow_app(home, 0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.showing_snapshot
        assert "SNAPSHOT" in shown(app, "#gaps-body")
        assert "[red]not markup[/red]" in shown(app, "#gaps-body")
        assert "SNAPSHOT" in str(screen.query_one(PracticeLine).render())
        for _ in range(200):
            await pilot.pause(0.01)
            if not screen.showing_snapshot:
                break
        assert app.loaded
        assert not screen.showing_snapshot
        assert "SNAPSHOT" not in shown(app, "#gaps-body")
        assert "Top gaps  (against Profile)" in shown(app, "#gaps-body")
        assert "SNAPSHOT" not in str(screen.query_one(PracticeLine).render())
    app.close_workspace(home, "mini")


async def test_a_key_pressed_before_the_workspace_arrives_waits_for_it(home: Path) -> None:
    app = slow_app(home, 0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        assert app.assessment is not None
        assert app.assessment.person == "Ana"
    app.close_workspace(home, "mini")


async def test_a_workspace_that_fails_to_load_ends_the_app_with_the_problem(home: Path) -> None:
    def broken() -> Workspace:
        raise ContentError([Problem("frameworks/mini/framework.toml", "broken since last time")])

    app = CtoprepApp(opener=broken, first_paint=content("SNAPSHOT"), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.01)
            if app.load_error is not None:
                break
    assert isinstance(app.load_error, ContentError)
    assert app.return_code == 2
    app.close_workspace(home, "mini")  # nothing opened: nothing to close, no snapshot written
    assert not home_snapshot.snapshot_file(home).exists()


async def test_closing_saves_a_snapshot_the_next_start_paints_identically(home: Path) -> None:
    seed(home)
    app = open_app(home, "mini", today=TODAY)
    assert not app.loaded  # no snapshot yet: the first frame says it is loading, the workspace follows
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.showing_snapshot  # type: ignore[attr-defined]
        assert "Loading your workspace" in shown(app, "#readiness-body")
        assert not any(ch.isdigit() for ch in shown(app, "#gaps-body"))  # no figures before the real ones
        for _ in range(200):
            await pilot.pause(0.01)
            if app.loaded and not app.screen.showing_snapshot:  # type: ignore[attr-defined]
                break
        assert "Loading" not in shown(app, "#readiness-body")
        real = {sel: shown(app, sel) for sel in ("#home-title", "#readiness-body", "#gaps-body", "#next-steps")}
    app.close_workspace(paths.data_home(home), "mini")

    again = open_app(home, "mini", today=TODAY)
    assert not again.loaded
    assert again.first_paint is not None
    async with again.run_test(size=(120, 40)) as pilot:
        assert again.screen.showing_snapshot  # type: ignore[attr-defined]
        painted = {sel: shown(again, sel) for sel in real}
        assert painted == real
    again.close_workspace(paths.data_home(home), "mini")

    # a command-line change to the store makes the snapshot stale: the next start paints "loading"
    ws = Workspace.open(home, "mini")
    assessment = ws.current()
    assert assessment is not None
    ws.rate(assessment, "alpha.two", level=3)
    ws.close()
    stale = open_app(home, "mini", today=TODAY)
    assert stale.first_paint is not None
    assert "Loading your workspace" in stale.first_paint.readiness.plain
    assert "Profile" not in stale.first_paint.gaps.plain


# the loading thread prepares the home --------------------------------------------------------------------
def seed_practice(home: Path, *, answer: bool) -> None:
    """Ana rated every skill 1; a beta drill of 10 questions, all answered wrong (``answer``) or left open."""
    from ctoprep.core.practice import Mode
    from ctoprep.services.practice import Practice, QuizOptions
    from tests.practice_bank import key_for, start_of_utc_day, write_bank

    write_bank(home)
    ws = Workspace.open(home, "mini")
    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:
        a = ws.rate(a, skill.id, level=1)
    practice = Practice(ws.library, ws.store, ws.framework, now=start_of_utc_day)  # due today at any hour
    drill = practice.start(QuizOptions(Mode.DRILL, areas=("beta",), count=10), seed=1)
    if answer:
        for pos, q in enumerate(drill.questions):
            practice.answer(drill, pos, (key_for(q.id) + 1) % 4)  # all wrong: over-confident in beta
        practice.finish(drill)
    ws.close()


def opening_slowly(home: Path, seconds: float) -> CtoprepApp:
    def slow_open() -> Workspace:
        time.sleep(seconds)
        return Workspace.open(home, "mini")

    return CtoprepApp(opener=slow_open, first_paint=content("SNAPSHOT"), today=TODAY)


async def until_replaced(app: CtoprepApp, pilot: Any) -> HomeScreen:
    home = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
    for _ in range(300):
        if app.loaded and not home.showing_snapshot:
            break
        await pilot.pause(0.01)
    assert app.loaded
    assert not home.showing_snapshot
    return home


async def test_with_practice_the_loading_thread_counts_it_before_the_home_replaces_the_snapshot(
    home: Path, monkeypatch: pytest.MonkeyPatch, bank_read_threads: list[str]
) -> None:
    """The calibration weights move the gaps: the first real home already has them (and the due count),
    the bank is read once, in the loading thread, and the line's worker is not started again."""
    seed_practice(home, answer=True)
    bank_read_threads.clear()  # seeding read the bank; from here on, the app's reads are counted
    gathers: list[int] = []
    real_gather = PracticeLine.gather
    monkeypatch.setattr(PracticeLine, "gather", lambda line: gathers.append(1) or real_gather(line))
    app = opening_slowly(home, 0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await until_replaced(app, pilot)
        line = str(screen.query_one(PracticeLine).render())
        assert "10 questions due for review today" in line
        assert app.practice_adjustments["mini"] == {"beta": 1.25}
        assert not gathers  # counted once, by the thread
        shown_now = {sel: shown(app, sel) for sel in ("#home-title", "#readiness-body", "#gaps-body", "#next-steps")}
        screen.refresh_data()  # what the UI thread words from the same state
        await pilot.pause()
        assert {sel: shown(app, sel) for sel in shown_now} == shown_now
        assert bank_read_threads == ["ctoprep-load"]
        assert app.practice().bank is not None
    app.close_workspace(home, "mini")


async def test_a_key_pressed_while_the_thread_counts_practice_is_served_with_the_weights(home: Path) -> None:
    from ctoprep.ui.screens.results import ResultsScreen

    seed_practice(home, answer=True)
    app = opening_slowly(home, 0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")  # before the workspace has arrived
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.practice_adjustments["mini"] == {"beta": 1.25}
        gaps = app.summary().gaps
        assert gaps is not None
        assert next(g for g in gaps.areas if g.area_id == "beta").adjustment == 1.25
        screen = await until_replaced(app, pilot)  # under the results, the home was replaced as well
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "SNAPSHOT" not in shown(app, "#gaps-body")
        assert "10 questions due for review today" in str(screen.query_one(PracticeLine).render())
    app.close_workspace(home, "mini")


async def test_the_prepared_home_is_not_shown_once_the_state_has_moved_on(home: Path) -> None:
    seed(home)  # Ana rated one skill of four
    app = opening_slowly(home, 0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        workspace = app.workspace  # waits for the thread; its WorkspaceLoaded is not handled yet
        assert "1 of 4 skills rated" in workspace_text(app)
        app.assessment = workspace.start_assessment("Bo")  # the state moves on first
        await until_replaced(app, pilot)
        assert "0 of 4 skills rated" in shown(app, "#readiness-body")
    app.close_workspace(home, "mini")


def workspace_text(app: CtoprepApp) -> str:
    from ctoprep.ui.home_content import build_home_content

    return build_home_content(app, Text()).readiness.plain


async def test_without_practice_answers_the_line_still_counts_an_unfinished_attempt(home: Path) -> None:
    """Nothing answered: the home replaces the snapshot without the practice facts, then the line's
    worker finds the attempt left open (as it does whenever the home is shown)."""
    seed_practice(home, answer=False)
    app = opening_slowly(home, 0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await until_replaced(app, pilot)
        line = screen.query_one(PracticeLine)
        for _ in range(300):
            if "unfinished" in str(line.render()):
                break
            await pilot.pause(0.01)
        assert "an unfinished area drill to resume" in str(line.render())
        assert app.practice_text is not None
        assert "unfinished" in app.practice_text.plain
    app.close_workspace(home, "mini")


def test_without_practice_answers_the_load_imports_no_practice_service(home: Path) -> None:
    seed(home)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ctoprep.services.context import Workspace\n"
        "from ctoprep.ui.loading import load_workspace\n"
        f"loaded = load_workspace(lambda: Workspace.open(Path({str(home)!r}), 'mini'))\n"
        "assert loaded.home is not None and 'Top gaps' in loaded.home.gaps.plain\n"
        "assert loaded.practice_text is None and loaded.practice is None\n"
        "heavy = [m for m in ('ctoprep.services.practice', 'ctoprep.core.packets') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "loaded.workspace.close()\n"
    )
    run_fresh(code)


def test_forget_deletes_the_snapshot(home: Path) -> None:
    from ctoprep.cli.main import main

    seed(home)
    home_snapshot.write(home, "mini", TODAY, content("saved"))
    from ctoprep.storage.store import Store

    with Store.open(home) as store:
        person = store.self_person()
    assert main(["--home", str(home), "forget", person, "--yes"]) == 0
    assert not home_snapshot.snapshot_file(home).exists()


async def test_the_collector_held_off_at_start_is_on_again_after_the_first_frame(
    home: Path, collector_restored: None
) -> None:
    import gc

    from ctoprep.formats import collector

    gc.enable()
    collector.hold_for_start()  # as the console script does
    app = slow_app(home, 0.2)
    on_when_loading_starts: list[bool] = []
    start_loading = app.start_loading

    def recorded() -> None:
        on_when_loading_starts.append(gc.isenabled())
        start_loading()

    app.start_loading = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if app.loaded:
                break
        assert app.loaded
        assert on_when_loading_starts == [True]  # on again after the first frame, before the load
        assert gc.isenabled()  # and the loading thread's pause restored it
    app.close_workspace(home, "mini")
