"""Turning command-line arguments into the objects commands work on."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.core.problems import ContentError, Problem, display_path

if TYPE_CHECKING:
    from ctoprep.core.models.assessment import Assessment
    from ctoprep.core.models.framework import Framework


def resolve_assessment_arg(arg: str, home: Path | None) -> Assessment:
    """The assessment an ``ASSESSMENT`` argument names: a JSON file, or an id (or unique prefix) in the store.

    Raises:
        ContentError: no such file or stored assessment, or the file is not a readable assessment.
    """
    path = Path(arg).expanduser()
    if arg == "-" or path.is_file():
        from ctoprep.formats.exchange_files import read_assessment

        return read_assessment(path)
    if path.is_dir():
        raise ContentError([Problem(display_path(path), "is a folder, not an assessment file")])
    if arg == "current" or ("/" not in arg and not arg.endswith(".json")):
        from ctoprep.services.context import current_assessment, open_store
        from ctoprep.services.folders import store_exists

        if store_exists(home):
            with open_store(home) as store:
                if arg == "current":
                    found = current_assessment(store)
                    if found is not None:
                        return found
                else:
                    return store.load_assessment(store.find_assessment_id(arg))
    raise ContentError(
        [
            Problem(
                arg,
                "no such assessment file or stored assessment",
                hint="give an assessment JSON file ('-' reads standard input), an id from 'ctoprep history' "
                "or 'current'",
            )
        ]
    )


def framework_for(assessment: Assessment, home: Path | None, shown: str) -> tuple[Framework, Assessment]:
    """The framework an assessment was made for, and the assessment fitted to it (warnings printed)."""
    from ctoprep.cli import output
    from ctoprep.core.assessment_io import map_to_framework
    from ctoprep.services.content import Library

    framework = Library(home).framework(assessment.framework.id)
    fit = map_to_framework(assessment, framework)
    output.print_problems(fit.warnings(shown))
    return framework, fit.assessment


def non_negative_int(text: str) -> int:
    from ctoprep.core.planning import parse_budget

    try:
        return parse_budget(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def hours_per_month(text: str) -> float:
    from ctoprep.core.planning import parse_hours_per_month

    try:
        return parse_hours_per_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def months(text: str) -> int:
    from ctoprep.core.planning import parse_months

    try:
        return parse_months(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-09-01") from None


def add_plan_limits(p: argparse.ArgumentParser) -> None:
    """Budget, hours and months; each one left out is the last plan's (in the app or here), else the default."""
    budget, hours, span = 500, 6.0, 6  # ctoprep.services.insights.DEFAULT_LIMITS (not imported: start-up cost)
    g = p.add_argument_group("plan limits (each one left out: the last plan's, else the default)")
    g.add_argument("--budget", type=non_negative_int, default=None, metavar="USD", help=f"dollars (default {budget})")
    g.add_argument(
        "--hours-per-month",
        type=hours_per_month,
        default=None,
        metavar="H",
        help=f"hours a month for PD (default {hours:g})",
    )
    g.add_argument(
        "--months",
        type=months,
        default=None,
        metavar="N",
        help=f"months until the exam or review date (default {span})",
    )
    g.add_argument("--start", type=iso_date, default=None, metavar="DATE", help="first day of the plan (default today)")


FORMATS = ("text", "markdown", "html", "json")
_SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: text, or from the -o file's extension)",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE instead of the screen"
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        return _SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "text")
    return "text"
