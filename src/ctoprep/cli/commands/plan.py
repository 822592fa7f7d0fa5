"""``ctoprep plan ASSESSMENT``: a PD plan within a budget, hours a month and months to the exam."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ctoprep.cli.inputs import add_output_options, add_plan_limits

if TYPE_CHECKING:
    from rich.console import Console

    from ctoprep.reports import ReportContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "plan",
        help="a PD plan for an assessment's gaps within your budget and hours",
        description="Choose the catalog activities that close the most priority-weighted gap without "
        "going over the budget or the hours of any month, and lay them out month by month with the "
        "evidence each produces and when to re-rate. A budget of 0 plans free activities only.",
    )
    p.add_argument(
        "assessment",
        metavar="ASSESSMENT",
        help="an assessment: 'current', an id from 'ctoprep history', a JSON file, or '-' for standard input",
    )
    p.add_argument("--profile", metavar="ID", help="target profile (default: the assessment's, else the framework's)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="gaps and left-out activities to list (default 10)")
    add_plan_limits(p)
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.cli.commands.report import build_context, emit
    from ctoprep.cli.inputs import output_format

    fmt = output_format(args)
    ctx = build_context(args, with_plan=True)
    if ctx.gaps is None:
        return output.fail(
            f"framework {ctx.framework.id} has no target profiles, so there are no gaps to plan for",
            "add a profiles.toml to the framework",
        )
    return emit(args, ctx, fmt, render=render_plan_page)


def render_plan_page(ctx: ReportContext, console: Console) -> None:
    """The text format: who and what, the top gaps in one line each, then the plan."""
    from rich.text import Text

    from ctoprep.cli.commands.report import render_header, render_plan_text
    from ctoprep.cli.rich_text import t

    render_header(ctx, console)
    assert ctx.gaps is not None
    top = ctx.gaps.top(min(ctx.top, 5))
    if top:
        console.print()
        console.print(Text(f"Top gaps against {ctx.gaps.profile_title}"))
        for i, g in enumerate(top, 1):
            console.print(t(f"{i:>3}. {g.reason}"))
    console.print()
    render_plan_text(ctx, console)
