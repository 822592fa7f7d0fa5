"""``ctoprep report ASSESSMENT``: scores, gaps and (with ``--plan``) a PD plan, as text, Markdown, HTML or JSON.

Text uses rich tables and bars on a terminal, and plain columns with ``#`` bars when piped, written
to a file, or when ``NO_COLOR`` is set. Text from files and people is never parsed as markup.

At about 430 lines it stays whole: most of it is the text renderer for the terminal and for pipes,
two variants of the same tables; Markdown, HTML and JSON come from ``reports/``.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.cli.inputs import add_output_options, add_plan_limits
from ctoprep.cli.rich_text import is_plain, t, table
from ctoprep.core.text import plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ctoprep.core.models.framework import Framework, Profile
    from ctoprep.core.planning import PlanLimits
    from ctoprep.reports import ReportContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="scores and gaps of an assessment (text, markdown, html or json)",
        description="Score an assessment by skill, area, category, PD focus and exam content area, and "
        "rank its gaps against a target profile. HTML is one self-contained file that prints well; "
        "Markdown pastes into an e-mail; JSON has a versioned shape (docs/scoring.md).",
    )
    p.add_argument(
        "assessment",
        metavar="ASSESSMENT",
        help="an assessment: 'current', an id from 'ctoprep history', a JSON file, or '-' for standard input",
    )
    p.add_argument("--profile", metavar="ID", help="target profile (default: the assessment's, else the framework's)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="gaps to list in text and markdown (default 10)")
    p.add_argument("--plan", action="store_true", help="include a PD plan within the limits below")
    add_output_options(p)
    add_plan_limits(p)
    p.set_defaults(func=run)


def limits_from(args: argparse.Namespace, *, stored: bool) -> PlanLimits:
    """The limits given, each missing one from the last plan built in this store (a stored assessment),
    else the defaults: the same limits the app's plan screen shows."""
    from ctoprep.services.insights import LimitsChoice, plan_limits

    choice = LimitsChoice(args.budget, args.hours_per_month, args.months, args.start)
    if not stored:
        return plan_limits(None, choice, date.today())
    from ctoprep.services.context import open_store

    with open_store(args.home) as store:
        return plan_limits(store, choice, date.today())


def build_context(args: argparse.Namespace, *, with_plan: bool) -> ReportContext:
    """The report context through the one service that builds it (``ctoprep.services.insights``)."""
    from ctoprep.cli.inputs import framework_for, resolve_assessment_arg
    from ctoprep.core.gaps import resolve_profile
    from ctoprep.core.models.vocabulary import AGREED_PROFILE_PREFIX as AGREED_PREFIX
    from ctoprep.services.insights import report_context

    assessment = resolve_assessment_arg(args.assessment, args.home)
    framework, assessment = framework_for(assessment, args.home, args.assessment)
    from_file = Path(args.assessment).expanduser().is_file()
    profile = None
    if framework.profiles:
        stored = assessment.profile
        if stored and stored.startswith(AGREED_PREFIX) and from_file:
            stored = None  # agreed targets live in the sender's store, not this one
        wanted = args.profile or stored
        if wanted and wanted.startswith(AGREED_PREFIX):
            profile = agreed_in_store(args.home, framework, wanted, given=bool(args.profile))
        else:
            profile = resolve_profile(framework, wanted if wanted in framework.profile_by_id or args.profile else None)
    elif args.profile:
        resolve_profile(framework, args.profile)  # raises: this framework has no profiles
    limits = limits_from(args, stored=not from_file) if with_plan else None
    top = max(args.top, 0) if hasattr(args, "top") else 10
    generated_on = args.start or date.today()
    if profile is not None and not from_file:
        # a stored assessment is this user's: calibrated by their practice, as in the app
        from ctoprep.services.content import Library
        from ctoprep.services.context import open_store
        from ctoprep.services.insights import stored_report

        with open_store(args.home) as store:
            return stored_report(
                store,
                Library(args.home),
                framework,
                assessment,
                profile,
                generated_on=generated_on,
                limits=limits,
                top=top,
            )
    # a file someone sent is scored as it is (the practice here is not theirs)
    return report_context(framework, assessment, profile, generated_on=generated_on, limits=limits, top=top)


def agreed_in_store(home: Path | None, framework: Framework, profile_id: str, *, given: bool) -> Profile:
    """Targets agreed in an imported mentor review (``review:<id>``), else the framework's default.

    Raises:
        ContentError: the id was given on the command line and no imported review has it.
    """
    from ctoprep.core.gaps import resolve_profile
    from ctoprep.core.problems import ContentError, Problem
    from ctoprep.services.context import open_store
    from ctoprep.services.profiles import find_profile

    with open_store(home) as store:
        found = find_profile(store, framework, profile_id)
    if found is not None:
        return found
    if given:
        raise ContentError(
            [
                Problem(
                    profile_id,
                    "no imported mentor review with agreed targets has this id",
                    hint="'ctoprep mentor reviews' lists the reviews you imported",
                )
            ]
        )
    return resolve_profile(framework, None)  # the review was deleted: measure against the default


def emit(
    args: argparse.Namespace,
    ctx: ReportContext,
    fmt: str,
    render: Callable[[ReportContext, Console], None] | None = None,
) -> int:
    """Render in ``fmt`` and write to the screen or ``-o FILE`` (``render`` draws the text format)."""
    import sys

    from ctoprep.cli import output

    draw = render or render_text
    if fmt == "text":
        if args.output is None:
            draw(ctx, output.out())
            return 0
        text = text_to_string(ctx, draw)
    elif fmt == "markdown":
        from ctoprep.reports.markdown import render_markdown

        text = render_markdown(ctx)
    elif fmt == "html":
        from ctoprep.reports.html import render_html

        text = render_html(ctx)
    else:
        from ctoprep.reports.json_shape import render_json

        text = render_json(ctx)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return output.write_file(args.output, text, force=args.force)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli.inputs import output_format

    fmt = output_format(args)
    return emit(args, build_context(args, with_plan=args.plan), fmt)


# text ------------------------------------------------------------------------------------------


def text_to_string(
    ctx: ReportContext, render: Callable[[ReportContext, Console], None] | None = None, width: int = 110
) -> str:
    """The text format as plain text (no colors, no box drawing), for a file."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, force_terminal=False, highlight=False, emoji=False)
    (render or render_text)(ctx, console)
    return buffer.getvalue()


def bar(score: float | None, target: float | None, plain: bool, width: int = 20) -> Text:
    """A bar of ``width`` cells for 0–100, with the target marked ``|``."""
    from rich.text import Text

    filled = 0 if score is None else round(max(0.0, min(score, 100.0)) / 100 * width)
    mark = None if target is None else round(max(0.0, min(target, 100.0)) / 100 * width)
    out = Text()
    full, empty = ("#", ".") if plain else ("█", "░")
    for i in range(width + 1):
        if i == mark:
            out.append("|", style="" if plain else "bold dark_orange")
        elif i < width:
            out.append(full if i < filled else empty, style="" if plain else ("blue" if i < filled else "grey50"))
    return out


def fmt(value: float | None) -> str:
    from ctoprep.reports import fmt_score

    return fmt_score(value)


def render_header(ctx: ReportContext, console: Console) -> None:
    from rich.text import Text

    plain = is_plain(console)
    fw, a, scores, gaps = ctx.framework, ctx.assessment, ctx.scores, ctx.gaps
    head = t(a.person or "Unnamed", "" if plain else "bold")
    head.append(" — ")
    head.append_text(t(fw.short_title or fw.title))
    console.print(head)
    rater = "self-assessment" if a.rater.role.value == "self" else f"rated by mentor {a.rater.name}".rstrip()
    sub = t(f"{rater}, updated {a.updated_at.date().isoformat()}")
    if gaps is not None:
        sub.append_text(t(f"; target profile: {gaps.profile_title}"))
    console.print(sub)
    o = scores.overall
    line = Text(f"Overall {fmt(o.score)}/100 · {o.rated} of {o.total} skills rated · {o.with_evidence} with evidence")
    if scores.exam is not None:
        line.append(f" · weighted as the exam: {fmt(scores.exam.score)}/100")
    console.print(line)
    if o.reason:
        console.print(t(f"({o.reason}: scores are over the rated skills only)", "" if plain else "italic"))


def render_text(ctx: ReportContext, console: Console) -> None:
    """The whole report: header, areas, content areas, gaps, strengths, unrated, and the plan if any."""
    from rich.console import RenderableType
    from rich.text import Text

    from ctoprep.reports import fmt_level, fmt_target

    plain = is_plain(console)
    fw, scores, gaps = ctx.framework, ctx.scores, ctx.gaps
    render_header(ctx, console)

    area_gaps = {g.area_id: g for g in gaps.areas} if gaps else {}
    # the numbers are the point: the bar goes first when the terminal is narrow, never a figure
    show_bar = console.width >= 100
    areas = table(plain, "Skill areas")
    areas.add_column("area", justify="left", overflow="fold", min_width=12, ratio=1)
    for name in ("score", "target", "gap", "rated", "evidence"):
        areas.add_column(name, justify="right", no_wrap=True)
    if show_bar:
        areas.add_column("current vs target", justify="left", no_wrap=True, min_width=21)
    notes: list[tuple[str, str]] = []
    for g in scores.areas:
        ag = area_gaps.get(g.id)
        target = ag.target_score if ag else None
        row: list[RenderableType] = [
            t(g.title),
            fmt(g.score),
            fmt(target),
            fmt_level(ag.gap) if ag and ag.targeted and g.rated else "—",
            f"{g.rated}/{g.total}",
            str(g.with_evidence),
        ]
        if show_bar:
            row.append(bar(g.score, target, plain))
        areas.add_row(*row)
        if g.reason:
            notes.append((g.title, g.reason))
    console.print()
    console.print(areas)
    for title, reason in notes:
        console.print(t(f"  note: {title}: {reason}", "" if plain else "italic"))
    if gaps is not None:
        console.print(
            t("  score and target are 0-100; gap is in levels of the scale; rated and evidence count skills.", "dim")
        )

    if scores.content_areas:
        content = table(plain, "Exam content areas (weighted as the exam)")
        content.add_column("content area", justify="left", overflow="fold", min_width=12, ratio=1)
        content.add_column("weight", justify="right", no_wrap=True)
        content.add_column("score", justify="right", no_wrap=True)
        if show_bar:
            content.add_column("", justify="left", no_wrap=True, min_width=21)
        for g in scores.content_areas:
            row2: list[RenderableType] = [t(g.title), f"{g.weight or 0:g}%", fmt(g.score)]
            if show_bar:
                row2.append(bar(g.score, None, plain))
            content.add_row(*row2)
        console.print(content)
        for g in scores.content_areas:
            if g.reason:
                console.print(t(f"  note: {g.title}: {g.reason}", "" if plain else "italic"))

    if gaps is not None:
        top = gaps.top(ctx.top)
        gap_table = table(plain, f"Top gaps against {gaps.profile_title}")
        gap_table.add_column("#", justify="right", no_wrap=True)
        gap_table.add_column("skill", justify="left", overflow="fold", ratio=2, min_width=14)
        gap_table.add_column("area", justify="left", overflow="fold", ratio=1, min_width=8)
        for name in ("now", "target", "priority"):
            gap_table.add_column(name, justify="right", no_wrap=True)
        for i, sg in enumerate(top, 1):
            gap_table.add_row(
                str(i),
                t(sg.title),
                t(sg.area_title),
                str(sg.current),
                fmt_target(sg.target_min, sg.target_max),
                f"{sg.priority:.0f}",
            )
        if top:
            console.print(gap_table)
            console.print(
                t(
                    "  priority = levels below target x the value of one level (100 / the scale's steps x the "
                    "profile's importance x the area's exam weight); why, for each:",
                    "dim",
                )
            )
            for i, sg in enumerate(top, 1):
                console.print(t(f"{i:>3}. {sg.reason}; {sg.priority_text}"))
            if len(gaps.gaps) > len(top):
                console.print(Text(f"     ... and {len(gaps.gaps) - len(top)} more (--top N, or --format html)"))
        else:
            console.print(Text("No rated skill is below its target."))
        if gaps.strengths:
            console.print()
            console.print(Text("Strengths", style="" if plain else "bold"))
            for sg in gaps.strengths[: ctx.top]:
                console.print(t(f"  + {sg.reason}"))
        if gaps.not_rated:
            console.print()
            console.print(Text(f"Not yet rated ({len(gaps.not_rated)})", style="" if plain else "bold"))
            console.print(t("  " + ", ".join(sg.title for sg in gaps.not_rated)))
    elif not fw.profiles:
        console.print(Text("This framework has no target profiles, so there are no gaps to rank."))

    if ctx.plan is not None:
        console.print()
        render_plan_text(ctx, console)


def render_plan_text(ctx: ReportContext, console: Console) -> None:
    from rich.text import Text

    from ctoprep.reports import fmt_hours, fmt_money, month_label, month_span

    plan = ctx.plan
    assert plan is not None
    plain = is_plain(console)
    lim = plan.limits
    console.print(Text("PD plan", style="" if plain else "bold"))
    console.print(
        Text(
            f"Budget ${lim.budget_usd:,}, {fmt_hours(lim.hours_per_month)} a month for {plural(lim.months, 'month')} "
            f"from {lim.start.isoformat()}: uses ${plan.total_cost:,} and {fmt_hours(plan.total_hours)}."
        )
    )
    for note in plan.notes:
        console.print(t(f"  - {note}"))
    if plan.activities:
        months = table(plain, "Month by month")
        months.add_column("month")
        months.add_column("running")
        months.add_column("hours", justify="right")
        months.add_column("cost", justify="right")
        months.add_column("re-rate")
        titles = ctx.framework.activity_by_id
        skills = ctx.framework.skill_by_id
        for m in plan.months:
            running = [("* " if i in m.starting else "  ") + titles[i].title for i in m.activities]
            months.add_row(
                month_label(m.starts_on),
                _lines(running) if running else Text("—"),
                fmt_hours(m.hours),
                fmt_money(m.cost_usd) if m.cost_usd else "",
                _lines([skills[s].title for s in m.rerate]) if m.rerate else t(""),
            )
        console.print()
        console.print(months)
        console.print(Text("(* starts that month)"))
        acts = table(plain, "The activities")
        acts.add_column("activity")
        acts.add_column("when")
        acts.add_column("why")
        acts.add_column("evidence it produces")
        acts.add_column("re-rate")
        for p in plan.activities:
            acts.add_row(
                t(p.title),
                month_span(p.starts_on, p.ends_on),
                t(p.why),
                t(p.produces or "—"),
                p.rerate_on.isoformat(),
            )
        console.print(acts)
    useful = [lo for lo in plan.left_out if lo.kind.value != "covered"]
    if useful:
        left = table(plain, "Left out")
        left.add_column("activity")
        left.add_column("cost", justify="right")
        left.add_column("hours", justify="right")
        left.add_column("why not")
        for lo in useful[: max(ctx.top, 5)]:
            left.add_row(t(lo.title), fmt_money(lo.cost_usd), fmt_hours(lo.hours), t(lo.reason))
        console.print(left)
        if len(useful) > max(ctx.top, 5):
            console.print(Text(f"... and {len(useful) - max(ctx.top, 5)} more (--format html or json lists all)"))


def _lines(items: list[str]) -> Text:
    from rich.text import Text

    out = Text()
    for i, item in enumerate(items):
        if i:
            out.append("\n")
        out.append_text(t(item))
    return out
