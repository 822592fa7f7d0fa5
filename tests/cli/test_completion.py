"""``ctoprep completion``: scripts that name every command, and bash accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import COMMANDS, build_parser, main


def _script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    output.reset()
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_names_every_command(capsys: pytest.CaptureFixture[str], shell: str) -> None:
    script = _script(capsys, shell)
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert len(sub.choices) >= len(COMMANDS)
    for name in sub.choices:
        assert name in script, name
    assert "export-packet" in script  # nested mentor commands too


def test_bash_completion_is_valid_bash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    path = tmp_path / "ctoprep.bash"
    path.write_text(_script(capsys, "bash"), encoding="utf-8")
    done = subprocess.run([bash, "-n", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_fish_quotes_help_text(capsys: pytest.CaptureFixture[str]) -> None:
    script = _script(capsys, "fish")
    assert "complete -c ctoprep -n '__fish_use_subcommand' -a report" in script
    assert "program\\'s version" in script


def test_each_module_registers_exactly_the_commands_mapped_to_it() -> None:
    import argparse
    import importlib

    for module_name in set(COMMANDS.values()):
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"ctoprep.cli.commands.{module_name}").register(sub)
        assert sorted(sub.choices) == sorted(c for c, m in COMMANDS.items() if m == module_name), module_name
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert list(sub.choices) == list(COMMANDS)  # --help lists them in this order


def test_a_command_builds_only_its_own_parser() -> None:
    from ctoprep.cli.main import command_named

    assert command_named(["report", "current"]) == "report"
    assert command_named(["--home", "/tmp/x", "restore", "f"]) == "restore"
    assert command_named(["--home=/tmp/x", "plan"]) == "plan"
    assert command_named(["--help"]) is None
    assert command_named(["reprot"]) is None  # the whole parser says what the choices are
    parser = build_parser(only="report")
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert list(sub.choices) == ["report"]
    one = parser.parse_args(["report", "current", "--format", "json", "--home", "/tmp/h"])
    whole = build_parser().parse_args(["report", "current", "--format", "json", "--home", "/tmp/h"])
    assert vars(one) == vars(whole)


def test_an_unknown_command_still_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["reprot", "current"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'reprot'" in err
    assert "report" in err
