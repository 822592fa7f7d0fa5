"""Targets agreed in a mentor review become a profile the mentee can choose, and survive a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ctoprep.cli.commands.report import agreed_in_store
from ctoprep.core.models.framework import Framework
from ctoprep.core.packets import MentorReview, ProfileAdjustment, TargetOverride, build_packet, parse_packet
from ctoprep.core.problems import ContentError
from ctoprep.services.content import Library
from ctoprep.services.context import Workspace
from ctoprep.services.insights import LimitsChoice
from ctoprep.services.mentoring import _plan
from ctoprep.services.profiles import AGREED_PREFIX, agreed_profiles, find_profile
from ctoprep.storage import mentor_store, settings
from ctoprep.storage.store import Store
from tests.mentor.helpers import mini_framework, rated


def review_with_targets(tmp_path: Path, fw: Framework, adjustment: ProfileAdjustment | None) -> MentorReview:
    from ctoprep.core.packets import packet_to_json

    mine = rated(fw, {"alpha.one": 1, "alpha.two": 2, "beta.one": 1}, person="Jordan")
    with Store.open(tmp_path / "mentee") as mentee:
        mentee.save_assessment(mine)
        packet = build_packet(fw, [mine])
    with Store.open(tmp_path / "mentor") as mentor:
        session = mentor_store.open_session(mentor, parse_packet(packet_to_json(packet).encode()), fw, "Morgan")
        if adjustment is not None:
            mentor_store.set_profile(mentor, session.id, adjustment)
        return mentor_store.review_from_session(mentor, mentor_store.load_session(mentor, session.id))


def test_agreed_targets_are_a_choosable_profile(tmp_path: Path) -> None:
    fw = mini_framework(tmp_path / "fw")
    adjustment = ProfileAdjustment(
        base="p", targets={"alpha.one": TargetOverride(min=1, max=1), "gone.skill": TargetOverride(min=1, max=1)}
    )
    review = review_with_targets(tmp_path, fw, adjustment)
    with Store.open(tmp_path / "mentee") as store:
        assert agreed_profiles(store, fw) == []
        mentor_store.import_review(store, review, fw, "r.json")
        ws = Workspace(Library(tmp_path / "mentee"), store, fw)
        ids = [p.id for p in ws.profiles()]
        assert ids[:2] == ["p", "q"]
        (agreed,) = ws.profiles()[2:]
        assert agreed.id.startswith(AGREED_PREFIX)
        assert agreed.title.startswith("Agreed with Morgan (")
        assert "1 skill target changed" in agreed.description  # the unknown skill is not counted
        assert not agreed.default
        base = fw.profile_by_id["p"]
        assert agreed.skill_targets["alpha.one"].min == 1
        assert base.skill_targets["alpha.one"].min == 2
        assert agreed.skill_targets["alpha.two"] == base.skill_targets["alpha.two"]
        assert ws.profile is not None
        assert ws.profile.id == "p"
        assessment_id = ws.current_id()
        ws.choose_profile(agreed.id)
    with Store.open(tmp_path / "mentee") as store:
        ws = Workspace(Library(tmp_path / "mentee"), store, fw)
        assert ws.profile == agreed  # chosen for good, rebuilt from the stored review
        assert assessment_id is not None
        assessment = store.load_assessment(assessment_id)
        assert assessment.profile == agreed.id
        # the plan a mentee sends back with the next packet measures against the agreed targets
        plan = _plan(store, ws.library, fw, assessment, LimitsChoice(), date(2026, 11, 23))
        assert plan is not None
        assert plan.profile == agreed.id
        assert agreed_in_store(tmp_path / "mentee", fw, agreed.id, given=True) == agreed


def test_unknown_or_missing_agreed_profiles(tmp_path: Path) -> None:
    fw = mini_framework(tmp_path / "fw")
    review = review_with_targets(tmp_path, fw, None)  # a review that agreed no targets
    with Store.open(tmp_path / "mentee") as store:
        mentor_store.import_review(store, review, fw, "r.json")
        assert agreed_profiles(store, fw) == []
        ws = Workspace(Library(tmp_path / "mentee"), store, fw)
        with pytest.raises(KeyError):
            ws.choose_profile(f"{AGREED_PREFIX}999")
        assert find_profile(store, fw, f"{AGREED_PREFIX}999") is None
        assert find_profile(store, fw, "q") == fw.profile_by_id["q"]
        # a chosen review that has since been forgotten falls back to the default, not a crash
        store.set_setting(settings.PROFILE, f"{AGREED_PREFIX}999", framework=fw.id)
        assert ws.profile == fw.default_profile
    with pytest.raises(ContentError, match="no imported mentor review"):
        agreed_in_store(tmp_path / "mentee", fw, f"{AGREED_PREFIX}999", given=True)
    assert agreed_in_store(tmp_path / "mentee", fw, f"{AGREED_PREFIX}999", given=False) == fw.default_profile
