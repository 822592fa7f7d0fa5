"""``ctoprep quiz`` (opens the app in a mode; checked up to the hand-over) and ``ctoprep attempts``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.practice import Mode
from ctoprep.services.context import Workspace
from ctoprep.services.practice import Practice, QuizOptions
from tests.conftest import write_mini
from tests.practice_bank import key_for, write_bank


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    write_mini(home / "frameworks")
    write_bank(home)
    monkeypatch.setenv("CTOPREP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand in for the app: record what ``quiz`` hands over instead of opening a terminal UI."""
    calls: list[dict[str, Any]] = []

    def fake_run_app(args: Any, *, start: str | None = None, quiz: QuizOptions | None = None) -> int:
        calls.append({"start": start, "quiz": quiz, "framework": args.framework})
        return 0

    monkeypatch.setattr("ctoprep.ui.app.run_app", fake_run_app)
    monkeypatch.setattr("ctoprep.cli.terminal.has_terminal", lambda: True)
    return calls


def test_quiz_opens_the_app_in_the_mode(home: Path, opened: list[dict[str, Any]], capsys: Any) -> None:
    code, _, err = run(capsys, "quiz", "--framework", "mini", "--mode", "mock", "--count", "5", "--minutes", "12")
    assert code == 0, err
    assert opened == [
        {
            "start": "practice",
            "quiz": QuizOptions(Mode.MOCK, count=5, minutes=12.0, exam_conditions=True),
            "framework": "mini",
        }
    ]


def test_areas_imply_a_drill_and_accept_titles(home: Path, opened: list[dict[str, Any]], capsys: Any) -> None:
    code, _, _ = run(capsys, "quiz", "--framework", "mini", "--areas", "Area Beta", "--no-exam-conditions")
    assert code == 0
    quiz = opened[0]["quiz"]
    assert quiz.mode is Mode.DRILL
    assert quiz.areas == ("beta",)
    assert quiz.exam_conditions is False


def test_exam_date_is_remembered(home: Path, opened: list[dict[str, Any]], capsys: Any) -> None:
    code, _, _ = run(capsys, "quiz", "--framework", "mini", "--exam-date", "2027-03-01")
    assert code == 0
    assert opened[0]["quiz"].mode is None  # no mode: choose in the app
    ws = Workspace.open(home, "mini")
    assert Practice(ws.library, ws.store, ws.framework).exam_date == date(2027, 3, 1)
    ws.close()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--areas", "gamma"], "unknown skill area(s): gamma"),
        (["--mode", "mock", "--areas", "alpha"], "--areas applies to drills"),
    ],
)
def test_quiz_refuses_bad_input_with_a_message(
    home: Path, opened: list[dict[str, Any]], capsys: Any, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "quiz", "--framework", "mini", *argv)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert opened == []


@pytest.mark.parametrize(
    "argv", [["--count", "0"], ["--minutes", "-5"], ["--exam-date", "next week"], ["--mode", "exam"]]
)
def test_quiz_usage_errors(home: Path, opened: list[dict[str, Any]], capsys: Any, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(capsys, "quiz", *argv)
    assert exc.value.code == 2
    assert opened == []


def test_no_mock_exam_without_a_blueprint(home: Path, opened: list[dict[str, Any]], capsys: Any) -> None:
    (home / "frameworks" / "mini" / "blueprint.toml").unlink()
    code, _, err = run(capsys, "quiz", "--framework", "mini", "--mode", "mock")
    assert code == 1
    assert "no exam blueprint" in err


def test_attempts_lists_results(home: Path, capsys: Any) -> None:
    code, out, _ = run(capsys, "attempts")
    assert code == 0
    assert "No practice attempts yet" in out

    ws = Workspace.open(home, "mini")
    practice = Practice(ws.library, ws.store, ws.framework)
    mock = practice.start(QuizOptions(Mode.MOCK), seed=1)
    for pos, q in enumerate(mock.questions):
        practice.answer(mock, pos, key_for(q.id) if pos < 8 else (key_for(q.id) + 1) % 4)
    practice.finish(mock)
    drill = practice.start(QuizOptions(Mode.DRILL, count=4), seed=1)
    practice.answer(drill, 0, 0)
    ws.close()

    code, out, _ = run(capsys, "attempts")
    assert code == 0
    assert "mock" in out
    assert "8/10" in out
    assert "80 (at/above line)" in out  # 80% with the pass mark at 60%, on the mini 0-100 scale
    assert "1/4 answered" in out  # the unfinished drill
    assert "our estimate, not CoSN's scale" in out

    code, out, _ = run(capsys, "attempts", "--json", "--framework", "mini")
    data = json.loads(out)
    assert data["estimate_note"] == "our estimate, not CoSN's scale"
    by_mode = {a["mode"]: a for a in data["attempts"]}
    assert by_mode["mock"]["result"]["scaled_estimate"] == 80
    assert by_mode["mock"]["result"]["areas"][0]["id"] == "alpha"
    assert by_mode["drill"]["status"] == "in-progress"
    assert by_mode["drill"]["answered"] == 1

    code, out, _ = run(capsys, "attempts", "--framework", "other")
    assert "No practice attempts yet" in out


def test_report_on_a_stored_assessment_uses_practice_calibration_like_the_app(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.open(home, "mini")
    a = ws.start_assessment("Ana")
    for skill in ws.framework.skills:  # high self-ratings, one gap left in each area
        a = ws.rate(a, skill.id, level=1 if skill.id.endswith(".two") else 2)
    p = Practice(ws.library, ws.store, ws.framework)
    drill = p.start(QuizOptions(Mode.DRILL, areas=("alpha",), count=10), seed=1)
    for pos, q in enumerate(drill.questions):
        p.answer(drill, pos, key_for(q.id) if pos < 3 else (key_for(q.id) + 1) % 4)  # 30% right
    p.finish(drill)
    assert p.adjustments(a) == {"alpha": 1.25}
    exported = tmp_path / "ana.json"
    ws.close()
    assert run(capsys, "export", a.id, "-o", str(exported))[0] == 0

    code, out, _ = run(capsys, "report", "current", "--format", "json")
    assert code == 0
    gaps = json.loads(out)["gaps"]["skills"]
    assert [(g["skill"], g["adjustment"]) for g in gaps] == [("alpha.two", 1.25)]
    assert "weighted x1.25 by practice results" in gaps[0]["reason"]

    # the same ratings sent as a file are someone else's: this user's practice does not weigh them
    code, out, _ = run(capsys, "report", str(exported), "--format", "json")
    assert code == 0
    assert [g["adjustment"] for g in json.loads(out)["gaps"]["skills"]] == [1.0]


@pytest.mark.parametrize(
    ("argv", "home"),
    [([], None), (["--home", "/x/y"], Path("/x/y")), (["--home=/x/y"], Path("/x/y"))],
)
def test_plain_ctoprep_opens_the_app_without_building_the_parser(
    argv: list[str], home: Path | None, opened: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parser() -> None:
        raise AssertionError("the parser was built")

    monkeypatch.setattr("ctoprep.cli.main.build_parser", no_parser)
    assert main(argv) == 0
    assert opened == [{"start": None, "quiz": None, "framework": None}]


@pytest.mark.parametrize("argv", [["--home"], ["--home", "--version"], ["--version"], ["frameworks"], ["--home="]])
def test_anything_else_goes_through_the_parser(argv: list[str]) -> None:
    from ctoprep.cli.main import app_only

    assert app_only(argv) is None
