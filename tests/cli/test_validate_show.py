"""The foundation commands, called through ``main(argv)`` as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from tests.conftest import write_mini


@pytest.fixture(autouse=True)
def _fresh_consoles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    output.reset()
    monkeypatch.setenv("CTOPREP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_bundled_content_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0, err
    assert "validation passed: 0 errors" in out
    assert "framework cosn-k12-cto" in out


def test_validate_json_for_scripts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_mini(tmp_path)
    (folder / "areas" / "alpha.toml").write_text("[area]\nid = 3\n")
    code, out, _ = run(capsys, "validate", "--json", str(folder))
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["errors"] >= 1
    first = report["problems"][0]
    assert first["file"].endswith("alpha.toml")
    assert first["line"] == 2
    assert "id" in first["message"]


def test_validate_a_bank_file_with_its_framework(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_mini(tmp_path)
    code, out, err = run(capsys, "validate", str(folder), str(tmp_path / "bank.toml"))
    assert code == 0, err
    assert "ok  questions for mini: 1 in 1 file" in out


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_bytes(bytes(range(256)) * 40), "binary file"),
        (lambda p: p.mkdir(), "nothing to validate"),
        (lambda p: p.write_text("[bank]\nid = 'x'\nframework = 'nowhere'\n"), "no framework with this id"),
        (lambda p: p.write_text("just = 'a table'\n"), "missing required key 'bank'"),
        (lambda p: None, "no such file or folder"),
    ],
)
def test_bad_input_never_gives_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: object, expected: str
) -> None:
    target = tmp_path / "input.toml"
    make(target)  # type: ignore[operator]
    code, _, err = run(capsys, "validate", str(target))
    assert code == 1
    assert expected in err
    assert "Traceback" not in err


def test_huge_file_is_refused_clearly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    code, _, err = run(capsys, "validate", str(big))
    assert code == 1
    assert "file is too large" in err


def test_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = tmp_path / "locked.toml"
    locked.write_text("[bank]\n")
    locked.chmod(0)
    code, _, err = run(capsys, "validate", str(locked))
    assert code == 1
    assert "permission denied" in err


def test_frameworks_lists_bundled_and_user(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_mini(tmp_path / "home" / "frameworks")
    code, out, _ = run(capsys, "frameworks", "--json")
    assert code == 0
    listed = {f["id"]: f["origin"] for f in json.loads(out)["frameworks"]}
    assert listed["cosn-k12-cto"] == "bundled"
    assert listed["mini"] == "user"


def test_show_json_has_everything(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "cosn-k12-cto", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["categories"]) == 3
    assert sum(len(c["areas"]) for c in data["categories"]) == 10
    assert data["scale"]["levels"][0]["value"] == 0
    assert "questions" in data


def test_show_text_and_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--no-questions")
    assert code == 0
    assert "Strategic Planning" in out
    code, _, err = run(capsys, "show", "cosn-k12-ct")
    assert code == 1
    assert "did you mean 'cosn-k12-cto'" in err


def test_schema_files_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    repo_schemas = Path(__file__).resolve().parents[2] / "schemas"
    code, _, err = run(capsys, "schema", "--check", "-o", str(repo_schemas))
    assert code == 0, err


def test_shipped_toml_files_declare_their_schema() -> None:
    root = Path(__file__).resolve().parents[2]
    files = list((root / "frameworks").rglob("*.toml")) + list((root / "question_banks").rglob("*.toml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#:schema "), path
        target = (path.parent / first.removeprefix("#:schema ").strip()).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
