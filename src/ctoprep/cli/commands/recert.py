"""``ctoprep recert``: the CETL recertification log (start, add, list, report, remove)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.cli.inputs import add_output_options, iso_date

if TYPE_CHECKING:
    from ctoprep.services.recert import RecertLog


def _amount(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 500:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 500")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "recert",
        help="log CETL recertification activities and see hours against the caps",
        description=(
            "Keep the log you need to renew a certification (the CETL: 60 hours in each 3-year cycle, with caps "
            "per category). Set the cycle's start once, log each activity with its date, hours (or count, for "
            "certifications and memberships), category and evidence, and write a summary to submit. Rules come "
            "from the framework's recertification.toml; each entry is checked and saved in one step."
        ),
    )
    p.add_argument("--framework", metavar="ID", help="framework whose certification (default: the bundled CoSN)")
    rsub = p.add_subparsers(dest="recert_command", metavar="ACTION", required=True)

    s = rsub.add_parser("start", help="set the first day of your cycle (the date on your certificate)")
    s.add_argument("date", type=iso_date, metavar="YYYY-MM-DD")
    s.set_defaults(func=run_start)

    a = rsub.add_parser(
        "add",
        help="log one activity",
        description="Log one activity. Give --hours for hour-for-hour categories and --count for those that "
        "credit a fixed number of hours per item (a certification: 4 hours each). --activity ID takes the "
        "title, hours and category from the PD catalog, for an activity of your plan you finished.",
    )
    a.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD", help="when (default: today)")
    a.add_argument("--category", metavar="ID", help="credit category ('ctoprep recert categories' lists them)")
    a.add_argument("--hours", type=_amount, help="hours spent (hour-for-hour categories)")
    a.add_argument("--count", type=_amount, help="how many (certifications, memberships, published works)")
    a.add_argument("--title", default="", help="what you did")
    a.add_argument("--evidence", default="", help="what shows it: a certificate, an agenda, a link")
    a.add_argument("--activity", metavar="ID", help="a PD catalog activity (fills title, hours and category)")
    a.add_argument("--over-cap", action="store_true", help="log it even past the category's cap (not counted)")
    a.set_defaults(func=run_add)

    ls = rsub.add_parser("list", help="list logged activities with their ids")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(func=run_list)

    c = rsub.add_parser("categories", help="list the credit categories, their rules and caps")
    c.set_defaults(func=run_categories)

    r = rsub.add_parser("report", help="hours per category, what is left, and the log: text, Markdown or HTML")
    add_output_options(r)
    r.add_argument("--name", default="", help="your name on the summary (default: none)")
    r.set_defaults(func=run_report)

    d = rsub.add_parser("remove", help="remove one logged activity by id")
    d.add_argument("id")
    d.set_defaults(func=run_remove)


def _log(args: argparse.Namespace) -> tuple[RecertLog, object]:
    from ctoprep.services.content import Library
    from ctoprep.services.context import open_store
    from ctoprep.services.recert import RecertLog

    framework = Library(args.home).framework(args.framework)
    store = open_store(args.home)
    try:
        return RecertLog(store, framework), store
    except BaseException:
        store.close()
        raise


def _close(store: object) -> None:
    store.close()  # type: ignore[attr-defined]


def run_start(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.recert import cycle_end

    log, store = _log(args)
    try:
        log.set_start(args.date, date.today())
        end = cycle_end(args.date, log.rules.cycle_years)
    finally:
        _close(store)
    output.out().print(f"cycle set: {args.date.isoformat()} to {end.isoformat()}", markup=False)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.recert import RecertEntry

    today = date.today()
    earned_on = args.date or today
    log, store = _log(args)
    try:
        if args.activity:
            if args.category or args.hours or args.count:
                return output.fail("--activity takes its category and hours from the catalog", "leave those out")
            entry = log.entry_for_activity(args.activity, earned_on, args.evidence)
            if args.title:
                entry = RecertEntry(**{**entry.__dict__, "title": args.title})
        else:
            if not args.category:
                return output.fail("say which category", "--category ID ('ctoprep recert categories' lists them)")
            category = log.rules.category_by_id.get(args.category)
            each = category is not None and category.credit == "each"
            amount = args.count if each else args.hours
            if amount is None:
                unit = "--count N (this category credits a fixed number of hours per item)" if each else "--hours H"
                return output.fail(f"how much? give {unit}")
            entry = RecertEntry(
                id="",
                earned_on=earned_on,
                category=args.category,
                title=args.title,
                amount=amount,
                evidence=args.evidence,
            )
        saved = log.add(entry, today, allow_over_cap=args.over_cap)
        summary = log.summary(today)
    finally:
        _close(store)
    credited = log.rules.category_by_id[saved.category].credited(saved.amount)
    line = f"logged {saved.id}: {saved.title} ({credited:g} h, {saved.category}, {saved.earned_on.isoformat()})"
    output.out().print(line, markup=False)
    if summary is not None:
        output.out().print(
            f"counted {summary.counted:g} of {summary.rules.required_hours:g} hours; {summary.remaining:g} to go",
            markup=False,
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ctoprep.cli import output

    log, store = _log(args)
    try:
        entries = log.entries()
    finally:
        _close(store)
    by_id = log.rules.category_by_id
    if args.json:
        output.print_json(
            [
                {
                    "id": x.id,
                    "date": x.earned_on.isoformat(),
                    "category": x.category,
                    "title": x.title,
                    "amount": x.amount,
                    "hours": by_id[x.category].credited(x.amount) if x.category in by_id else 0,
                    "evidence": x.evidence,
                    "activity": x.activity_id,
                }
                for x in entries
            ]
        )
        return 0
    if not entries:
        output.out().print("nothing logged yet: 'ctoprep recert add --help'", markup=False)
        return 0
    table = Table(box=None, pad_edge=False)
    for name in ("id", "date", "category", "hours", "activity"):
        table.add_column(name, no_wrap=name != "activity", justify="right" if name == "hours" else "left")
    for x in entries:
        hours = by_id[x.category].credited(x.amount) if x.category in by_id else 0
        table.add_row(x.id, x.earned_on.isoformat(), x.category, f"{hours:g}", Text(x.title))
    output.out().print(table)
    return 0


def run_categories(args: argparse.Namespace) -> int:
    from ctoprep.cli import output

    log, store = _log(args)
    _close(store)
    rules = log.rules
    console = output.out()
    console.print(
        f"{rules.title} ({rules.body}): {rules.required_hours:g} hours every {rules.cycle_years} years", markup=False
    )
    for c in rules.categories:
        credit = f"{c.hours_each:g} h each" if c.credit == "each" else "hour for hour"
        cap = "no cap stated" if c.max_hours is None else f"at most {c.max_hours:g} h a cycle"
        flag = "" if c.confirmed else "  (not confirmed: check the body's page)"
        console.print(f"\n{c.id}: {c.title}: {credit}, {cap}{flag}", markup=False)
        if c.note:
            console.print(f"  {c.note}", markup=False, soft_wrap=False)
    console.print(f"\nRules as read {rules.last_verified} from:", markup=False)
    for source in rules.sources:
        console.print(f"  {source}", markup=False)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.cli.inputs import output_format
    from ctoprep.reports.recert import recert_html, recert_markdown

    log, store = _log(args)
    try:
        summary = log.summary(date.today())
    finally:
        _close(store)
    if summary is None:
        return output.fail("the start of your cycle is not set", "ctoprep recert start YYYY-MM-DD")
    fmt = output_format(args)
    if fmt == "json":
        output.print_json(
            {
                "certification": summary.rules.id,
                "cycle": {"start": summary.start.isoformat(), "end": summary.end.isoformat()},
                "required_hours": summary.rules.required_hours,
                "counted_hours": summary.counted,
                "remaining_hours": summary.remaining,
                "days_left": summary.days_left,
                "categories": [
                    {
                        "id": t.category.id,
                        "entries": t.entries,
                        "logged": t.logged,
                        "cap": t.category.max_hours,
                        "counted": t.counted,
                    }
                    for t in summary.totals
                ],
            }
        )
        return 0
    text = recert_html(summary, args.name) if fmt == "html" else recert_markdown(summary, args.name)
    target: Path | None = args.output
    if target is None or str(target) == "-":
        import sys

        sys.stdout.write(text)
        return 0
    return output.write_file(target, text, force=args.force)


def run_remove(args: argparse.Namespace) -> int:
    from ctoprep.cli import output

    log, store = _log(args)
    try:
        removed = log.remove(args.id)
    finally:
        _close(store)
    output.out().print(f"removed {removed.id}: {removed.title} ({removed.earned_on.isoformat()})", markup=False)
    return 0
