"""``ctoprep import-ratings FILE.csv``: an assessment from a spreadsheet of ratings (skill, level, evidence)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ctoprep.core.text import plural


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-ratings",
        help="build an assessment from a CSV sheet of ratings (skill id, level, evidence)",
        description="Read one rating per row: skill id (or exact title), level (a scale value or its "
        "label; empty for not rated), evidence and, optionally, confidence. A header row naming the "
        "columns is optional. Every unknown skill id or bad level is reported as FILE:LINE:COL. "
        "Writes the assessment JSON to -o FILE, or to standard output.",
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.add_argument("--framework", metavar="ID", help="framework the ratings are for (default: the bundled one)")
    p.add_argument("--person", default="", help="whose ratings these are")
    p.add_argument("--rater", choices=("self", "mentor"), default="self", help="who rated (default self)")
    p.add_argument("--rater-name", default=None, metavar="NAME", help="the rater's name (default: --person)")
    p.add_argument("--profile", metavar="ID", help="target profile to record in the assessment")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="assessment JSON file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.assessment_io import assessment_to_json
    from ctoprep.core.gaps import resolve_profile
    from ctoprep.core.models.assessment import Rater, RaterRole
    from ctoprep.core.problems import display_path
    from ctoprep.core.ratings_csv import MAX_CSV_BYTES, assessment_from_csv
    from ctoprep.formats.toml_source import read_bytes
    from ctoprep.services.content import Library

    framework = Library(args.home).framework(args.framework)
    if args.profile:
        resolve_profile(framework, args.profile)  # an unknown id is an error now, not at report time
    shown = display_path(args.file)
    data = read_bytes(args.file, limit=MAX_CSV_BYTES)
    rater = Rater(role=RaterRole(args.rater), name=args.rater_name if args.rater_name is not None else args.person)
    assessment, warnings = assessment_from_csv(
        data, framework, shown, person=args.person, rater=rater, profile=args.profile
    )
    output.print_problems(warnings)
    rated = sum(1 for r in assessment.ratings.values() if r.level is not None)
    with_evidence = sum(1 for r in assessment.ratings.values() if r.level is not None and r.evidence.strip())
    text = assessment_to_json(assessment)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        status = 0
    else:
        status = output.write_file(args.output, text, force=args.force)
    if status == 0:
        output.err().print(
            f"{plural(len(assessment.ratings), 'row')} read: {rated} of {len(framework.skills)} skills rated, "
            f"{with_evidence} with evidence ({framework.id} {framework.version})",
            markup=False,
        )
    return status
