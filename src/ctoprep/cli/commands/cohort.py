"""``ctoprep cohort PATH...``: a cohort of mentees from their review packets.

A heat map of areas x people, the gaps most members share, and the catalog activities that serve
the most members at once: the agenda for group sessions. Broken or hostile packets are reported one
by one and skipped; packets made with another version of the framework are matched by skill id with
a warning. ``--anonymize`` replaces names by initials or stable codes for sharing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.cli.commands.compare import add_output_options, emit, output_format
from ctoprep.cli.inputs import non_negative_int

if TYPE_CHECKING:
    from rich.console import Console

    from ctoprep.core.cohort import CohortView

FORMATS = ("text", "html", "json", "csv", "markdown")
SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv", ".md": "markdown"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cohort",
        help="a cohort from review packets: heat map, common gaps, group-session agenda",
        description="Read review packets (files, or folders of .json files) and show areas x people, the "
        "cohort's most common gaps against one target profile, and the catalog activities that would serve "
        "the most members at once. Unusable packets are reported one by one and left out.",
    )
    p.add_argument("paths", metavar="PATH", nargs="+", type=Path, help="packet files or folders of packets")
    p.add_argument("--framework", metavar="ID", help="framework (default: the one most packets use)")
    p.add_argument("--profile", metavar="ID", help="target profile (default: the framework's default)")
    p.add_argument(
        "--anonymize",
        "--anonymise",
        choices=("initials", "codes"),
        default=None,
        dest="anonymize",
        help="show members by initials, or by codes that stay the same each time you run it",
    )
    p.add_argument("--top", type=int, default=10, metavar="N", help="gaps and activities to list (default 10)")
    p.add_argument(
        "--max-cost",
        type=non_negative_int,
        default=None,
        metavar="USD",
        help="leave out activities costing more than this per person (e.g. 0 for free ones only)",
    )
    p.add_argument(
        "--max-hours", type=float, default=None, metavar="H", help="leave out activities taking longer than this"
    )
    p.add_argument("--app", action="store_true", help="open the cohort in the app instead of printing it")
    add_output_options(p, FORMATS)
    p.set_defaults(func=run)


def build(args: argparse.Namespace) -> CohortView:
    """Read the packets and build the cohort the arguments ask for."""
    from ctoprep.core.cohort import Anonymize
    from ctoprep.services.content import Library
    from ctoprep.services.context import open_store
    from ctoprep.services.mentoring import code_key, cohort_view, load_cohort_entries

    loaded = load_cohort_entries(args.paths, Library(args.home), framework_id=args.framework)
    mode = Anonymize(args.anonymize) if args.anonymize else Anonymize.NONE
    salt = ""
    if mode is Anonymize.CODES:
        with open_store(args.home) as store:
            salt = code_key(store)
    return cohort_view(
        loaded,
        profile_id=args.profile,
        anonymize=mode,
        salt=salt,
        today=date.today(),
        top=args.top,
        max_cost=args.max_cost,
        max_hours=args.max_hours,
    )


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output

    if args.app:
        return open_in_app(args)
    fmt = output_format(args, SUFFIXES)
    view = build(args)
    output.print_problems(view.problems)
    if fmt == "html":
        from ctoprep.reports.cohort import render_cohort_html

        return emit(args, render_cohort_html(view), None)
    if fmt == "json":
        from ctoprep.reports.cohort import render_cohort_json

        return emit(args, render_cohort_json(view), None)
    if fmt == "csv":
        from ctoprep.reports.cohort import render_cohort_csv

        return emit(args, render_cohort_csv(view), None)
    if fmt == "markdown":
        from ctoprep.reports.cohort import render_cohort_markdown

        return emit(args, render_cohort_markdown(view), None)
    return emit(args, None, lambda console: render_text(view, console))


def open_in_app(args: argparse.Namespace) -> int:
    from ctoprep.services.context import Workspace
    from ctoprep.ui.app import CtoprepApp
    from ctoprep.ui.screens.cohort import CohortScreen

    workspace = Workspace.open(args.home, args.framework)
    try:
        app = CtoprepApp(workspace)
        app.ready = lambda: app.push_screen(
            CohortScreen(list(args.paths), profile_id=args.profile, anonymize=args.anonymize)
        )
        app.run()
        return app.return_code or 0
    finally:
        workspace.close()


def render_text(view: CohortView, console: Console) -> None:
    from rich.text import Text

    from ctoprep.cli.rich_text import is_plain, t, table
    from ctoprep.reports.cohort import score_text, shade

    plain = is_plain(console)
    c = view.cohort
    head = Text(f"Cohort of {c.size}: ", style="" if plain else "bold")
    head.append_text(t(view.framework.short_title or view.framework.title, "" if plain else "bold"))
    console.print(head)
    sub = Text("against ")
    sub.append_text(t(c.profile_title))
    if view.anonymized:
        sub.append(f"; members shown by {c.anonymize.value}")
    console.print(sub)

    heat = table(plain, "Heat map: area scores 0–100 (▁ low … ▇ high; – none rated; ! a level or more below target)")
    heat.add_column("member", overflow="fold", min_width=8)  # a name wraps; it is never cut to 'Al…'
    for a in c.areas:
        heat.add_column(t(view.area_label(a.area_id)), justify="left", no_wrap=True)
    heat.add_column("overall", justify="right", no_wrap=True)
    heat.add_column("below", justify="right", no_wrap=True)
    for m in c.members:
        cells = []
        for cell in m.cells:
            mark = "!" if cell.gap >= 1 else " "
            style = "" if plain or cell.score is None else _heat_style(cell.score)
            cells.append(Text(f"{shade(cell.score)}{score_text(cell.score):>4}{mark}", style=style))
        heat.add_row(t(m.label), *cells, score_text(m.overall), str(m.gaps))
    heat.add_row(Text("mean", style="" if plain else "italic"), *(score_text(a.mean_score) for a in c.areas), "", "")
    console.print()
    console.print(heat)
    key = [(view.area_label(a.area_id), a.title) for a in c.areas if view.area_label(a.area_id) != a.title]
    if key:
        console.print(t("  " + " · ".join(f"{code} {title}" for code, title in key), "dim"))

    console.print(Text("Most common gaps", style="" if plain else "bold"))
    if not c.common_gaps:
        console.print(Text("  No member is below target in any rated skill."))
    for g in c.common_gaps[: view.top]:
        line = Text(f"  {g.members:>2} of {c.size}  ")
        line.append_text(t(g.title, "" if plain else "bold"))
        line.append(" (")
        line.append_text(t(g.area_title))
        line.append(f"), mean gap {g.mean_gap:.1f}: ")
        line.append_text(t(", ".join(g.labels)))
        console.print(line)
    console.print()
    console.print(
        Text("Agenda for group sessions (each adds the most given the ones before)", style="" if plain else "bold")
    )
    if not c.agenda:
        console.print(Text("  No catalog activity serves these gaps."))
    for i, item in enumerate(c.agenda, 1):
        cost = "free" if item.cost_usd == 0 else f"${item.cost_usd:,}"
        line = Text(f"  {i}. ")
        line.append_text(t(item.title, "" if plain else "bold"))
        line.append(f" ({item.format.value}, {cost}, {item.hours:g} h): serves {item.members} of {c.size}: ")
        line.append_text(t(", ".join(item.labels)))
        console.print(line)
    skipped = view.skipped
    if skipped:
        console.print()
        console.print(Text(f"{len(skipped)} file(s) left out (listed above on standard error)."))


def _heat_style(score: float) -> str:
    if score < 25:
        return "bold red"
    if score < 50:
        return "dark_orange"
    if score < 75:
        return "yellow"
    return "green"
