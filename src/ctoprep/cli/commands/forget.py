"""``ctoprep forget ID``: delete one person's data for good."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("forget", help="delete one person's data (assessments, attempts, plans) for good")
    p.add_argument("id", help="an assessment id (or prefix) or a person's id or exact name")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.problems import ContentError
    from ctoprep.core.text import printable
    from ctoprep.storage.store import Store

    with Store.open(args.home) as store:
        person = store.conn.execute(
            "SELECT id, name FROM people WHERE id = ? OR name = ?", (args.id, args.id)
        ).fetchall()
        if not person:
            try:
                aid = store.find_assessment_id(args.id)
            except ContentError:
                return output.fail(f"no person or assessment matches {args.id!r}", "'ctoprep history' lists them")
            person = store.conn.execute(
                "SELECT p.id, p.name FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?", (aid,)
            ).fetchall()
        if len(person) > 1:
            return output.fail(f"{len(person)} people match {args.id!r}", "give the person's id instead")
        pid, name = person[0]
        name = printable(name, single_line=True)
        counts = {
            t: store.conn.execute(f"SELECT count(*) FROM {t} WHERE person_id = ?", (pid,)).fetchone()[0]
            for t in ("assessments", "attempts", "plans", "mentor_reviews")
        }
        summary = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in counts.items())
        if not args.yes:
            if not sys.stdin.isatty():
                return output.fail("forget deletes data for good", "add --yes to confirm")
            answer = input(f"Delete {name or pid} for good ({summary})? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                output.out().print("nothing deleted", markup=False)
                return 1
        store.forget_person(pid)
    from ctoprep.storage import paths
    from ctoprep.ui import home_snapshot

    home_snapshot.forget(paths.data_home(args.home))  # it may show their scores and gaps
    output.out().print(f"deleted {name or pid} for good: {summary}", markup=False)
    return 0
