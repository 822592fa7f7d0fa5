"""``ctoprep mentor ...``: mentor review by passing files, offline.

Mentee: ``export-packet`` writes a sealed review packet; ``import-review`` takes the mentor's answer
into the store (it joins ``ctoprep history``); ``show`` prints a review received. Mentor: ``open``
opens a packet in the app, blind rating first; ``send`` writes the review file of a revealed session;
``reviews`` lists both sides. ``docs/mentoring.md`` describes the files.

At about 410 lines it stays one module: six small subcommands that share their argument parsing and
the ``MentorDesk`` calls; each is a few dozen lines.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.cli.inputs import hours_per_month, iso_date, months, non_negative_int

if TYPE_CHECKING:
    from ctoprep.services.mentor_desk import MentorDesk


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "mentor",
        help="mentor review by exchanging files: export a packet, open one, import a review",
        description="Mentor review offline. The mentee exports a review packet and sends it; the mentor opens "
        "it, rates each skill blind, reveals the self-ratings side by side, comments, agrees targets and a plan, "
        "and sends a review file back; the mentee imports it.",
    )
    p.set_defaults(func=lambda args: _usage(p))
    msub = p.add_subparsers(dest="mentor_command", metavar="ACTION")

    e = msub.add_parser(
        "export-packet",
        description=(
            "Mentee: write a packet with your self-assessment for your mentor. The mentor rates you blind before "
            "seeing your ratings."
        ),
        help="(mentee) write a review packet for your mentor",
    )
    e.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="file to write ('-' for stdout)")
    e.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    e.add_argument("--assessment", metavar="ID", help="the self-assessment to review (default: the latest)")
    e.add_argument(
        "--history", type=int, default=5, metavar="N", help="earlier self-assessments to include (default 5)"
    )
    e.add_argument("--name", help="your name as the mentor will see it (default: the assessment's)")
    e.add_argument("--note", default="", help="a message for your mentor")
    e.add_argument("--no-practice", action="store_true", help="leave practice exam results out")
    e.add_argument("--no-plan", action="store_true", help="leave your PD plan out")
    g = e.add_argument_group("plan limits (default: what the plan screen last used)")
    g.add_argument("--budget", type=non_negative_int, default=None, metavar="USD")
    g.add_argument("--hours-per-month", type=hours_per_month, default=None, metavar="H")
    g.add_argument("--months", type=months, default=None, metavar="N")
    g.add_argument("--start", type=iso_date, default=None, metavar="DATE")
    e.set_defaults(func=run_export)

    o = msub.add_parser(
        "open",
        description=(
            "Mentor: open a mentee's packet in the app. You rate every skill blind first; then both views are "
            "revealed side by side."
        ),
        help="(mentor) open a review packet in the app: blind rating first",
    )
    o.add_argument("file", type=Path, metavar="FILE")
    o.add_argument("--as", dest="mentor_name", metavar="NAME", help="your name on the review (remembered)")
    o.add_argument(
        "--same-person",
        metavar="ID",
        help="file the packet under this person already in your store (people are matched by id, never by name)",
    )
    o.set_defaults(func=run_open)

    s = msub.add_parser(
        "send",
        description=(
            "Mentor: write the review file of a revealed session (your ratings, comments and the agreed plan) to send"
            " back."
        ),
        help="(mentor) write the review file of a revealed session",
    )
    s.add_argument("session", metavar="ID", help="session id or unique prefix (see 'ctoprep mentor reviews')")
    s.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    s.set_defaults(func=run_send)

    i = msub.add_parser(
        "import-review",
        description=(
            "Mentee: import the review file your mentor sent. It is matched to you by person id, never by name."
        ),
        help="(mentee) import the review file your mentor sent",
    )
    i.add_argument("file", type=Path, metavar="FILE")
    i.set_defaults(func=run_import)

    r = msub.add_parser(
        "reviews",
        description="List the reviews you received, the packets you sent and the mentor sessions in progress.",
        help="list reviews received, packets sent and reviews in progress",
    )
    r.add_argument("--json", action="store_true", help="machine-readable output")
    r.set_defaults(func=run_reviews)

    w = msub.add_parser(
        "show",
        description=(
            "Mentee: show a review you received: where your mentor's view differs from yours, their comments and the "
            "agreed plan."
        ),
        help="(mentee) show a review received: comparison, comments, plan",
    )
    w.add_argument("review", nargs="?", metavar="ID", help="review id or prefix (default: the latest)")
    from ctoprep.cli.commands.compare import FORMATS, add_output_options

    add_output_options(w, FORMATS)
    w.set_defaults(func=run_show)


@contextmanager
def _desk(home: Path | None) -> Iterator[MentorDesk]:
    """The mentor desk over the store in ``home``, closed when the command is done."""
    from ctoprep.services.content import Library
    from ctoprep.services.context import open_store
    from ctoprep.services.mentor_desk import MentorDesk

    with open_store(home) as store:
        yield MentorDesk.for_store(store, Library(home))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# mentee: export ------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.packets import packet_to_json
    from ctoprep.core.text import printable
    from ctoprep.services.insights import LimitsChoice

    with _desk(args.home) as desk:
        exported = desk.build_packet(
            assessment_id=desk.find_assessment(args.assessment) if args.assessment else None,
            history=max(args.history, 0),
            practice=not args.no_practice,
            plan=not args.no_plan,
            limits=LimitsChoice(args.budget, args.hours_per_month, args.months, args.start),
            note=args.note,
            name=args.name,
        )
        output.print_problems(exported.warnings)
        packet = exported.packet
        text = packet_to_json(packet)
        if str(args.output) == "-":
            sys.stdout.write(text)
            status = 0
        else:
            status = output.write_file(args.output, text, force=args.force)
        if status == 0:
            desk.record_packet_sent(exported)
    if status == 0:
        current, payload = packet.current, packet.payload
        rated = sum(1 for r in current.ratings.values() if r.level is not None)
        output.err().print(
            printable(
                f"packet for {packet.person or 'unnamed person'}: self-assessment of "
                f"{current.updated_at.date().isoformat()} ({rated} of {len(exported.framework.skills)} skills "
                f"rated), {len(payload.assessments) - 1} earlier, {len(payload.practice)} practice result(s), "
                + (f"a plan of {len(payload.plan.activities)} activities" if payload.plan else "no plan")
                + f"; checksum {packet.checksum.value[:12]}",
                single_line=True,
            ),
            markup=False,
        )
    return status


# mentor: open and send -----------------------------------------------------------------------------


def run_open(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.text import printable
    from ctoprep.formats.exchange_files import read_packet
    from ctoprep.services.context import Workspace
    from ctoprep.services.mentor_desk import MentorDesk

    packet = read_packet(args.file)
    workspace = Workspace.open(args.home, packet.payload.framework.id)
    try:
        desk = MentorDesk(workspace)
        if args.mentor_name is not None:
            desk.remember_name(args.mentor_name.strip())
        opened = desk.open_packet(args.file, as_person=args.same_person, packet=packet)
        output.print_problems(list(opened.warnings))
        session = opened.session
        if opened.clash:
            output.err().print("note: " + printable(opened.clash, single_line=True), markup=False)

        from ctoprep.ui.app import CtoprepApp
        from ctoprep.ui.screens.mentor import open_session_screen

        app = CtoprepApp(workspace)
        app.ready = lambda: open_session_screen(app, session.id)
        app.run()
        return app.return_code or 0
    finally:
        workspace.close()


def run_send(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.core.packets import review_to_json

    with _desk(args.home) as desk:
        session = desk.session(desk.find_session(args.session))
        if not session.revealed:
            return output.fail(
                "the self-ratings of this review are not revealed yet",
                "rate blind in the app ('ctoprep mentor open FILE'), then reveal, comment and send",
            )
        review = desk.review(session.id)
        text = review_to_json(review)
        status = 0
        if str(args.output) == "-":
            sys.stdout.write(text)
        else:
            status = output.write_file(args.output, text, force=args.force)
        if status == 0:
            desk.mark_sent(session, review)
    return status


# mentee: import and show ---------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.comparison import compare
    from ctoprep.core.text import printable
    from ctoprep.formats.exchange_files import read_review
    from ctoprep.services.profiles import short_id

    review = read_review(args.file)
    payload = review.payload
    with _desk(args.home) as desk:
        framework = desk.library.framework(payload.framework.id)
        imported = desk.import_review(args.file, review)
        agreed = desk.agreed_profiles(framework)[:1] if payload.profile and payload.profile.targets else []
    output.print_problems(imported.warnings)
    from ctoprep.core.assessment_io import map_to_framework

    mine = map_to_framework(payload.self_assessment, framework).assessment
    comparison = compare(framework, mine, imported.mentor_assessment)
    console = output.out()
    mentor = printable(payload.mentor or "your mentor", single_line=True)
    console.print(
        Text(
            f"Imported the review by {mentor} of your self-assessment of "
            f"{payload.self_assessment.updated_at.date().isoformat()}."
        )
    )
    if not imported.answers_packet_sent:
        console.print(Text("(It answers a packet that was not exported from this computer.)"))
    console.print(Text(printable(comparison.agreement.reading)))
    console.print(
        Text(
            f"{len(payload.comments)} comment(s)"
            + (f"; an agreed plan of {len(payload.plan.activities)} activities" if payload.plan else "")
            + ". See it with 'ctoprep mentor show'; the mentor's ratings are now in 'ctoprep history'."
        )
    )
    for profile in agreed:
        console.print(
            Text(
                f"The agreed targets are the target profile '{short_id(profile)}': choose it in the app (t), "
                f"or use 'ctoprep report --profile {short_id(profile)}'."
            )
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ctoprep.cli.commands.compare import SUFFIXES, build_view, output_format, render
    from ctoprep.core.problems import ContentError as StoreError
    from ctoprep.core.problems import Problem

    with _desk(args.home) as desk:
        received = desk.received()
    if args.review:
        received = [
            r for r in received if r[0] == args.review or (len(args.review) >= 4 and r[0].startswith(args.review))
        ]
    if not received:
        raise StoreError(
            [
                Problem(
                    args.review or "reviews",
                    "no review received",
                    hint="import one with 'ctoprep mentor import-review FILE'",
                )
            ]
        )
    if len(received) > 1 and args.review:
        raise StoreError([Problem(args.review, f"{len(received)} reviews start with this id", hint="give more of it")])
    _, _, review = received[-1]
    view = build_view(
        review.payload.self_assessment, review.payload.mentor_assessment, review, args.home, ("self", "mentor")
    )
    return render(args, view, output_format(args, SUFFIXES))


def run_reviews(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ctoprep.cli import output
    from ctoprep.core.text import printable

    with _desk(args.home) as desk:
        received = desk.received()
        in_progress = desk.sessions()
        packets = desk.sent_packets()
    if args.json:
        output.print_json(
            {
                "received": [
                    {
                        "id": rid,
                        "imported_at": when.isoformat(),
                        "mentor": r.payload.mentor,
                        "mentee": r.payload.mentee,
                        "created_at": r.payload.created_at.isoformat(),
                        "comments": len(r.payload.comments),
                        "checksum": r.checksum.value,
                    }
                    for rid, when, r in received
                ],
                "sessions": [
                    {
                        "id": s.id,
                        "mentee": s.person,
                        "rated": s.rated,
                        "revealed": s.revealed,
                        "sent": s.sent,
                        "updated_at": s.updated_at.isoformat(),
                    }
                    for s in in_progress
                ],
                "packets_sent": [{"id": p["id"], "created_at": p["created_at"], **p["document"]} for p in packets],
            }
        )
        return 0
    console = output.out()
    if not (received or in_progress or packets):
        console.print(Text("No mentor reviews yet. 'ctoprep mentor export-packet -o FILE' starts one."))
        return 0

    def cell(text: str) -> Text:
        return Text(printable(text, single_line=True))

    if received:
        table = Table(title="Reviews received", title_justify="left")
        for col in ("id", "imported", "mentor", "comments", "plan"):
            table.add_column(col)
        for rid, when, r in received:
            table.add_row(
                cell(rid[:8]),
                cell(when.strftime("%Y-%m-%d")),
                cell(r.payload.mentor or "-"),
                cell(str(len(r.payload.comments))),
                cell(f"{len(r.payload.plan.activities)} activities" if r.payload.plan else "-"),
            )
        console.print(table)
    if packets:
        table = Table(title="Packets sent", title_justify="left")
        table.add_column("date")
        table.add_column("checksum")
        for p in packets:
            table.add_row(cell(p["created_at"][:10]), cell(str(p["document"].get("checksum", ""))[:12]))
        console.print(table)
    if in_progress:
        table = Table(title="Reviews you are giving", title_justify="left")
        for col in ("id", "mentee", "rated", "stage", "updated"):
            table.add_column(col)
        for s in in_progress:
            stage = "sent" if s.sent else ("revealed" if s.revealed else "blind rating")
            table.add_row(
                cell(s.id[:8]),
                cell(s.person or "-"),
                cell(str(s.rated)),
                cell(stage),
                cell(s.updated_at.strftime("%Y-%m-%d")),
            )
        console.print(table)
    return 0
