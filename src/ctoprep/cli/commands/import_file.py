"""``ctoprep import FILE``: bring an assessment JSON file (from anyone) into the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from ctoprep.core.models.vocabulary import AssessmentStatus


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        description=(
            "Copy an assessment JSON file into your store (checked first; nothing is stored if it does not load). The"
            " person it belongs to is an id: --person picks it."
        ),
        help="import an assessment JSON file into the store",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--replace", action="store_true", help="replace an assessment with the same id")
    p.add_argument(
        "--person",
        metavar="ID",
        help="whose it is: a person's id in the store, or 'me' (default: the person it already belongs to, "
        "else a new person; never matched by name)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.assessment_io import map_to_framework
    from ctoprep.core.problems import display_path
    from ctoprep.core.text import printable
    from ctoprep.formats.exchange_files import read_assessment
    from ctoprep.services.content import Library
    from ctoprep.services.context import open_store

    assessment = read_assessment(args.file)
    library = Library(args.home)
    framework = library.framework(assessment.framework.id)
    fit = map_to_framework(assessment, framework)
    output.print_problems(fit.warnings(display_path(args.file)))
    with open_store(args.home) as store:
        exists = store.has_assessment(assessment.id)
        if exists and not args.replace:
            return output.fail(
                f"assessment {assessment.id[:8]} is already in the store",
                "use --replace to overwrite it with the file's version",
            )
        person_id = None
        if args.person == "me":
            person_id = store.self_person()
        elif args.person:
            if not store.has_person(args.person):
                return output.fail(f"no person with id {args.person!r} in the store", "'ctoprep history' lists them")
            person_id = args.person
        store.save_assessment(fit.assessment, person_id=person_id, status=AssessmentStatus.COMPLETE, origin="imported")
    output.out().print(
        f"imported assessment {assessment.id[:8]} ({len(fit.assessment.ratings)} ratings) for "
        f"{printable(assessment.person, single_line=True) or 'unnamed person'}",
        markup=False,
    )
    return 0
