"""The cyclic collector: off while a ``ctoprep`` process starts, on again after the app's first frame."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ctoprep.formats import collector
from tests.conftest import run_fresh


@pytest.fixture(autouse=True)
def _restored(collector_restored: None) -> None:
    """Every test here turns the collector off or on."""


def test_hold_turns_the_collector_off_and_release_freezes_what_was_made_and_turns_it_on() -> None:
    gc.enable()
    collector.hold_for_start()
    assert not gc.isenabled()
    made = [[i] for i in range(1000)]  # tracked objects made while starting
    frozen = gc.get_freeze_count()
    collector.release_after_start()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)
    collector.release_after_start()  # once only
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_is_left_off() -> None:
    gc.disable()
    collector.hold_for_start()
    collector.release_after_start()
    assert not gc.isenabled()


def test_release_without_hold_changes_nothing() -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    collector.release_after_start()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_console_script_runs_a_command_with_the_collector_off(tmp_path: Path) -> None:
    # run() is what the 'ctoprep' console script and 'python -m ctoprep' call
    code = (
        "import gc, sys\n"
        "import ctoprep.cli.main as cli\n"
        "seen = []\n"
        "cli.main = lambda argv=None: seen.append(gc.isenabled()) or 0\n"
        "assert gc.isenabled()\n"
        "try:\n"
        "    cli.run()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "assert seen == [False], seen\n"
    )
    run_fresh(code)


def test_main_called_in_process_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    from ctoprep.cli.main import main

    gc.enable()
    assert main(["--home", str(tmp_path), "frameworks"]) == 0
    assert gc.isenabled()
