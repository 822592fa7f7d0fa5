"""``ctoprep frameworks``: list the frameworks available (bundled and in the user's folder)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "frameworks",
        description=(
            "List every framework ctoprep can find, bundled and your own, with its id, version and whether its "
            "question bank loads. Use an id with --framework in other commands."
        ),
        help="list available frameworks",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.problems import display_path
    from ctoprep.services.content import Library

    library = Library(args.home)
    entries, problems = library.entries()
    if args.json:
        output.print_json(
            {
                "frameworks": [
                    {
                        "id": e.id,
                        "title": e.title,
                        "version": e.version,
                        "path": str(e.path),
                        "origin": e.origin,
                        "question_files": len(library.bank_files(e.id)),
                    }
                    for e in entries
                ],
                "problems": [p.to_json() for p in problems],
            }
        )
        return 0
    output.print_problems(problems)
    table = Table(title="Frameworks", title_justify="left")
    for col in ("id", "title", "version", "from", "path"):
        table.add_column(col)
    for e in entries:
        table.add_row(*(Text(x) for x in (e.id, e.title, e.version, e.origin, display_path(e.path))))
    output.out().print(table)
    return 0
