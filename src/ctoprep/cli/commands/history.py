"""``ctoprep history``: assessments and practice attempts over time."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "history",
        description=(
            "List your stored assessments (newest first) with their ids, dates, how many skills are rated and which "
            "one is current, then your practice attempts. Ids work wherever a command takes an ASSESSMENT."
        ),
        help="list assessments and practice attempts over time",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.text import printable
    from ctoprep.services.context import open_store
    from ctoprep.services.practice import attempt_rows, result_document

    with open_store(args.home) as store:
        assessments = store.assessments()
        attempts = attempt_rows(store, include_abandoned=True)
    if args.json:
        output.print_json(
            {
                "assessments": [
                    {
                        "id": a.id,
                        "person": a.person_name,
                        "person_id": a.person_id,
                        "framework": a.framework_id,
                        "version": a.framework_version,
                        "rater": a.rater_role,
                        "rater_name": a.rater_name,
                        "profile": a.profile,
                        "status": a.status,
                        "origin": a.origin,
                        "created_at": a.created_at.isoformat(),
                        "updated_at": a.updated_at.isoformat(),
                        "rated": a.rated,
                    }
                    for a in assessments
                ],
                "attempts": [
                    {
                        "id": r.id,
                        "framework": r.framework_id,
                        "mode": r.mode,
                        "status": r.status,
                        "started_at": r.started_at.isoformat(),
                        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                        "result": result_document(r.result) if r.result else None,
                    }
                    for r in attempts
                ],
            }
        )
        return 0
    console = output.out()
    if not assessments and not attempts:
        console.print("No assessments or practice attempts yet. Run 'ctoprep' to start one.", markup=False)
        return 0
    from ctoprep.cli.rich_text import is_plain
    from ctoprep.cli.rich_text import table as make_table

    plain = is_plain(console)
    # ids and dates are what people type next: they never wrap or shrink; names and notes fold instead
    table = make_table(plain, "Assessments")
    table.add_column("id", no_wrap=True)
    table.add_column("updated", no_wrap=True)
    table.add_column("person", overflow="fold")
    table.add_column("rater", overflow="fold")
    table.add_column("framework", overflow="fold", min_width=12)
    table.add_column("rated", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for a in assessments:
        rater = a.rater_role + (f" ({a.rater_name})" if a.rater_name and a.rater_role != "self" else "")
        table.add_row(
            *(
                Text(printable(x, single_line=True))
                for x in (
                    a.id[:8],
                    a.updated_at.strftime("%Y-%m-%d"),
                    a.person_name or "-",
                    rater,
                    a.framework_id,
                    str(a.rated),
                    a.status + ("" if a.origin == "local" else f" ({a.origin})"),
                )
            )
        )
    console.print(table)
    if attempts:
        t2 = make_table(plain, "Practice attempts")
        for col in ("id", "started", "mode", "status"):
            t2.add_column(col, no_wrap=True)
        for r in attempts:
            t2.add_row(*(Text(x) for x in (r.id[:8], r.started_at.strftime("%Y-%m-%d %H:%M"), r.mode, r.status)))
        console.print(t2)
    return 0
