"""``ctoprep quiz``: open the app straight into practice (Textual is imported only when it opens)."""

from __future__ import annotations

import argparse
from datetime import date


def _exam_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-01") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes") from None
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 1440")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "quiz",
        help="practice for the exam: mock exam, area drill, weak-spot drill or review",
        description="Open the app in practice. A mock exam is drawn to the exam blueprint with a countdown "
        "and no feedback until you submit; a drill gives the answer and explanation at once; a weak-spot "
        "drill follows your gaps, accuracy and due reviews; review brings back missed and flagged questions "
        "on a spaced schedule. Without --mode you choose in the app. An unfinished attempt of the same mode "
        "can be resumed exactly where you left it.",
    )
    p.add_argument("--framework", metavar="ID", help="framework to practice (default: the bundled CoSN framework)")
    p.add_argument("--mode", choices=["mock", "drill", "weak", "review"], help="start this mode at once")
    p.add_argument(
        "--areas",
        nargs="+",
        metavar="AREA",
        default=[],
        help="skill areas for a drill, by id, code or title (implies --mode drill when no mode is given)",
    )
    p.add_argument("--count", type=_positive_int, metavar="N", help="number of questions (a mock exam: a shorter form)")
    p.add_argument(
        "--minutes",
        type=_positive_minutes,
        metavar="M",
        help="mock-exam time limit (default: the blueprint's, 120 for the CETL; shared out for a shorter form)",
    )
    p.add_argument(
        "--exam-date",
        type=_exam_date,
        metavar="YYYY-MM-DD",
        help="your exam date: reviews are scheduled to be fresh on that day (remembered for next time)",
    )
    p.add_argument(
        "--no-exam-conditions",
        action="store_true",
        help="allow pausing a mock exam's clock (under exam conditions it cannot be paused)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.cli.terminal import refuse_without_terminal

    refused = refuse_without_terminal("practice (ctoprep quiz)")
    if refused is not None:
        return refused  # before anything is saved: no attempt, no exam date
    from ctoprep.core.practice import Mode
    from ctoprep.services.context import Workspace
    from ctoprep.services.practice import PracticeError, QuizOptions, parse_areas

    workspace = Workspace.open(args.home, args.framework)
    try:
        try:
            areas = parse_areas(workspace.framework, args.areas)
        except PracticeError as exc:
            return output.fail(str(exc))
        mode = Mode(args.mode) if args.mode else (Mode.DRILL if areas else None)
        if areas and mode is not Mode.DRILL:
            return output.fail("--areas applies to drills", "use --mode drill, or leave --mode out")
        if mode is Mode.MOCK and workspace.framework.blueprint is None:
            return output.fail(
                f"framework {workspace.framework.id} has no exam blueprint, so there is no mock exam",
                "try --mode drill",
            )
        if args.exam_date is not None:
            workspace.practice().set_exam_date(args.exam_date)
    finally:
        workspace.close()
    options = QuizOptions(
        mode=mode,
        areas=areas,
        count=args.count,
        minutes=args.minutes,
        exam_conditions=not args.no_exam_conditions,
    )
    from ctoprep.ui.app import run_app

    return run_app(args, start="practice", quiz=options)
