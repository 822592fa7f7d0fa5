"""Fixtures for the interchange tests: the mini framework loaded, the fixture folder, the CASE schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
