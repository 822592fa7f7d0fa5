"""GIFT and Aiken read as Moodle reads them, partial imports, and '-' for standard input and output."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import tomli

from ctoprep.formats.aiken import read_aiken
from ctoprep.formats.gift import read_gift, unwrap
from tests.interchange.conftest import run


def test_weight_on_the_right_answer_is_not_text() -> None:
    (draft,) = read_gift("Capital of France? {=%100%Paris ~%0%Lyon ~Nice}", "x").drafts
    assert [o.text for o in draft.options] == ["Paris", "Lyon", "Nice"]
    assert draft.answer == 0


def test_moodle_id_and_tag_comments_are_read() -> None:
    text = "// [id:q-77] [tag:budget]\n// [tag:E-rate]\n::T:: Which? {=a ~b}\n"
    (draft,) = read_gift(text, "x").drafts
    assert draft.title == "q-77"
    assert draft.tags == ("budget", "E-rate")


def test_two_answer_blocks_skip_that_question_only() -> None:
    parsed = read_gift("One {=a ~b} and {=c ~d}\n\nTwo? {=x ~y}\n", "x")
    assert not parsed.errors
    assert [s.reason for s in parsed.skipped] == ["two '{...}' answer blocks (a cloze question)"]
    assert [d.stem for d in parsed.drafts] == ["Two?"]


def test_hard_line_breaks_are_joined_on_export() -> None:
    assert unwrap("A district of\n12,000 students.\n\n- one\n- two") == "A district of 12,000 students.\n\n- one\n- two"


def test_aiken_option_without_a_space_is_read() -> None:
    (draft,) = read_aiken("Which?\nA)First\nB.Second\nANSWER: B\n", "x").drafts
    assert [o.text for o in draft.options] == ["First", "Second"]
    assert draft.answer == 1


def test_aiken_imports_the_good_questions_and_reports_the_bad(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "mixed.txt"
    source.write_text(
        "Good one?\nA. yes\nB. no\nANSWER: A\n\nBad one?\nA. yes\nB. no\nANSWER: E\n\n"
        "Good two?\nA. x\nB. y\nANSWER: B\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.toml"
    code, out, err = run(
        capsys,
        "import-questions",
        str(source),
        "--format",
        "aiken",
        "--framework",
        "mini",
        "--skill",
        "alpha.one",
        "-o",
        str(target),
    )
    assert code == 1  # something was left out: a script can tell
    assert "mixed.txt:9:" in err
    assert "not one of the options" in err
    assert "imported 2 questions" in out
    assert "1 could not be read" in out
    bank = tomli.loads(target.read_text(encoding="utf-8"))
    assert [q["stem"] for q in bank["questions"]] == ["Good one?", "Good two?"]


def test_gift_txt_is_gift_and_dash_writes_to_stdout(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "moodle-export.gift.txt"
    source.write_text("::a:: Which? {=%100%Right ~Wrong}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "import-questions", str(source), "--framework", "mini", "--skill", "alpha.one", "-o", "-"
    )
    assert code == 0, err
    assert not (tmp_path / "-").exists()
    bank = tomli.loads(out)
    assert bank["questions"][0]["options"][0]["text"] == "Right"
    # the schema the file points to lives in the data folder, not in the installed package
    first = out.splitlines()[0]
    assert first.startswith("#:schema file:")
    assert str(home / "schemas") in first
    assert (home / "schemas" / "question-bank.schema.json").is_file()


def test_questions_from_stdin(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Which?\nA. one\nB. two\nANSWER: A\n")))
    target = tmp_path / "from-stdin.toml"
    code, _, err = run(
        capsys,
        "import-questions",
        "-",
        "--format",
        "aiken",
        "--framework",
        "mini",
        "--skill",
        "alpha.one",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert tomli.loads(target.read_text(encoding="utf-8"))["questions"][0]["stem"] == "Which?"


def test_report_reads_an_assessment_from_stdin(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"{ not json")))
    code, _, err = run(capsys, "report", "-")
    assert code == 1
    assert "<stdin>" in err
    assert "file not found" not in err


def test_assessment_with_a_schema_key_is_accepted() -> None:
    import json

    from ctoprep.core.assessment_io import assessment_to_json, parse_assessment
    from ctoprep.core.models.assessment import Assessment, FrameworkRef

    made = Assessment(framework=FrameworkRef(id="mini", version="1"), person="p")
    doc = json.loads(assessment_to_json(made))
    doc = {"$schema": "https://example.invalid/assessment.schema.json", **doc}
    assert parse_assessment(json.dumps(doc).encode()).id == doc["id"]


def test_backup_to_stdout_restores(tmp_path: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "CTOPREP_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "ctoprep", "backup", "-o", "-"], capture_output=True, env=env, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"SQLite format 3\x00")
    assert not (tmp_path / "-").exists()
    (tmp_path / "b.db").write_bytes(done.stdout)
    env["CTOPREP_HOME"] = str(tmp_path / "other")
    again = subprocess.run(
        [sys.executable, "-m", "ctoprep", "restore", str(tmp_path / "b.db"), "--yes"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert again.returncode == 0, again.stderr
