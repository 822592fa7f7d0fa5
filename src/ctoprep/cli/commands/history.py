"""``ctoprep history``: assessments and practice attempts over time."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="list assessments and practice attempts over time")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.text import printable
    from ctoprep.storage.store import Store

    with Store.open(args.home) as store:
        assessments = store.assessments()
        attempts = store.conn.execute(
            "SELECT id, framework_id, mode, status, started_at, finished_at, result FROM attempts ORDER BY started_at"
        ).fetchall()
    if args.json:
        import json

        output.print_json(
            {
                "assessments": [
                    {
                        "id": a.id,
                        "person": a.person_name,
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
                        "id": r[0],
                        "framework": r[1],
                        "mode": r[2],
                        "status": r[3],
                        "started_at": r[4],
                        "finished_at": r[5],
                        "result": json.loads(r[6]) if r[6] else None,
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
            t2.add_row(*(Text(str(x)) for x in (r[0][:8], r[4][:16].replace("T", " "), r[2], r[3])))
        console.print(t2)
    return 0
