"""Entry point: ``ctoprep [--home DIR] COMMAND ...``; no command opens the app."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctoprep import __version__
from ctoprep.core.problems import ContentError

if TYPE_CHECKING:
    import argparse

COMMANDS = {
    "validate": "validate",
    "frameworks": "frameworks",
    "show": "show",
    "schema": "schema",
    "lint": "lint",
    "history": "history",
    "export": "export",
    "import": "import_file",
    "backup": "backup",
    "restore": "backup",
    "forget": "forget",
    "report": "report",
    "plan": "plan",
    "import-ratings": "import_ratings",
    "quiz": "quiz",
    "attempts": "attempts",
    "mentor": "mentor",
    "compare": "compare",
    "cohort": "cohort",
    "export-case": "export_case",
    "import-case": "import_case",
    "import-questions": "import_questions",
    "export-questions": "export_questions",
    "recert": "recert",
    "completion": "completion",
}
"""Each command and its module under ``ctoprep.cli.commands``, in the order ``--help`` lists them (a
test checks that each module registers exactly the commands mapped to it)."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``only``) one with just that command: running a command need not import
    and build the other two dozen (``--help``, an unknown command and completion build them all)."""
    import importlib

    parser = _parser_class()(
        prog="ctoprep",
        description="Self-assessment, gap analysis, PD planning and CETL exam practice for K-12 "
        "technology leaders. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"ctoprep {__version__}")
    parser.add_argument(
        "--home", type=Path, default=None, help="data folder (default: $CTOPREP_HOME or the platform's data directory)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in dict.fromkeys(COMMANDS.values() if only is None else [COMMANDS[only]]):
        importlib.import_module(f"ctoprep.cli.commands.{module_name}").register(sub)
    _accept_home_anywhere(sub)
    return parser


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size().columns`` gives it (COLUMNS, else the
    terminal's, else 80), without importing shutil (and the compression modules it imports)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser with a help formatter that measures the terminal as argparse does (its width
    less 2) without importing shutil: argparse imports it for every parser it makes, help or not."""
    import argparse

    class Formatter(argparse.HelpFormatter):
        def __init__(
            self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
        ) -> None:
            super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

    return Parser


def _accept_home_anywhere(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Accept --home after the command too ('ctoprep report X --home DIR', 'ctoprep mentor open F --home D'),
    without overriding one given before it."""
    import argparse

    for command_parser in sub.choices.values():
        for action in command_parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_home_anywhere(action)
        if not any("--home" in action.option_strings for action in command_parser._actions):
            command_parser.add_argument("--home", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def app_only(argv: Sequence[str]) -> Any | None:
    """The arguments of a plain ``ctoprep`` or ``ctoprep --home DIR`` (the app, the main job), else None.

    Those skip building the parser of every command: the app's first frame should not wait for it.
    """
    from types import SimpleNamespace

    if not argv:
        return SimpleNamespace(command=None, framework=None, home=None)
    if len(argv) == 2 and argv[0] == "--home" and argv[1] and not argv[1].startswith("-"):
        return SimpleNamespace(command=None, framework=None, home=Path(argv[1]))
    if len(argv) == 1 and argv[0].startswith("--home=") and len(argv[0]) > len("--home="):
        return SimpleNamespace(command=None, framework=None, home=Path(argv[0].removeprefix("--home=")))
    return None


def command_named(argv: Sequence[str]) -> str | None:
    """The command the arguments name, when it is a known one ('--home DIR' may come first)."""
    rest = list(argv)
    while rest and rest[0].startswith("--home"):
        rest = rest[1:] if "=" in rest[0] else rest[2:]
    if rest and rest[0] in COMMANDS:
        return rest[0]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 bad input, 2 usage, 130 interrupted)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = app_only(argv)
    if args is None:
        args = build_parser(only=command_named(argv)).parse_args(argv)
    if args.command is None:
        from ctoprep.cli.commands.app import open_app

        args.func = open_app
    try:
        return int(args.func(args) or 0)
    except ContentError as exc:
        from ctoprep.cli import output

        output.print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `ctoprep show | head`): not an error worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: never a traceback for the user
        if os.environ.get("CTOPREP_DEBUG"):
            raise
        from ctoprep.cli import output

        return output.fail(
            f"unexpected internal error: {type(exc).__name__}: {exc}",
            "please report this; set CTOPREP_DEBUG=1 to see the details",
        )


def run() -> None:
    """The ``ctoprep`` command (console script and ``python -m ctoprep``)."""
    from ctoprep.formats.collector import hold_for_start

    hold_for_start()  # turned on again after the app's first frame, or never for a scripting command
    sys.exit(main())
