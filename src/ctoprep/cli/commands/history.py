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
    from rich.table import Table
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
    table = Table(title="Assessments", title_justify="left")
    for col in ("id", "date", "person", "rater", "framework", "rated", "status", "from"):
        table.add_column(col)
    for a in assessments:
        rater = a.rater_role + (f" ({a.rater_name})" if a.rater_name and a.rater_role != "self" else "")
        table.add_row(
            *(
                Text(printable(x, single_line=True))
                for x in (
                    a.id[:8],
                    a.updated_at.strftime("%Y-%m-%d %H:%M"),
                    a.person_name or "-",
                    rater,
                    f"{a.framework_id} {a.framework_version}",
                    str(a.rated),
                    a.status,
                    a.origin,
                )
            )
        )
    console.print(table)
    if attempts:
        t2 = Table(title="Practice attempts", title_justify="left")
        for col in ("id", "started", "mode", "status"):
            t2.add_column(col)
        for r in attempts:
            t2.add_row(*(Text(x) for x in (r.id[:8], r.started_at.strftime("%Y-%m-%d %H:%M"), r.mode, r.status)))
        console.print(t2)
    return 0
