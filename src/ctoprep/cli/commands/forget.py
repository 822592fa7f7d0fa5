"""``ctoprep forget ID``: delete one person's data for good."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "forget",
        description=(
            "Delete one person's assessments, attempts, plans and exports for good, by person id ('ctoprep forget' "
            "without an id lists them)."
        ),
        help="delete one person's data (assessments, attempts, plans) for good",
    )
    p.add_argument("id", help="a person's id (or its first 8+ characters), or an assessment id (or prefix)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.text import printable
    from ctoprep.services.context import open_store
    from ctoprep.services.privacy import forget, what_forget_deletes

    with open_store(args.home) as store:
        plan = what_forget_deletes(store, args.id)
        who = printable(plan.who(), single_line=True)
        output.out().print(f"This deletes {who} for good: {plan.summary()}.", markup=False)
        for path in plan.files:
            output.out().print(f"  file: {path}", markup=False)
        if not args.yes:
            if not sys.stdin.isatty():
                return output.fail("forget deletes data for good", "add --yes to confirm")
            answer = input("Delete all of this for good? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                output.out().print("nothing deleted", markup=False)
                return 1
        forget(store, plan)
    output.out().print(f"deleted {who} for good: {plan.summary()}", markup=False)
    return 0
