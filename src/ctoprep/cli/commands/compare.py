"""``ctoprep compare SELF MENTOR``: self-ratings beside a mentor's, as text, Markdown, HTML or JSON.

Either file may be an assessment; SELF may also be a review packet (its newest self-assessment) and
MENTOR a mentor review (its ratings, comments, agreed targets and plan). Self and mentor levels are
shown side by side and never averaged. Text from files and people is never parsed as markup.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.cli.rich_text import is_plain, t, table
from ctoprep.core.text import plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ctoprep.core.models.assessment import Assessment
    from ctoprep.core.packets import MentorReview
    from ctoprep.reports.mentor import ReviewView

FORMATS = ("text", "markdown", "html", "json")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="self-ratings beside a mentor's: blind spots, hidden strengths, agreement",
        description="Compare a self-assessment with a mentor's ratings of the same person, skill by skill: "
        "blind spots (self at least one level above the mentor), hidden strengths (self below), and agreement "
        "as a linear-weighted Cohen's kappa with a plain-words reading (docs/mentoring.md).",
    )
    p.add_argument("self_file", metavar="SELF", type=Path, help="self-assessment JSON, or a review packet")
    p.add_argument("mentor_file", metavar="MENTOR", type=Path, help="the mentor's assessment JSON, or a mentor review")
    add_output_options(p, FORMATS)
    p.set_defaults(func=run)


def add_output_options(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    p.add_argument(
        "--format", choices=formats, default=None, help="output format (default: text, or from the -o extension)"
    )
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def output_format(args: argparse.Namespace, suffixes: dict[str, str]) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        return suffixes.get(Path(args.output).suffix.lower(), "text")
    return "text"


def emit(args: argparse.Namespace, text: str | None, draw: Callable[[Console], None] | None) -> int:
    """Write ``text`` (or, for the text format, what ``draw`` prints) to the screen or ``-o FILE``."""
    import sys

    from ctoprep.cli import output

    if text is None:
        assert draw is not None
        if args.output is None:
            draw(output.out())
            return 0
        text = plain_text(draw)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return output.write_file(args.output, text, force=args.force)


def plain_text(draw: Callable[[Console], None], width: int = 110) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, width=width, no_color=True, force_terminal=False, highlight=False, emoji=False))
    return buffer.getvalue()


# reading either side ------------------------------------------------------------------------------


@dataclass
class Side:
    assessment: Assessment
    review: MentorReview | None = None


def load_side(path: Path, role: str) -> Side:
    """The ratings a file holds for one side of the comparison (``role`` is 'self' or 'mentor')."""
    from ctoprep.core.assessment_io import parse_assessment
    from ctoprep.core.packets import (
        MAX_PACKET_BYTES,
        PACKET_FORMAT,
        REVIEW_FORMAT,
        parse_packet,
        parse_review,
        sniff_format,
    )
    from ctoprep.core.problems import ContentError, Problem, display_path
    from ctoprep.formats.toml_source import read_bytes

    shown = display_path(path)
    data = read_bytes(Path(path), limit=MAX_PACKET_BYTES)
    fmt = sniff_format(data)
    if fmt == PACKET_FORMAT:
        packet = parse_packet(data, shown)
        if role == "mentor":
            raise ContentError(
                [Problem(shown, "a review packet holds self-ratings", hint="give the mentor's review or assessment")]
            )
        return Side(packet.current)
    if fmt == REVIEW_FORMAT:
        review = parse_review(data, shown)
        if role == "self":
            return Side(review.payload.self_assessment)
        return Side(review.payload.mentor_assessment, review)
    if fmt == "ctoprep.assessment" or fmt is None:
        return Side(parse_assessment(data, shown))  # None: let the assessment reader explain what is wrong
    raise ContentError(
        [
            Problem(
                shown,
                f"not an assessment, review packet or mentor review (format is {fmt!r})",
                hint="check you picked the right file",
            )
        ]
    )


def build_view(
    self_assessment: Assessment,
    mentor_assessment: Assessment,
    review: MentorReview | None,
    home: Path | None,
    shown: tuple[str, str],
) -> ReviewView:
    """Fit both sides to the installed framework (warnings printed) and compare them."""
    from ctoprep.cli import output
    from ctoprep.core.assessment_io import map_to_framework
    from ctoprep.core.comparison import compare
    from ctoprep.core.packets import agreed_profile
    from ctoprep.core.problems import ContentError, Problem, Severity
    from ctoprep.reports.mentor import ReviewView
    from ctoprep.services.content import Library

    if self_assessment.framework.id != mentor_assessment.framework.id:
        raise ContentError(
            [
                Problem(
                    shown[1],
                    f"rates framework {mentor_assessment.framework.id!r}, but {shown[0]} rates "
                    f"{self_assessment.framework.id!r}: there is nothing to compare",
                )
            ]
        )
    framework = Library(home).framework(self_assessment.framework.id)
    fitted = []
    for assessment, name in ((self_assessment, shown[0]), (mentor_assessment, shown[1])):
        fit = map_to_framework(assessment, framework)
        output.print_problems(fit.warnings(name))
        fitted.append(fit.assessment)
    notes = []
    if fitted[0].rater.role.value != "self":
        notes.append(
            Problem(shown[0], "is a mentor's rating, compared here as the self side", severity=Severity.WARNING)
        )
    if fitted[1].rater.role.value != "mentor":
        notes.append(Problem(shown[1], "is a self-rating, compared here as the mentor side", severity=Severity.WARNING))
    output.print_problems(notes)
    comparison = compare(framework, fitted[0], fitted[1])
    profile = plan = None
    comments: dict[str, str] = {}
    summary = ""
    if review is not None:
        payload = review.payload
        comments, summary, plan = dict(payload.comments), payload.summary, payload.plan
        if payload.profile is not None and framework.profiles:
            profile = agreed_profile(framework, payload.profile, None)
    return ReviewView(framework, comparison, date.today(), comments, summary, profile, plan)


def run(args: argparse.Namespace) -> int:
    from ctoprep.core.problems import display_path

    fmt = output_format(args, SUFFIXES)
    mine = load_side(args.self_file, "self")
    theirs = load_side(args.mentor_file, "mentor")
    view = build_view(
        mine.assessment,
        theirs.assessment,
        theirs.review,
        args.home,
        (display_path(args.self_file), display_path(args.mentor_file)),
    )
    return render(args, view, fmt)


def render(args: argparse.Namespace, view: ReviewView, fmt: str) -> int:
    if fmt == "markdown":
        from ctoprep.reports.mentor import render_comparison_markdown

        return emit(args, render_comparison_markdown(view), None)
    if fmt == "html":
        from ctoprep.reports.mentor import render_comparison_html

        return emit(args, render_comparison_html(view), None)
    if fmt == "json":
        from ctoprep.reports.mentor import render_comparison_json

        return emit(args, render_comparison_json(view), None)
    return emit(args, None, lambda console: render_text(view, console))


# text ---------------------------------------------------------------------------------------------


def render_text(view: ReviewView, console: Console) -> None:
    from rich.text import Text

    from ctoprep.reports.mentor import KIND_MARKS, KIND_WORDS, kappa_text, lvl, num, signed

    plain = is_plain(console)
    c, ag = view.comparison, view.comparison.agreement
    head = t(c.person or "Unnamed", "" if plain else "bold")
    head.append(": self-ratings beside ")
    head.append_text(t(c.mentor or "the mentor", "" if plain else "bold"))
    head.append("'s")
    console.print(head)
    console.print(
        Text(
            f"Agreement: {ag.band or 'not measurable'} (linear-weighted kappa {kappa_text(view)}, "
            f"{ag.both_rated} skills rated by both)",
            style="" if plain else "bold",
        )
    )
    console.print(t(ag.reading))
    if view.summary.strip():
        console.print()
        console.print(Text("The mentor's summary", style="" if plain else "bold"))
        for line in view.summary.splitlines():
            console.print(t("  " + line))

    areas = table(plain, "Skill areas (means over the skills both rated)")
    for name, justify in (
        ("area", "left"),
        ("both", "right"),
        ("self", "right"),
        ("mentor", "right"),
        ("self − mentor", "right"),
        ("blind spots", "right"),
        ("hidden strengths", "right"),
    ):
        areas.add_column(name, justify=justify)  # type: ignore[arg-type]
    for a in c.areas:
        areas.add_row(
            t(a.title),
            f"{a.both_rated}/{a.total}",
            num(a.self_mean),
            num(a.mentor_mean),
            signed(a.mean_difference),
            str(a.blind_spots),
            str(a.hidden_strengths),
        )
    console.print()
    console.print(areas)

    for title, pairs in (
        ("Blind spots (▲ rated higher by self)", c.blind_spots),
        ("Hidden strengths (▼ rated higher by the mentor)", c.hidden_strengths),
    ):
        console.print(Text(title, style="" if plain else "bold"))
        if not pairs:
            console.print(Text("  none"))
        for p in pairs:
            entry = Text(f"  {KIND_MARKS[p.kind]} ")
            entry.append_text(t(p.title, "" if plain else "bold"))
            entry.append(" (")
            entry.append_text(t(p.area_title))
            entry.append(f"): self {lvl(p.self_level)}, mentor {lvl(p.mentor_level)}")
            console.print(entry)
            for label, value in (
                ("self's evidence", p.self_evidence),
                ("mentor's evidence", p.mentor_evidence),
                ("comment", view.comments.get(p.skill_id, "")),
            ):
                if value.strip():
                    console.print(t(f"      {label}: {value}", "" if plain else "italic"))
        console.print()

    skills = table(plain, "Every skill")
    has_targets = view.profile is not None
    for name, justify in (("skill", "left"), ("area", "left"), ("self", "right"), ("mentor", "right"), ("", "left")):
        skills.add_column(name, justify=justify)  # type: ignore[arg-type]
    if has_targets:
        skills.add_column("agreed target", justify="right")
    skills.add_column("comment")
    for p in c.skills:
        row: list[Text | str] = [
            t(p.title),
            t(p.area_title),
            lvl(p.self_level),
            lvl(p.mentor_level),
            f"{KIND_MARKS[p.kind]} {KIND_WORDS[p.kind]}",
        ]
        if has_targets:
            row.append(view.target_of(p.skill_id) or "—")
        row.append(t(view.comments.get(p.skill_id, "")))
        skills.add_row(*row)
    console.print(skills)
    if view.plan is not None:
        plan = view.plan
        console.print()
        console.print(Text("Agreed plan", style="" if plain else "bold"))
        lim = plan.limits
        console.print(
            Text(
                f"Budget ${lim.budget_usd:,}, {lim.hours_per_month:g} h a month for {plural(lim.months, 'month')} from "
                f"{lim.start.isoformat()}: uses ${plan.total_cost:,} and {plan.total_hours:g} h "
                f"(gaps measured on the {plan.basis} ratings)."
            )
        )
        for item in plan.activities:
            console.print(t(f"  month {item.start_month + 1}: {item.title} — {item.why}"))
