"""history, export, import, backup, restore and forget, as a user runs them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.assessment_io import assessment_to_json
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.storage.store import Store

HOSTILE = "[bold red]Mallory[/] [link=http://evil.example]x[/link] \x1b[2J\x07"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CTOPREP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def bundled_assessment(person: str = "Jordan") -> Assessment:
    from ctoprep.services.content import Library

    fw = Library(use_cache=False).framework("cosn-k12-cto")
    a = Assessment(framework=FrameworkRef(id=fw.id, version=fw.version), person=person)
    for i, skill in enumerate(fw.skills[:10]):
        a = a.with_rating(skill.id, Rating(level=i % 5, evidence=f"evidence {i}"))
    return a


def test_export_import_round_trip(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    a = bundled_assessment()
    with Store.open(home) as store:
        store.save_assessment(a)
    out_file = tmp_path / "a.json"
    code, _, err = run(capsys, "export", a.id[:6], "-o", str(out_file))
    assert code == 0, err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    code, _, err = run(capsys, "export", a.id, "-o", str(out_file))
    assert code == 1
    assert "use --force" in err
    code, _, err = run(capsys, "import", str(out_file))
    assert code == 1
    assert "already in the store" in err
    code, out, _ = run(capsys, "import", str(out_file), "--replace")
    assert code == 0
    assert "10 ratings" in out


def test_import_maps_other_framework_versions_with_a_warning(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    a = bundled_assessment()
    doc = json.loads(assessment_to_json(a))
    doc["framework"]["version"] = "2009.0"
    doc["ratings"]["retired.skill"] = {
        "level": 2,
        "evidence": "",
        "confidence": None,
        "rated_at": "2020-01-01T00:00:00Z",
    }
    f = tmp_path / "old.json"
    f.write_text(json.dumps(doc))
    code, _, err = run(capsys, "import", str(f))
    assert code == 0
    assert "another version of the framework" in err
    assert "retired.skill" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "this is a binary file, not JSON text"),
        (b'{"format": "ctoprep.assessment", "schema_version": 7}', "upgrade ctoprep"),
        (b'{"format": "something.else", "schema_version": 1}', "not a ctoprep.assessment file"),
        (b'{"format": "ctoprep.assessment", "schema_version": 1, "framework": {"id": "x"}}', "framework.version"),
        (b'{"format": "ctoprep.assessment",', "not valid JSON"),
    ],
)
def test_bad_imports_are_refused_and_the_store_is_untouched(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    with Store.open(home) as store:
        store.save_assessment(bundled_assessment("Keep"))
    f = tmp_path / "bad.json"
    f.write_bytes(content)
    code, _, err = run(capsys, "import", str(f))
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    with Store.open(home) as store:
        assert [a.person_name for a in store.assessments()] == ["Keep"]


def test_hostile_names_are_shown_as_text(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    with Store.open(home) as store:
        store.save_assessment(bundled_assessment(HOSTILE))
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "[bold red]Mallory[/]" in out
    assert "[link=http://evil.example]" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def test_backup_restore_and_forget(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    with Store.open(home) as store:
        store.save_assessment(bundled_assessment("Ana"))
    code, out, _ = run(capsys, "backup", "-o", str(tmp_path / "all.db"))
    assert code == 0
    assert "1 assessment" in out
    code, out, _ = run(capsys, "forget", "Ana", "--yes")
    assert code == 1  # people are ids, never names
    code, out, _ = run(capsys, "history", "--json")
    (person,) = {a["person_id"] for a in json.loads(out)["assessments"]}
    code, out, _ = run(capsys, "forget", person[:8], "--yes")
    assert code == 0
    assert "This deletes Ana (id " in out
    assert "1 assessment" in out
    assert "deleted Ana" in out
    code, out, _ = run(capsys, "history", "--json")
    assert json.loads(out)["assessments"] == []
    code, out, _ = run(capsys, "restore", str(tmp_path / "all.db"), "--yes")
    assert code == 0
    code, out, _ = run(capsys, "history", "--json")
    assert [a["person"] for a in json.loads(out)["assessments"]] == ["Ana"]


def test_restore_without_confirmation_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "restore", str(tmp_path / "whatever.db"))
    assert code == 1
    assert "--yes" in err


def test_report_names_a_stored_assessment_and_home_after_the_command(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    a = bundled_assessment("Ana")
    with Store.open(home) as store:
        store.save_assessment(a)
    elsewhere = tmp_path / "elsewhere"
    code, out, err = run(capsys, "report", a.id[:6], "--format", "json", "--home", str(home))
    assert code == 0, err
    assert json.loads(out)["assessment"]["id"] == a.id
    code, out, _ = run(capsys, "report", "current", "--format", "markdown")
    assert code == 0
    assert "Ana" in out
    code, _, err = run(capsys, "report", "current", "--home", str(elsewhere))
    assert code == 1
    assert "no such assessment file or stored assessment" in err


def test_home_is_accepted_after_nested_commands(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    with Store.open(home) as store:
        store.save_assessment(bundled_assessment("Ana"))
    packet = tmp_path / "ana.packet.json"
    code, _, err = run(capsys, "mentor", "export-packet", "-o", str(packet), "--home", str(home))
    assert code == 0, err
    assert packet.exists()
