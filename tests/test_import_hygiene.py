"""Commands that don't open the app must not import Textual; the core imports neither Textual nor rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("argv", [["validate"], ["frameworks"], ["show", "--no-questions"], ["--version"]])
def test_commands_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from ctoprep.cli.main import main\n"
        f"try:\n    rc = main({argv!r})\nexcept SystemExit as e:\n    rc = e.code\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_core_imports_neither_textual_nor_rich() -> None:
    code = (
        "import sys, pkgutil, importlib, ctoprep.core\n"
        "for m in pkgutil.walk_packages(ctoprep.core.__path__, 'ctoprep.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_parsing_arguments_stays_light() -> None:
    """Building the parser (every command's --help) must not import pydantic models, rich or Textual."""
    code = (
        "import sys\n"
        "from ctoprep.cli.main import build_parser\n"
        "build_parser()\n"
        "heavy = [m for m in ('textual', 'rich', 'ctoprep.formats.loading', 'ctoprep.core.models.framework')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_export_case_default_uri_matches_the_exporter() -> None:
    from ctoprep.cli.commands import export_case
    from ctoprep.formats import case_export

    assert export_case.DEFAULT_BASE_URI == case_export.DEFAULT_BASE_URI
