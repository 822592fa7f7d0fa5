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
