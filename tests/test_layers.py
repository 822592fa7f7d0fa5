"""The layers hold: SQL only in storage, and import-linter's contracts (also run by CI) are kept."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ctoprep"
SQL = re.compile(r"\.execute(many)?\(|\bsqlite3\b")


def test_sql_lives_only_in_storage() -> None:
    outside = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.relative_to(SRC).parts[0] != "storage"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line) and not line.lstrip().startswith("#")
    ]
    assert outside == []


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_import_contracts_are_kept() -> None:
    result = subprocess.run([str(LINT_IMPORTS)], capture_output=True, text=True, cwd=SRC.parents[1], check=False)
    assert result.returncode == 0, result.stdout[-3000:]
