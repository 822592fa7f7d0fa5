"""Sessions and reviews in the store: resumed by packet, comments saved and cleared, forgotten with the person."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctoprep.core.models.assessment import RaterRole
from ctoprep.core.packets import build_packet, parse_packet
from ctoprep.core.problems import ContentError
from ctoprep.storage import mentor_store
from ctoprep.storage.store import Store, StoreError
from tests.mentor.helpers import mini_framework, rated


def test_sessions_resume_by_packet_and_forget_removes_everything(tmp_path: Path) -> None:
    fw = mini_framework(tmp_path / "fw")
    packet = build_packet(fw, [rated(fw, {"alpha.one": 2}, person="Mentee Name")])
    with Store.open(tmp_path / "home") as store:
        first = mentor_store.open_session(store, packet, fw, "")
        again = mentor_store.open_session(store, packet, fw, "Morgan")
        assert again.id == first.id == packet.checksum.value
        assert again.mentor_name == "Morgan"
        mentor = store.load_assessment(first.mentor_assessment_id)
        assert (mentor.rater.role, mentor.rater.name, mentor.person) == (RaterRole.MENTOR, "Morgan", "Mentee Name")
        assert not again.revealed
        mentor_store.set_comment(store, first.id, "alpha.one", "Keep going")
        mentor_store.set_comment(store, first.id, "alpha.two", "x")
        mentor_store.set_comment(store, first.id, "alpha.two", "  ")  # blank removes
        mentor_store.reveal(store, first.id)
        loaded = mentor_store.load_session(store, first.id)
        assert loaded.comments == {"alpha.one": "Keep going"}
        assert loaded.revealed
        assert [s.person for s in mentor_store.sessions(store)] == ["Mentee Name"]
        # the stored packet is re-verified on load: an edited store is refused, not trusted
        store.conn.execute("UPDATE mentor_sessions SET packet = replace(packet, 'Mentee Name', 'Someone')")
        with pytest.raises(ContentError, match="checksum does not match"):
            mentor_store.load_session(store, first.id)
        store.conn.execute("UPDATE mentor_sessions SET packet = replace(packet, 'Someone', 'Mentee Name')")
        assert store.forget_person(first.person_id) == 1
        assert mentor_store.sessions(store) == []
        assert store.conn.execute("SELECT count(*) FROM mentor_comments").fetchone()[0] == 0
        with pytest.raises(StoreError, match="no mentor review"):
            mentor_store.load_session(store, first.id)
    assert b"Keep going" not in (tmp_path / "home" / "ctoprep.db").read_bytes()


def test_import_matches_the_packet_sent_and_the_mentees_person(tmp_path: Path) -> None:
    fw = mini_framework(tmp_path / "fw")
    mine = rated(fw, {"alpha.one": 2, "alpha.two": 0}, person="Jordan")
    with Store.open(tmp_path / "mentee") as mentee:
        mentee.save_assessment(mine)
        pid = mentee.assessments()[0].person_id
        packet = build_packet(fw, [mine])
        mentor_store.record_packet_sent(mentee, pid, packet)
    with Store.open(tmp_path / "mentor") as mentor:
        session = mentor_store.open_session(mentor, parse_packet(_json(packet)), fw, "Morgan")
        m = mentor.load_assessment(session.mentor_assessment_id)
        mentor.save_rating(m.id, "alpha.one", rated(fw, {"alpha.one": 1}).ratings["alpha.one"])
        review = mentor_store.review_from_session(mentor, mentor_store.load_session(mentor, session.id))
    with Store.open(tmp_path / "mentee") as mentee:
        imported = mentor_store.import_review(mentee, review, fw, "r.json")
        assert imported.answers_packet_sent
        assert imported.person_id == pid
        assert imported.mentor_assessment.ratings["alpha.one"].level == 1
        assert [r.rater_role for r in mentee.assessments(person_id=pid)] == ["self", "mentor"]
        ((_, _, kept),) = mentor_store.received_reviews(mentee)
        assert kept == review


def _json(packet: object) -> bytes:
    from ctoprep.core.packets import packet_to_json

    return packet_to_json(packet).encode()  # type: ignore[arg-type]


def test_a_review_cannot_overwrite_the_mentees_own_assessment(tmp_path: Path) -> None:
    import json

    from ctoprep.core.packets import payload_checksum, review_to_json

    fw = mini_framework(tmp_path / "fw")
    mine = rated(fw, {"alpha.one": 2}, person="Jordan")
    with Store.open(tmp_path / "mentor") as mentor:
        packet = build_packet(fw, [mine])
        session = mentor_store.open_session(mentor, packet, fw, "Morgan")
        review = mentor_store.review_from_session(mentor, mentor_store.load_session(mentor, session.id))
    doc = json.loads(review_to_json(review))
    doc["payload"]["mentor_assessment"]["id"] = mine.id  # crafted: aims at the mentee's own assessment
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    from ctoprep.core.packets import parse_review

    crafted = parse_review(json.dumps(doc).encode())
    with Store.open(tmp_path / "mentee") as mentee:
        mentee.save_assessment(mine)
        with pytest.raises(StoreError, match="id of another assessment"):
            mentor_store.import_review(mentee, crafted, fw, "r.json")
        kept = mentee.load_assessment(mine.id)
        assert kept.rater.role is RaterRole.SELF
        assert kept.ratings["alpha.one"].level == 2
        assert mentor_store.received_reviews(mentee) == []


def test_a_refused_review_leaves_no_row_behind(tmp_path: Path) -> None:
    """Issue #16.10: checks come before any write, and the writes are one transaction."""
    import json

    from ctoprep.core.packets import parse_review, payload_checksum, review_to_json

    fw = mini_framework(tmp_path / "fw")
    theirs = rated(fw, {"alpha.one": 2}, person="Jordan")
    other = rated(fw, {"alpha.one": 1}, person="Someone else")
    with Store.open(tmp_path / "mentor") as mentor:
        packet = build_packet(fw, [theirs])
        session = mentor_store.open_session(mentor, packet, fw, "Morgan")
        review = mentor_store.review_from_session(mentor, mentor_store.load_session(mentor, session.id))
    doc = json.loads(review_to_json(review))
    doc["payload"]["mentor_assessment"]["id"] = other.id  # aims at an assessment already in the store
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    crafted = parse_review(json.dumps(doc).encode())
    with Store.open(tmp_path / "mentee") as mentee:
        mentee.save_assessment(other)  # the mentee's store does not hold the packet's self-assessment
        people = mentee.conn.execute("SELECT count(*) FROM people").fetchone()[0]
        with pytest.raises(StoreError, match="id of another assessment"):
            mentor_store.import_review(mentee, crafted, fw, "r.json")
        assert mentee.conn.execute("SELECT count(*) FROM people").fetchone()[0] == people
        assert mentor_store.received_reviews(mentee) == []
