"""``ctoprep report``, ``plan`` and ``import-ratings`` as a user runs them, on the mini framework."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.assessment_io import assessment_to_json
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.formats.exchange_files import read_assessment
from tests.conftest import write_mini


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    output.reset()
    home = tmp_path / "home"
    (home / "frameworks").mkdir(parents=True)
    write_mini(home / "frameworks")
    monkeypatch.setenv("CTOPREP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def assessment_file(tmp_path: Path) -> Path:
    assessment = Assessment(
        framework=FrameworkRef(id="mini", version="1.0"),
        person="[bold]Jordan[/bold] <Lee>",
        rater=Rater(role=RaterRole.SELF, name="Jordan"),
        ratings={
            "alpha.one": Rating(level=0, evidence="Drafted a [link]plan[/link]"),
            "alpha.two": Rating(level=2, evidence="Board-approved plan"),
            "beta.one": Rating(level=0),
            "beta.two": Rating(level=None),
        },
    )
    path = tmp_path / "a.json"
    path.write_text(assessment_to_json(assessment))
    return path


def test_report_text_shows_scores_bars_and_gaps(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, err = run(capsys, "report", str(assessment_file))
    assert code == 0, err
    assert "[bold]Jordan[/bold] <Lee> — Mini framework" in out  # person's text printed literally
    assert "Overall 33/100 · 3 of 4 skills rated · 2 with evidence" in out
    assert "Area alpha" in out
    # plain bars when NO_COLOR is set: alpha scores 50 against a target of 100
    assert "##########..........|" in out
    assert "Top gaps against Profile" in out
    assert "2 levels below target (now 0, target 2), 60% of the exam, importance 2" in out
    assert "\x1b[" not in out


def test_report_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, _ = run(capsys, "report", str(assessment_file), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "ctoprep.report"
    assert doc["schema_version"] == 1
    assert doc["profile"] == {"id": "p", "title": "Profile"}
    assert doc["scores"]["overall"]["rated"] == 3
    assert doc["scores"]["overall"]["score"] == 33.33
    assert [a["id"] for a in doc["scores"]["areas"]] == ["alpha", "beta"]
    assert doc["scores"]["content_areas"][0]["weight"] == 100
    first = doc["gaps"]["skills"][0]
    assert first["skill"] == "alpha.one"
    assert first["gap"] == 2
    assert first["priority"] == pytest.approx(100 * 2 / 2 * 2 * 1.1)
    assert doc["gaps"]["not_rated"] == []  # beta.two has no target in this profile
    assert doc["plan"] is None
    for group in doc["scores"]["areas"]:
        assert group["score"] is None or 0 <= group["score"] <= 100


def test_report_markdown_escapes_text(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, _ = run(capsys, "report", str(assessment_file), "--format", "markdown")
    assert code == 0
    assert out.startswith("# \\[bold\\]Jordan\\[/bold\\] \\<Lee\\>: Mini framework")
    assert "| Area alpha | 50 | 100 | 1 | 2/2 | 2 |" in out
    assert "## Top gaps against Profile" in out


def test_report_html_is_one_self_contained_file(
    capsys: pytest.CaptureFixture[str], assessment_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code, _, err = run(capsys, "report", str(assessment_file), "--plan", "-o", str(target))
    assert code == 0, err
    page = target.read_text()
    assert page.startswith("<!doctype html>")
    assert "&lt;Lee&gt;" in page
    assert "<Lee>" not in page
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page
    assert "@media print" in page
    assert 'class="bar"' in page
    assert "PD plan" in page
    assert "Read a book" in page


def test_output_file_is_not_overwritten_without_force(
    capsys: pytest.CaptureFixture[str], assessment_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep me")
    code, _, err = run(capsys, "report", str(assessment_file), "-o", str(target))
    assert code == 1
    assert "exists" in err
    assert "--force" in err
    assert target.read_text() == "keep me"
    code, _, _ = run(capsys, "report", str(assessment_file), "-o", str(target), "--force")
    assert code == 0
    assert target.read_text().startswith("# ")  # markdown, from the .md suffix


def test_text_to_a_file_is_plain(capsys: pytest.CaptureFixture[str], assessment_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    code, _, _ = run(capsys, "report", str(assessment_file), "-o", str(target))
    assert code == 0
    text = target.read_text()
    assert "Skill areas" in text
    assert "\x1b[" not in text
    assert "█" not in text


def test_plan_within_limits(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, err = run(
        capsys,
        "plan",
        str(assessment_file),
        "--budget",
        "500",
        "--hours-per-month",
        "8",
        "--months",
        "3",
        "--start",
        "2026-09-01",
        "--format",
        "json",
    )
    assert code == 0, err
    plan = json.loads(out)["plan"]
    assert plan["limits"] == {"budget_usd": 500, "hours_per_month": 8.0, "months": 3, "start": "2026-09-01"}
    assert plan["totals"]["cost_usd"] <= 500
    assert all(m["hours"] <= 8 for m in plan["months"])
    assert {a["id"] for a in plan["activities"]} == {"course", "read"}
    course = next(a for a in plan["activities"] if a["id"] == "course")
    assert course["produces"] == "A certificate and a project"
    assert course["rerate_on"] == "2026-11-01"


def test_plan_defaults_are_the_apps(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, err = run(capsys, "plan", str(assessment_file), "--start", "2026-09-01")
    assert code == 0, err
    assert "Budget $500" in out  # the plan screen's default: one default for both


def test_plan_without_budget_is_still_useful(capsys: pytest.CaptureFixture[str], assessment_file: Path) -> None:
    code, out, err = run(capsys, "plan", str(assessment_file), "--start", "2026-09-01", "--budget", "0")
    assert code == 0, err
    assert "PD plan" in out
    assert "Budget $0" in out
    assert "No budget: the plan uses free activities only" in out
    assert "Read a book" in out
    assert "A paid course" in out  # left out, with the reason
    assert "costs $400; the budget is $0" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "missing.json"], "no such assessment file"),
        (["report", "{a}", "--profile", "no-such-profile"], "no target profile with this id"),
        (["plan", "{a}", "--profile", "nope"], "available:"),
    ],
)
def test_bad_input_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], assessment_file: Path, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *[a.replace("{a}", str(assessment_file)) for a in argv])
    assert code == 1
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("bad", [["--budget", "-5"], ["--months", "0"], ["--hours-per-month", "lots"]])
def test_bad_limits_are_usage_errors(capsys: pytest.CaptureFixture[str], assessment_file: Path, bad: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", str(assessment_file), *bad])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_not_an_assessment_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    code, _, err = run(capsys, "report", str(bad))
    assert code == 1
    assert "not a ctoprep.assessment file" in err


# import-ratings --------------------------------------------------------------------------------


def test_import_ratings_builds_an_assessment(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "ratings.csv"
    sheet.write_text(
        'skill,level,evidence,confidence\nalpha.one,1,"Plan draft, reviewed",low\nalpha.two,Lots,,\nbeta.one,,,\n'
    )
    target = tmp_path / "a.json"
    code, _, err = run(capsys, "import-ratings", str(sheet), "--framework", "mini", "--person", "Jo", "-o", str(target))
    assert code == 0, err
    assert "3 rows read: 2 of 4 skills rated, 1 with evidence" in err
    assessment = read_assessment(target)
    assert assessment.person == "Jo"
    assert assessment.framework.id == "mini"
    assert assessment.ratings["alpha.one"].level == 1
    assert assessment.ratings["alpha.one"].evidence == "Plan draft, reviewed"
    assert assessment.ratings["alpha.one"].confidence == "low"
    assert assessment.ratings["alpha.two"].level == 2  # by label
    assert assessment.ratings["beta.one"].level is None  # explicitly not rated
    code, out, _ = run(capsys, "report", str(target))
    assert code == 0
    assert "Overall 75/100 · 2 of 4 skills rated" in out


def test_import_ratings_reports_every_bad_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "ratings.csv"
    sheet.write_text("skill,level,evidence\nalpha.one,1,ok\nalpha.oen,1,typo\nbeta.one,7,too high\nalpha.one,2,again\n")
    code, out, err = run(capsys, "import-ratings", str(sheet), "--framework", "mini")
    assert code == 1
    assert out == ""
    assert "ratings.csv:3:1: error: unknown skill 'alpha.oen' for framework mini" in err
    assert "did you mean 'alpha.one'" in err
    assert "ratings.csv:4:2: error: level '7' for beta.one is not on the scale (0 None, 1 Some, 2 Lots)" in err
    assert "ratings.csv:5:1: error: skill 'alpha.one' is rated twice (also on line 2)" in err
    assert "Traceback" not in err


def test_import_ratings_to_stdout_without_a_header(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "ratings.csv"
    sheet.write_bytes("\ufeffalpha.one;2;Led the review\nbeta.two;0;\n".encode())  # Excel: BOM and semicolons
    code, out, err = run(capsys, "import-ratings", str(sheet), "--framework", "mini", "--rater", "mentor")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["format"] == "ctoprep.assessment"
    assert doc["rater"]["role"] == "mentor"
    assert doc["ratings"]["alpha.one"]["level"] == 2
    assert doc["ratings"]["alpha.one"]["evidence"] == "Led the review"


def test_import_ratings_refuses_unknown_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "ratings.csv"
    sheet.write_text("alpha.one,2,x\n")
    code, _, err = run(capsys, "import-ratings", str(sheet), "--framework", "mini", "--profile", "zzz")
    assert code == 1
    assert "no target profile with this id" in err


def test_text_is_rich_on_a_terminal_and_plain_otherwise(assessment_file: Path) -> None:
    import io
    from datetime import date

    from rich.console import Console

    from ctoprep.cli.commands.report import is_plain, render_text
    from ctoprep.reports import prepare
    from ctoprep.services.content import Library

    framework = Library().framework("mini")
    ctx = prepare(framework, read_assessment(assessment_file), None, generated_on=date(2026, 11, 22))

    def draw(**options: object) -> tuple[bool, str]:
        buffer = io.StringIO()
        console = Console(file=buffer, width=120, **options)  # type: ignore[arg-type]
        render_text(ctx, console)
        return is_plain(console), buffer.getvalue()

    plain, rich_out = draw(force_terminal=True, color_system="truecolor", no_color=False)
    assert not plain
    assert "█" in rich_out
    assert "\x1b[" in rich_out
    assert "[bold]Jordan[/bold]" in rich_out  # still literal, never markup
    plain, piped = draw(force_terminal=False)
    assert plain
    assert "#" in piped
    assert "█" not in piped
    assert "\x1b[" not in piped
    plain, no_color = draw(force_terminal=True, no_color=True)
    assert plain
    assert "█" not in no_color


@pytest.mark.parametrize("columns", ["80", "100"])
def test_report_keeps_its_numbers_at_80_and_100_columns(
    capsys: pytest.CaptureFixture[str], assessment_file: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """Issue #18.11: at 80 columns score, target, gap and rated were cut; at 100 the gap column was."""
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(capsys, "report", str(assessment_file))
    assert code == 0
    header = next(line for line in out.splitlines() if line.lstrip().startswith("area"))
    for name in ("score", "target", "gap", "rated", "evidence"):
        assert name in header, (columns, header)
    assert "…" not in out  # nothing is cut to an ellipsis
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert "priority" in out
    assert " a level (importance" in out  # what the priority is made of


def test_piped_report_is_not_wrapped(tmp_path: Path, assessment_file: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["CTOPREP_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-m", "ctoprep", "report", str(assessment_file)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reasons = [
        line for line in done.stdout.splitlines() if "levels below target" in line or "level below target" in line
    ]
    assert reasons
    assert any(len(line) > 80 for line in reasons)  # one line per reason, as long as it needs
