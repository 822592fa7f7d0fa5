"""The mentor desk: each mentor action is one commit, and the screens reach the store only through it."""

from __future__ import annotations

import re
from pathlib import Path

from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.packets import ProfileAdjustment
from ctoprep.core.planning import PlanLimits
from ctoprep.services.context import Workspace
from ctoprep.services.mentor_desk import MentorDesk
from ctoprep.storage import mentor_store
from tests.conftest import WriteCounter
from tests.mentor.helpers import T0
from tests.mentor.test_mentor_flow import packet_for

UI = Path(__file__).resolve().parents[2] / "src" / "ctoprep" / "ui"


def _session(workspace: Workspace) -> str:
    packet = packet_for(workspace, "Sam")
    return mentor_store.open_session(workspace.store, packet, workspace.framework, "").id


def test_reveal_is_one_commit_and_completes_the_blind_ratings(workspace: Workspace) -> None:
    desk = MentorDesk(workspace)
    session = desk.session(_session(workspace))
    mentor = desk.mentor_assessment(session)
    workspace.rate(mentor, workspace.framework.skills[0].id, level=2)
    with WriteCounter(workspace.store.conn) as w:
        desk.reveal(session)
    assert w.commits == 1
    assert desk.session(session.id).revealed
    summary = next(a for a in workspace.store.assessments() if a.id == session.mentor_assessment_id)
    assert summary.status is AssessmentStatus.COMPLETE


def test_each_edit_is_one_commit(workspace: Workspace) -> None:
    desk = MentorDesk(workspace)
    sid = _session(workspace)
    skill = workspace.framework.skills[0].id
    for action in (
        lambda: desk.set_mentor_name(sid, "Morgan"),
        lambda: desk.set_summary(sid, "Good year"),
        lambda: desk.set_comment(sid, skill, "Seen it"),
        lambda: desk.set_adjustment(sid, ProfileAdjustment()),
    ):
        with WriteCounter(workspace.store.conn) as w:
            action()
        assert w.commits == 1
    session = desk.session(sid)
    assert (session.mentor_name, session.summary, session.comments[skill]) == ("Morgan", "Good year", "Seen it")


def test_the_plan_and_the_review_file(workspace: Workspace) -> None:
    desk = MentorDesk(workspace)
    sid = _session(workspace)
    session = desk.session(sid)
    mentor = desk.mentor_assessment(session)
    for skill in workspace.framework.skills:
        mentor = workspace.rate(mentor, skill.id, level=0)
    limits = PlanLimits(budget_usd=5000, hours_per_month=8, months=6, start=T0.date())
    with WriteCounter(workspace.store.conn) as w:
        plan = desk.build_plan(sid, limits, "mentor")
    assert w.commits == 1
    review = desk.review(sid)
    assert review.payload.plan is not None
    assert review.payload.plan.total_cost == plan.total_cost
    assert len(review.payload.plan.activities) == len(plan.activities) > 0
    path = desk.write_review(sid, T0.date())
    assert path.parent == workspace.library.home / "exports"
    assert desk.session(sid).sent_at is not None


def test_no_screen_holds_the_store() -> None:
    """The UI works through services: no module of ui/ reaches ``.store`` of the workspace."""
    offenders = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.store\b", line)
    ]
    assert offenders == []
