"""Without a terminal (a pipe, cron) the app and ``quiz`` exit 2 with a message and save nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main


def _run(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CTOPREP_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "ctoprep", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("argv", [(), ("quiz",), ("quiz", "--mode", "mock", "--count", "5")])
def test_no_terminal_is_a_clear_error_and_exit_2(tmp_path: Path, argv: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    done = _run(home, *argv)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert "\x1b" not in done.stdout  # no escape codes written into the pipe
    assert done.stdout == ""
    assert "Traceback" not in done.stderr


def test_quiz_without_terminal_saves_no_exam_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ctoprep.cli.terminal.has_terminal", lambda: False)
    output.reset()
    code = main(["--home", str(tmp_path), "quiz", "--exam-date", "2027-03-01", "--mode", "mock"])
    assert code == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # no store created, so no exam date and no attempt saved
