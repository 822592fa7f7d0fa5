"""``ctoprep export-questions [ID] --format gift|csv -o FILE``: a bank for Moodle or a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-questions",
        help="write a framework's questions as Moodle GIFT or CSV",
        description="Write questions as GIFT (Moodle: Question bank > Import > GIFT format; one "
        "category per area and skill) or as CSV in the layout import-questions reads. Ids, skills, "
        "difficulty and tags travel in a comment Moodle ignores, so a re-import restores them.",
    )
    p.add_argument("id", nargs="?", help="framework id (default: the bundled CoSN framework)")
    p.add_argument("--format", choices=("gift", "csv"), default="gift", help="output format (default: gift)")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write ('-' for standard output)")
    p.add_argument("--area", help="only the questions of this area (id, code or title)")
    p.add_argument(
        "--bank", type=Path, action="append", default=[], metavar="FILE", help="export these bank files instead"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.formats.csv_questions import write_csv
    from ctoprep.formats.gift import write_gift
    from ctoprep.formats.loading import load_question_banks
    from ctoprep.services.content import Library

    library = Library(args.home)
    framework = library.framework(args.id)
    bank = load_question_banks(args.bank, framework) if args.bank else library.questions(framework)
    questions = list(bank.questions)
    if args.area:
        area = framework.find_area(args.area)
        if area is None:
            return output.fail(f"{framework.id!r} has no area {args.area!r}", f"'ctoprep show {framework.id}'")
        questions = [q for q in questions if bank.area_of_question.get(q.id) == area.id]
    if not questions:
        return output.fail("no questions to export")
    if args.format == "gift":
        categories = {
            q.id: f"$course$/top/{framework.id}/{bank.area_of_question[q.id]}/{q.primary_skill}" for q in questions
        }
        header = (
            f"{len(questions)} questions of {framework.title}, exported by ctoprep.\n"
            "Moodle: Question bank > Import > GIFT format (tick 'Get category from file')."
        )
        text = write_gift(questions, categories=categories, header=header)
    else:
        text = write_csv(questions)
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    if args.format == "csv":
        text = "\ufeff" + text  # lets spreadsheet programs see UTF-8
    status = output.write_file(args.output, text, force=args.force)
    if status == 0:
        output.err().print(f"{len(questions)} questions", markup=False)
    return status
