"""Fixtures for the interchange tests: the mini framework loaded, the fixture folder, the CASE schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.models.framework import Framework
from ctoprep.formats.loading import load_framework
from tests.conftest import write_mini

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASE_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "case" / "case-v1p1-cfpackage-schema.json"
"""1EdTech's CASE 1.1 CFPackage schema (third-party: read from the shared folder, never copied here)."""


@pytest.fixture
def mini_framework(tmp_path: Path) -> Framework:
    return load_framework(write_mini(tmp_path / "content"))


@pytest.fixture(scope="session")
def case_validator() -> Any:
    if not CASE_SCHEMA.is_file():
        pytest.skip(f"the CASE 1.1 JSON Schema is not at {CASE_SCHEMA} (third-party file, kept outside the repo)")
    import jsonschema

    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    # its $schema is http://…/draft/2020-12/schema (not https), so validator_for would guess wrong
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A data folder with a user framework 'mini' (its bank lands next to it, outside the library)."""
    home = tmp_path / "home"
    write_mini(home / "frameworks")
    monkeypatch.setenv("CTOPREP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    output.reset()
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, stdout, stderr (never a traceback)."""
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err
