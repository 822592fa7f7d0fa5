"""Commands that don't open the app must not import Textual; the core imports neither Textual nor rich."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_fresh

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
    run_fresh(code)


def test_core_imports_neither_textual_nor_rich() -> None:
    code = (
        "import sys, pkgutil, importlib, ctoprep.core\n"
        "for m in pkgutil.walk_packages(ctoprep.core.__path__, 'ctoprep.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    run_fresh(code)


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
    run_fresh(code)


def test_export_case_default_uri_matches_the_exporter() -> None:
    from ctoprep.cli.commands import export_case
    from ctoprep.formats import case_export

    assert export_case.DEFAULT_BASE_URI == case_export.DEFAULT_BASE_URI


SCRIPTING = [
    ["report", "current", "--format", "json"],
    ["report", "current"],
    ["plan", "current", "--format", "json"],
    ["show", "--no-questions"],
    ["history"],
    ["attempts"],
]
"""The scripting commands of issue #20 (and their text forms): pydantic is for files read, and these
read only the store and ctoprep's own framework cache."""

NOT_ON_THE_SCRIPTING_PATH = (
    "pydantic",
    "pydantic_core",
    "importlib.metadata",
    "textual",
    "ctoprep.core.models.files",
    "ctoprep.core.models.questions",
    "ctoprep.core.models.assessment_file",
    "ctoprep.formats.toml_source",
    "ctoprep.formats.loading",
    "shutil",
)


@pytest.fixture(scope="module")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A returning user's home: an assessment of the bundled framework, partly rated, and the framework
    cache written (the first run reads the TOML files, which needs the file models)."""
    from ctoprep.services.context import Workspace

    home = tmp_path_factory.mktemp("home")
    workspace = Workspace.open(home)
    try:
        assessment = workspace.start_assessment("Guard User")
        for i, skill in enumerate(workspace.framework.skills[:30]):
            assessment = workspace.rate(assessment, skill.id, level=i % 5, evidence="led it" if i % 3 == 0 else "")
    finally:
        workspace.close()
    return home


@pytest.mark.parametrize("argv", SCRIPTING, ids=" ".join)
def test_scripting_commands_import_no_pydantic(seeded_home: Path, argv: list[str]) -> None:
    """Issue #20: these commands take under half the hello app's run only without pydantic and the file
    models (about 100 ms of imports); a new import on their path must not bring them back silently."""
    code = (
        "import contextlib, io, sys\n"
        "from ctoprep.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['--home', {str(seeded_home)!r}, *{argv!r}])\n"
        f"heavy = [m for m in {NOT_ON_THE_SCRIPTING_PATH!r} if m in sys.modules]\n"
        "assert rc == 0, f'exit status {rc}'\n"
        "assert not heavy, f'imported: {heavy}'\n"
    )
    run_fresh(code)


def test_reading_an_assessment_file_still_validates_it(seeded_home: Path, tmp_path: Path) -> None:
    """The other side of the same line: a file someone sent is read through the pydantic document."""
    path = tmp_path / "sent.json"
    path.write_text('{"format": "ctoprep.assessment", "schema_version": 2, "framework": {"id": "x"}}')
    code = (
        "import sys\n"
        "from ctoprep.cli.main import main\n"
        f"rc = main(['--home', {str(seeded_home)!r}, 'report', {str(path)!r}, '--format', 'json'])\n"
        "assert rc != 0\n"
        "assert 'pydantic' in sys.modules\n"
    )
    result = run_fresh(code)
    assert "framework.version: Field required" in result.stderr


@pytest.mark.parametrize("columns", [None, "50", "200", "0", "-3", "wide"])
def test_help_is_as_wide_as_argparse_would_make_it(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """The parser's formatter measures the terminal without shutil, exactly as shutil would."""
    import shutil

    from ctoprep.cli.main import _columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.delenv("LINES", raising=False)
    assert _columns() == shutil.get_terminal_size().columns


def test_parsing_a_command_does_not_import_shutil() -> None:
    code = (
        "import sys\n"
        "from ctoprep.cli.main import build_parser\n"
        "build_parser(only='report').parse_args(['report', 'current', '--format', 'json'])\n"
        "assert 'shutil' not in sys.modules, 'shutil imported'\n"
    )
    run_fresh(code)


def test_a_bank_load_does_not_make_the_framework_file_models(tmp_path: Path) -> None:
    """The home's practice line and the Practice screen load banks: the framework's file models (two
    dozen pydantic classes) and its loader are for reading framework files, not for a bank."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ctoprep.services.content import Library\n"
        f"library = Library(home=Path({str(tmp_path)!r}))\n"
        "bank = library.questions(library.framework('cosn-k12-cto'))\n"
        "assert len(bank.questions) > 400\n"
        "heavy = [m for m in ('ctoprep.core.models.files', 'ctoprep.formats.loading.framework') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    run_fresh(code.replace("assert not heavy", "pass  # the first run reads the files and writes the caches\n#"))
    run_fresh(code)  # a returning user: the framework and the banks from their caches


def test_the_loading_package_names_what_its_modules_define() -> None:
    import importlib

    import ctoprep.formats.loading as loading

    assert sorted(loading._MODULE_OF) == sorted(loading.__all__)
    for name, module in loading._MODULE_OF.items():
        assert getattr(loading, name) is getattr(importlib.import_module(f"ctoprep.formats.loading.{module}"), name)
    with pytest.raises(AttributeError):
        loading.no_such_name  # noqa: B018
