"""Pilot flows for the mentor screens: blind rating, reveal, comments, targets, plan, send; the mentee's
read-only view; the cohort screen. Markup in names and comments is shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from ctoprep.core.comparison import PairKind
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.packets import ReviewPacket, build_packet, packet_to_json, parse_review
from ctoprep.services.context import Workspace
from ctoprep.storage import mentor_store
from ctoprep.ui.app import CtoprepApp
from ctoprep.ui.modals.choose import ChooseModal
from ctoprep.ui.modals.path_input import PathInputModal
from ctoprep.ui.screens.cohort import CohortScreen
from ctoprep.ui.screens.mentor import (
    AgreeScreen,
    BlindRatingScreen,
    MentorScreen,
    RevealScreen,
    open_session_screen,
)
from tests.mentor.helpers import T0

NAME = "[bold]Eve[/bold] [link=http://x]Lee[/link]"
SELF = {"alpha.one": 2, "alpha.two": 1, "beta.one": 0, "beta.two": 2}
SELF_EVIDENCE = "SECRET-SELF-EVIDENCE"


def packet_for(workspace: Workspace, person: str = NAME, levels: dict[str, int | None] | None = None) -> ReviewPacket:
    fw = workspace.framework
    a = Assessment(
        framework=FrameworkRef(id=fw.id, version=fw.version, content_hash=fw.content_hash),
        person=person,
        rater=Rater(role=RaterRole.SELF, name=person),
        profile="p",
        created_at=T0,
        updated_at=T0,
        ratings={s: Rating(level=v, evidence=SELF_EVIDENCE, rated_at=T0) for s, v in (levels or SELF).items()},
    )
    return build_packet(fw, [a], note="Look at [i]beta[/i]")


def screen_text(app: CtoprepApp) -> str:
    """Everything the current screen shows in its statics, labels and tables, as plain text."""
    parts = []
    for widget in app.screen.query(Static):
        parts.append(str(widget.render()))
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


def opened(workspace: Workspace, packet: ReviewPacket) -> tuple[CtoprepApp, str]:
    session = mentor_store.open_session(workspace.store, packet, workspace.framework, "")
    app = CtoprepApp(workspace, today=T0.date())
    app.ready = lambda: open_session_screen(app, session.id)
    return app, session.id


async def test_blind_rating_then_reveal_comment_target_plan_and_send(workspace: Workspace) -> None:
    packet = packet_for(workspace)
    app, sid = opened(workspace, packet)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BlindRatingScreen)
        shown = screen_text(app)
        assert "Blind rating of [bold]Eve[/bold] [link=http://x]Lee[/link]" in shown  # markup as text
        assert "Look at [i]beta[/i]" in shown
        assert SELF_EVIDENCE not in shown
        assert "you rated" not in shown
        await pilot.press("1", "1")  # alpha.one, alpha.two
        await pilot.press("e", *"saw it", "escape")
        await pilot.press("1", "2")  # beta.one, beta.two
        assert SELF_EVIDENCE not in screen_text(app)
        await pilot.press("v")  # everything rated: reveals at once
        await pilot.pause()
        reveal = app.screen
        assert isinstance(reveal, RevealScreen)
        c = reveal.comparison
        assert [p.mentor_level for p in c.skills] == [1, 1, 1, 2]
        assert [p.skill_id for p in c.blind_spots] == ["alpha.one"]
        assert [p.skill_id for p in c.hidden_strengths] == ["beta.one"]
        assert c.agreement.kappa == pytest.approx(1 / 3)
        assert c.skill_by_id["beta.one"].mentor_evidence == "saw it"
        shown = screen_text(app)
        assert "Fair agreement (weighted kappa 0.33" in shown
        assert SELF_EVIDENCE in shown  # revealed now, side by side
        assert "▲ blind spot" in shown

        await pilot.press("f")  # blind spots only
        table = reveal.query_one("#pair-table", DataTable)
        assert table.row_count == 1
        await pilot.press("c", *"[red]Work[/red] on it", "escape")
        await pilot.press("right_square_bracket")  # alpha.one target 2 -> already the top: unchanged
        await pilot.press("f", "f", "f")  # back to every skill
        assert table.row_count == 4
        await pilot.press("down", "down", "down", "left_square_bracket")  # beta.two: no target yet -> 2 - 1
        await pilot.pause()

        await pilot.press("l")
        agree = app.screen
        assert isinstance(agree, AgreeScreen)
        agree.query_one("#budget", Input).value = "0"
        agree.query_one("#mentor-name", Input).value = "Morgan <b>"
        await pilot.click("#agree-build")
        await app.workers.wait_for_complete()  # the plan is built in a worker, kept on the UI thread
        await pilot.pause()
        assert agree.plan is not None
        agree.query_one("#summary", TextArea).insert("Good year.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        written = agree.written
    assert written is not None
    review = parse_review(written.read_bytes())
    p = review.payload
    assert p.packet_checksum == packet.checksum.value
    assert p.mentor == "Morgan <b>"
    assert p.mentor_assessment.rater.name == "Morgan <b>"
    assert {k: r.level for k, r in p.mentor_assessment.ratings.items()} == {
        "alpha.one": 1,
        "alpha.two": 1,
        "beta.one": 1,
        "beta.two": 2,
    }
    assert p.comments == {"alpha.one": "[red]Work[/red] on it"}
    assert p.summary == "Good year."
    assert p.profile is not None
    assert p.profile.targets["beta.two"].min == 1
    assert "alpha.one" not in p.profile.targets
    assert p.plan is not None
    assert p.plan.basis == "mentor"
    assert p.plan.total_cost == 0
    session = mentor_store.load_session(workspace.store, sid)
    assert session.sent_at is not None


async def test_reveal_asks_first_while_skills_are_unrated(workspace: Workspace) -> None:
    app, sid = opened(workspace, packet_for(workspace))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        assert isinstance(app.screen, BlindRatingScreen)  # nothing rated: refused
        await pilot.press("2")
        await pilot.press("v")
        assert isinstance(app.screen, ChooseModal)
        await pilot.press("enter")  # "Keep rating blind" is first
        assert isinstance(app.screen, BlindRatingScreen)
        assert not mentor_store.load_session(workspace.store, sid).revealed
        await pilot.press("v", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        kinds = [p.kind for p in app.screen.comparison.skills]
        assert kinds == [PairKind.AGREE, PairKind.SELF_ONLY, PairKind.SELF_ONLY, PairKind.SELF_ONLY]
    assert mentor_store.load_session(workspace.store, sid).revealed


async def test_blind_ratings_resume_and_are_final_after_reveal(workspace: Workspace) -> None:
    app, sid = opened(workspace, packet_for(workspace))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("0", "n")  # alpha.one 0, then move past alpha.two
        await pilot.press("ctrl+q")
    app = CtoprepApp(workspace)
    app.ready = lambda: open_session_screen(app, sid)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BlindRatingScreen)
        assert screen.skill.id == "beta.one"
        assert screen.assessment.ratings["alpha.one"].level == 0
        mentor_store.reveal(workspace.store, sid)
    app = CtoprepApp(workspace)
    app.ready = lambda: open_session_screen(app, sid)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, RevealScreen)  # no way back to blind rating
        await pilot.press("1")  # no rating key here
        assert (
            workspace.store.load_assessment(mentor_store.load_session(workspace.store, sid).mentor_assessment_id)
            .ratings["alpha.one"]
            .level
            == 0
        )


async def test_mentee_imports_a_review_and_reads_it(workspace: Workspace, tmp_path: Path) -> None:
    from ctoprep.core.packets import review_to_json

    packet = packet_for(workspace, person="Jordan")
    session = mentor_store.open_session(workspace.store, packet, workspace.framework, NAME)
    mine = workspace.store.load_assessment(session.mentor_assessment_id)
    for skill_id in SELF:
        mine = workspace.rate(mine, skill_id, level=1)
    mentor_store.reveal(workspace.store, session.id)
    mentor_store.set_comment(workspace.store, session.id, "beta.one", "[blink]Great[/blink] \x1b[31m")
    review = mentor_store.review_from_session(workspace.store, mentor_store.load_session(workspace.store, session.id))
    review_file = tmp_path / "review.json"
    review_file.write_text(review_to_json(review))

    app = CtoprepApp(workspace, today=T0.date())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MentorScreen)
        await pilot.press("i")
        assert isinstance(app.screen, PathInputModal)
        app.screen.query_one(Input).value = str(review_file)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, RevealScreen)
        assert view.data.read_only
        assert view.query_one("#comment", TextArea).read_only
        await pilot.press("down", "down")  # beta.one
        await pilot.pause()
        assert view.query_one("#comment", TextArea).text == "[blink]Great[/blink] \x1b[31m"
        shown = screen_text(app)
        assert "[bold]Eve[/bold] [link=http://x]Lee[/link]" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MentorScreen)
        received = app.screen.query_one("#received-table", DataTable)
        assert received.row_count == 1
    rows = workspace.store.assessments()
    assert [r.rater_role for r in rows].count("mentor") == 1


async def test_a_tampered_packet_is_refused_in_the_app(workspace: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(packet_to_json(packet_for(workspace)).replace('"level": 2', '"level": 1', 1))
    app = CtoprepApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "o")
        app.screen.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentorScreen)
        messages = [n.message for n in app._notifications]
        assert any("checksum does not match" in m for m in messages)
    assert mentor_store.sessions(workspace.store) == []


async def test_cohort_screen(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for i, (name, level) in enumerate([("Ana Diaz", 0), ("Ben Ode", 1), (NAME, 2)]):
        packet = packet_for(workspace, person=name, levels=dict.fromkeys(SELF, level))
        (folder / f"{i}.json").write_text(packet_to_json(packet))
    (folder / "cut.json").write_text(packet_to_json(packet)[:100])
    app = CtoprepApp(workspace, today=T0.date())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(CohortScreen([folder]))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CohortScreen)
        assert screen.view is not None
        table = screen.query_one("#heat-table", DataTable)
        assert table.row_count == 4  # three members and the cohort mean
        shown = screen_text(app)
        assert "cut.json" in shown
        assert "[bold]Eve[/bold] [link=http://x]Lee[/link]" in shown
        assert "Cohort of 3" in shown
        await pilot.press("a")  # initials
        assert [m.label for m in screen.view.cohort.members] == ["AD", "BEL", "BO"]
        await pilot.press("w")
        await pilot.pause()
    exported = list((workspace.library.home / "exports").glob("cohort-*.html"))
    assert len(exported) == 1
    page = exported[0].read_text()
    assert "Ana" not in page
    assert "BEL" in page


async def test_reveal_shows_practice_results_and_the_mentees_own_plan(workspace: Workspace) -> None:
    from datetime import date

    from ctoprep.core.packets import PlanLimitsDoc, PlannedItem, PlanSummary, PracticeArea, PracticeResult

    fw = workspace.framework
    base = packet_for(workspace)
    practice = PracticeResult(
        id="a1", mode="mock", finished_at=T0, correct=6, answered=10, total=10, scaled=520,
        areas=(PracticeArea(area="alpha", correct=1, answered=4, total=4),
               PracticeArea(area="beta", correct=5, answered=6, total=6)),
    )  # fmt: skip
    own = PlanSummary(
        limits=PlanLimitsDoc(budget_usd=0, hours_per_month=4, months=2, start=date(2026, 3, 1)),
        activities=(PlannedItem(activity="read", title="Read [u]a[/u] book", start_month=0, months=1, cost_usd=0,
                                hours=5),),
    )  # fmt: skip
    packet = build_packet(fw, list(base.payload.assessments), practice=[practice], plan=own)
    app, sid = opened(workspace, packet)
    mentor_store.reveal(workspace.store, sid)
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, RevealScreen)
        shown = screen_text(app)
        assert "Practice results (1)" in shown
        assert "mock: 6 of 10 (60%), estimated 520" in shown
        assert "weakest: Area alpha 1/4" in shown
        assert "The mentee's own plan" in shown
        assert "Read [u]a[/u] book" in shown


async def test_mentee_measures_against_the_agreed_targets(workspace: Workspace, tmp_path: Path) -> None:
    from ctoprep.core.packets import ProfileAdjustment, TargetOverride, review_to_json

    session = mentor_store.open_session(
        workspace.store, packet_for(workspace, person="Jordan"), workspace.framework, "Morgan"
    )
    mentor_store.set_profile(
        workspace.store, session.id, ProfileAdjustment(base="p", targets={"alpha.two": TargetOverride(min=1, max=1)})
    )
    review = mentor_store.review_from_session(workspace.store, mentor_store.load_session(workspace.store, session.id))
    review_file = tmp_path / "review.json"
    review_file.write_text(review_to_json(review))

    app = CtoprepApp(workspace, today=T0.date())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "i")
        app.screen.query_one(Input).value = str(review_file)
        await pilot.press("enter")
        await pilot.pause()
        assert any("press t on the home screen" in n.message for n in app._notifications)
        await pilot.press("escape", "escape")
        await pilot.press("t")
        modal = app.screen
        assert isinstance(modal, ChooseModal)
        assert [title for _, title, _ in modal.options][-1].startswith("Agreed with Morgan")
        await pilot.press("end", "enter")
        await pilot.pause()
        assert workspace.profile is not None
        assert workspace.profile.title.startswith("Agreed with Morgan")
        assert workspace.profile.skill_targets["alpha.two"].min == 1
        assert "Agreed with Morgan" in screen_text(app)


async def test_sending_without_a_plan_asks_first(workspace: Workspace) -> None:
    """Issue #18.7: Ctrl+S wrote a review with "plan": null and no warning."""
    from ctoprep.ui.modals.choose import ConfirmModal

    packet = packet_for(workspace)
    app, _ = opened(workspace, packet)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "1", "2", "v")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("l")
        agree = app.screen
        assert isinstance(agree, AgreeScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert agree.written is None  # nothing sent
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert agree.written is not None
        assert parse_review(agree.written.read_bytes()).payload.plan is None  # sent knowingly
