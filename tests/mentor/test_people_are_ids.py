"""People are ids, not names: packets never merge into someone else, and forget removes only that person.

Before: a mentee packet with an empty name (or the mentor's own name) was filed under the mentor, and
forgetting the mentee deleted the mentor's own self-assessment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctoprep.core.models.framework import Framework
from ctoprep.core.packets import ReviewPacket, build_packet
from ctoprep.services.mentoring import open_packet
from ctoprep.storage.store import Store, StoreError
from tests.mentor.helpers import mini_framework, rated

LEVELS = {"alpha.one": 2, "alpha.two": 1, "beta.one": 3, "beta.two": 0}


_FW: dict[str, Framework] = {}


def framework_at(root: Path) -> Framework:
    key = str(root)
    if key not in _FW:
        _FW[key] = mini_framework(root)
    return _FW[key]


def mentee_packet(fw: Framework, tmp_path: Path, name: str, *, with_id: bool = True) -> ReviewPacket:
    """A packet as a mentee's own store would write it (with that store's person id)."""
    home = tmp_path / f"mentee-{name or 'anon'}-{with_id}"
    with Store.open(home) as store:
        a = rated(fw, LEVELS, person=name)
        store.save_assessment(a)
        pid = store.self_person()
    return build_packet(fw, [a], person=name, person_id=pid if with_id else None)


@pytest.fixture
def mentor(tmp_path: Path) -> Store:
    fw = framework_at(tmp_path / "fw")
    store = Store.open(tmp_path / "mentor")
    store.save_assessment(rated(fw, LEVELS, person=""))  # the mentor's own self-assessment, no name given
    return store


@pytest.mark.parametrize("name", ["", "Morgan"])
@pytest.mark.parametrize("with_id", [True, False])
def test_a_packet_is_never_filed_under_the_mentor(tmp_path: Path, mentor: Store, name: str, with_id: bool) -> None:
    fw = framework_at(tmp_path / "fw")
    owner = mentor.self_person()
    mentor.conn.execute("UPDATE people SET name = ? WHERE id = ?", (name, owner))  # the same name as the mentee
    packet = mentee_packet(fw, tmp_path, name, with_id=with_id)
    opened = open_packet(mentor, packet, fw)
    assert opened.session.person_id != owner
    assert (owner in opened.same_name) == bool(name)  # told about the name, not merged
    # forgetting the mentee leaves the mentor's own self-assessment alone
    mentor.forget_person(opened.session.person_id)
    assert [a.person_id for a in mentor.assessments()] == [owner]
    mentor.close()


def test_two_mentees_with_one_name_are_two_people(tmp_path: Path, mentor: Store) -> None:
    fw = framework_at(tmp_path / "fw")
    first = open_packet(mentor, mentee_packet(fw, tmp_path / "a", "Sam"), fw)
    second = open_packet(mentor, mentee_packet(fw, tmp_path / "b", "Sam"), fw)
    assert first.session.person_id != second.session.person_id
    assert second.same_name == (first.session.person_id,)
    assert "separate person" in second.clash_text("Sam")
    mentor.close()


def test_the_same_mentee_again_is_the_same_person(tmp_path: Path, mentor: Store) -> None:
    fw = framework_at(tmp_path / "fw")
    packet = mentee_packet(fw, tmp_path, "Sam")
    first = open_packet(mentor, packet, fw)
    later = build_packet(
        fw,
        [rated(fw, {**LEVELS, "beta.two": 2}, person="Samantha")],
        person="Samantha",
        person_id=packet.payload.person_id,
    )
    second = open_packet(mentor, later, fw)
    assert second.session.person_id == first.session.person_id  # the id matches, whatever the name
    mentor.close()


def test_a_packet_claiming_the_mentors_id_is_refused(tmp_path: Path, mentor: Store) -> None:
    fw = framework_at(tmp_path / "fw")
    forged = build_packet(fw, [rated(fw, LEVELS, person="x")], person="x", person_id=mentor.self_person())
    with pytest.raises(StoreError, match="filed under you"):
        open_packet(mentor, forged, fw)
    mentor.close()


def test_the_user_can_choose_to_file_a_packet_under_someone(tmp_path: Path, mentor: Store) -> None:
    fw = framework_at(tmp_path / "fw")
    first = open_packet(mentor, mentee_packet(fw, tmp_path / "a", "Sam", with_id=False), fw)
    chosen = open_packet(
        mentor,
        mentee_packet(fw, tmp_path / "b", "Sam", with_id=False),
        fw,
        as_person=first.session.person_id,
    )
    assert chosen.session.person_id == first.session.person_id
    with pytest.raises(StoreError, match="no person with this id"):
        open_packet(mentor, mentee_packet(fw, tmp_path / "c", "Sam"), fw, as_person="nobody-here")
    mentor.close()


def test_an_old_store_keeps_its_owner(tmp_path: Path) -> None:
    """A store from before ids: its owner is the person of its earliest local self-assessment."""
    fw = framework_at(tmp_path / "fw")
    with Store.open(tmp_path / "old") as store:
        a = rated(fw, LEVELS, person="Ana")
        pid = store.ensure_person("Ana")
        store.save_assessment(a, person_id=pid)  # as an old ctoprep filed it
        store.conn.execute("DELETE FROM settings WHERE key = 'self-person'")
        assert store.self_person() == pid
        b = rated(fw, LEVELS, person="Ana B.")
        store.save_assessment(b)  # a new self-assessment joins the owner, whatever its name label
        assert {s.person_id for s in store.assessments()} == {pid}


def test_saving_an_assessment_again_keeps_the_review_that_points_at_it(tmp_path: Path, mentor: Store) -> None:
    """`import --replace` did INSERT OR REPLACE, whose delete cascaded to the mentor's review session."""
    fw = framework_at(tmp_path / "fw")
    opened = open_packet(mentor, mentee_packet(fw, tmp_path, "Sam"), fw)
    mentor.conn.execute(
        "INSERT INTO mentor_comments (session_id, skill_id, comment, updated_at) VALUES (?, 'alpha.one', 'good', '')",
        (opened.session.id,),
    )
    again = mentor.load_assessment(opened.session.mentor_assessment_id)
    mentor.save_assessment(again, status="complete", origin="imported")
    assert mentor.conn.execute("SELECT count(*) FROM mentor_sessions").fetchone()[0] == 1
    assert mentor.conn.execute("SELECT comment FROM mentor_comments").fetchall() == [("good",)]
    mentor.close()
