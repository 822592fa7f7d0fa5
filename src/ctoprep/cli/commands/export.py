"""``ctoprep export ID -o FILE``: write one assessment as a JSON document."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        description=(
            "Write a stored assessment as a JSON file you can keep, send or open elsewhere with 'ctoprep import'."
        ),
        help="export an assessment from the store as JSON",
    )
    p.add_argument("id", help="assessment id (or a unique prefix, see 'ctoprep history')")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write ('-' for standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.assessment_io import assessment_to_json
    from ctoprep.services.context import open_store

    with open_store(args.home) as store:
        assessment = store.load_assessment(store.find_assessment_id(args.id))
    text = assessment_to_json(assessment)
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return output.write_file(args.output, text, force=args.force)
