"""``ctoprep attempts``: practice attempts with their results (estimated scaled scores labeled as ours)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "attempts",
        help="list practice attempts and their results",
        description="Every mock exam, drill and review with its score. Scaled scores are our estimate "
        "(60% correct placed at the pass mark), never CoSN's scale; see docs/practice.md.",
    )
    p.add_argument("--framework", metavar="ID", help="only attempts on this framework")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.practice import ASSUMED_CUT
    from ctoprep.core.text import printable
    from ctoprep.services.context import open_store
    from ctoprep.services.practice import ESTIMATE_NOTE, attempt_rows, result_document

    with open_store(args.home) as store:
        rows = attempt_rows(store, args.framework)
    if args.json:
        output.print_json(
            {
                "estimate_note": ESTIMATE_NOTE,
                "attempts": [
                    {
                        "id": r.id,
                        "framework": r.framework_id,
                        "mode": r.mode,
                        "status": r.status,
                        "started_at": r.started_at.isoformat(),
                        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                        "questions": r.total,
                        "answered": r.answered,
                        "correct": r.correct,
                        "result": result_document(r.result) if r.result else None,
                    }
                    for r in rows
                ],
            }
        )
        return 0
    console = output.out()
    if not rows:
        console.print("No practice attempts yet. Run 'ctoprep quiz' to start one.", markup=False)
        return 0
    table = Table(title="Practice attempts", title_justify="left")
    for col in ("started", "framework", "mode", "status", "right", "%", "est. scaled", "id"):
        table.add_column(col, justify="right" if col in ("right", "%", "est. scaled") else "left")
    for r in rows:
        if r.correct is not None and r.total:
            right, percent = f"{r.correct}/{r.total}", f"{r.correct / r.total * 100:.0f}"
        else:
            right, percent = f"{r.answered}/{r.total} answered", "–"
        scaled = "–"
        if r.mode == "mock" and r.scaled is not None:
            scaled = f"{r.scaled} ({'at/above' if r.passed else 'below'} line)"
        cells = (
            f"{r.started_at:%Y-%m-%d %H:%M}",
            r.framework_id,
            r.mode,
            r.status,
            right,
            percent,
            scaled,
            r.id[:8],
        )
        table.add_row(*(Text(printable(c, single_line=True)) for c in cells))
    console.print(table)
    console.print(
        Text(
            f"Scaled scores are {ESTIMATE_NOTE}: {ASSUMED_CUT:.0%} correct is placed at the pass mark "
            "(docs/practice.md)."
        )
    )
    return 0
