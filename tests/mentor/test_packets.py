"""Packets and reviews: sealed round trips; tampered, truncated and hostile files refused clearly."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from ctoprep.core.models.assessment import RaterRole
from ctoprep.core.models.framework import Framework
from ctoprep.core.packets import (
    MAX_PACKET_BYTES,
    PlanLimitsDoc,
    PlanSummary,
    ProfileAdjustment,
    TargetOverride,
    agreed_profile,
    build_packet,
    build_review,
    canonical_json,
    fit_packet,
    packet_to_json,
    parse_packet,
    parse_review,
    payload_checksum,
    review_to_json,
)
from ctoprep.core.problems import ContentError, Severity
from ctoprep.formats.exchange_files import collect_packets
from tests.mentor.helpers import T0, later, mini_framework, rated

HOSTILE = "[bold red]Eve[/] \x1b[31m<script>alert(1)</script>"


@pytest.fixture
def fw(tmp_path: Path) -> Framework:
    return mini_framework(tmp_path / "fw")


def a_packet(fw: Framework, person: str = "Jordan Lee"):  # type: ignore[no-untyped-def]
    old = rated(fw, {"alpha.one": 0, "alpha.two": 1}, person=person, when=T0)
    new = rated(
        fw,
        {"alpha.one": 1, "alpha.two": 2, "beta.one": 2, "beta.two": None},
        person=person,
        evidence={"alpha.two": "Led the 2025 plan"},
        when=later(30),
    )
    return build_packet(fw, [new, old], note="Please look at alpha", created_at=later(31))


def errors(exc: pytest.ExceptionInfo[ContentError]) -> str:
    return "\n".join(p.format() for p in exc.value.problems)


def test_round_trip_keeps_everything_and_the_seal(fw: Framework) -> None:
    packet = a_packet(fw)
    text = packet_to_json(packet)
    back = parse_packet(text.encode(), "p.json")
    assert back == packet
    assert [a.updated_at for a in back.payload.assessments] == [T0, later(30)]  # oldest first
    assert back.current.ratings["alpha.two"].evidence == "Led the 2025 plan"
    doc = json.loads(text)
    assert doc["format"] == "ctoprep.review-packet"
    assert doc["schema_version"] == 1
    assert doc["checksum"] == {"algorithm": "sha256", "value": payload_checksum(doc["payload"])}
    assert doc["payload"]["framework"] == {"id": "mini", "version": "1.0", "content_hash": fw.content_hash}
    # the seal is over canonical JSON, so re-indenting the file does not break it
    assert parse_packet(json.dumps(doc).encode()).checksum == packet.checksum


def test_canonical_json_is_order_and_space_free() -> None:
    assert canonical_json({"b": 1, "a": [1.5, "é"]}) == '{"a":[1.5,"é"],"b":1}'.encode()


def test_a_level_changed_by_hand_is_refused(fw: Framework) -> None:
    text = packet_to_json(a_packet(fw))
    tampered = text.replace('"level": 1', '"level": 2', 1)
    assert tampered != text
    with pytest.raises(ContentError) as exc:
        parse_packet(tampered.encode(), "p.json")
    assert "p.json: error: checksum does not match: this review packet was altered or damaged" in errors(exc)
    assert "do not edit it by hand" in errors(exc)


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.99])
def test_a_truncated_packet_is_refused_as_damaged(fw: Framework, keep: float) -> None:
    data = packet_to_json(a_packet(fw)).encode()
    cut = data[: int(len(data) * keep)]
    with pytest.raises(ContentError) as exc:
        parse_packet(cut, "p.json")
    assert "this review packet is damaged or cut short" in errors(exc)
    assert "truncated" in errors(exc)


def test_missing_or_malformed_checksum(fw: Framework) -> None:
    doc = json.loads(packet_to_json(a_packet(fw)))
    del doc["checksum"]
    with pytest.raises(ContentError, match="has no checksum"):
        parse_packet(json.dumps(doc).encode())
    doc["checksum"] = {"algorithm": "md5", "value": "x"}
    with pytest.raises(ContentError) as exc:
        parse_packet(json.dumps(doc).encode(), "p.json")
    assert "checksum.algorithm" in errors(exc)


def test_a_resealed_but_invalid_payload_is_still_checked(fw: Framework) -> None:
    """Someone who recomputes the checksum still cannot slip in fields or a mentor's rating."""
    doc = json.loads(packet_to_json(a_packet(fw)))
    doc["payload"]["assessments"][0]["rater"]["role"] = "mentor"
    doc["payload"]["surprise"] = 1
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    with pytest.raises(ContentError) as exc:
        parse_packet(json.dumps(doc).encode(), "p.json")
    text = errors(exc)
    assert "payload.surprise: unknown field" in text
    del doc["payload"]["surprise"]
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    with pytest.raises(ContentError, match="a mentor rating; a packet carries self-ratings"):
        parse_packet(json.dumps(doc).encode(), "p.json")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[]", "expected a JSON object"),
        (b'{"format": "ctoprep.assessment", "schema_version": 1}', "not a ctoprep.review-packet file"),
        (b'{"format": "ctoprep.review-packet", "schema_version": 7}', "upgrade ctoprep"),
        (b'{"format": "ctoprep.review-packet", "schema_version": true}', "schema_version must be"),
        (b"\xff\xfe\x00", "damaged or cut short"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            b'{"format": "ctoprep.review-packet", "schema_version": 1, "checksum": {"value": "'
            + b"0" * 64
            + b'"}, "payload": {"x": NaN}}',
            "NaN",
        ),
        (
            b'{"format": "ctoprep.review-packet", "schema_version": 1, "checksum": {"value": "'
            + b"0" * 64
            + b'"}, "payload": []}',
            "no payload",
        ),
        (b'{"format": "ctoprep.review-packet", "schema_version": 1, "extra": 1}', "unknown field"),
    ],
)
def test_hostile_documents_are_refused_with_a_message(raw: bytes, message: str) -> None:
    with pytest.raises(ContentError) as exc:
        parse_packet(raw, "p.json")
    assert message in errors(exc)


def test_oversized_packets_are_refused_before_parsing() -> None:
    with pytest.raises(ContentError, match="too large"):
        parse_packet(b" " * (MAX_PACKET_BYTES + 1))


def test_markup_and_control_characters_survive_as_data(fw: Framework) -> None:
    packet = a_packet(fw, person=HOSTILE)
    back = parse_packet(packet_to_json(packet).encode())
    assert back.person == HOSTILE


def test_fitting_to_another_version_warns_and_maps_by_id(fw: Framework) -> None:
    a = rated(fw, {"alpha.one": 1, "gone.skill": 2, "beta.one": 9}, version="0.9")
    packet = build_packet(fw, [a])
    doc = json.loads(packet_to_json(packet))
    doc["payload"]["framework"]["version"] = "0.9"
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    fitted = fit_packet(parse_packet(json.dumps(doc).encode()), fw, "p.json")
    messages = [w.message for w in fitted.warnings]
    assert all(w.severity is Severity.WARNING for w in fitted.warnings)
    assert messages[0] == "packet was made with mini version 0.9, this is version 1.0: ratings were matched by skill id"
    assert any("gone.skill" in m for m in messages)
    assert any("outside the scale" in m for m in messages)
    assert set(fitted.current.ratings) == {"alpha.one", "beta.one"}
    assert fitted.current.ratings["beta.one"].level is None


def test_packet_for_another_framework_is_refused(fw: Framework) -> None:
    other = dataclasses.replace(fw, id="other")
    with pytest.raises(ContentError, match="packet is for framework 'mini', not 'other'"):
        fit_packet(a_packet(fw), other, "p.json")


def test_review_round_trip_and_tamper(fw: Framework) -> None:
    packet = a_packet(fw)
    mentor = rated(fw, {"alpha.one": 1, "alpha.two": 1}, role=RaterRole.MENTOR, rater=HOSTILE)
    plan = PlanSummary(limits=PlanLimitsDoc(budget_usd=0, hours_per_month=4, months=3, start=T0.date()))
    review = build_review(
        packet,
        mentor,
        mentor=HOSTILE,
        comments={"alpha.two": "[link=http://x]click[/link]", "beta.one": "   "},
        summary="Good start",
        profile=ProfileAdjustment(base="p", targets={"beta.two": TargetOverride(min=1, max=1)}),
        plan=plan,
    )
    assert review.payload.comments == {"alpha.two": "[link=http://x]click[/link]"}  # blank comments dropped
    assert review.payload.packet_checksum == packet.checksum.value
    text = review_to_json(review)
    assert parse_review(text.encode()) == review
    with pytest.raises(ContentError, match="this mentor review was altered"):
        parse_review(text.replace("Good start", "Great start").encode())
    with pytest.raises(ContentError, match=r"not a ctoprep\.mentor-review file"):
        parse_review(packet_to_json(packet).encode())


def test_review_needs_a_mentor_rating(fw: Framework) -> None:
    with pytest.raises(ContentError, match="rater role 'mentor'"):
        build_review(a_packet(fw), rated(fw, {"alpha.one": 1}))


def test_agreed_profile_overrides_one_skill(fw: Framework) -> None:
    base = fw.profile_by_id["p"]
    agreed = agreed_profile(
        fw,
        ProfileAdjustment(
            base="p",
            targets={
                "beta.two": TargetOverride(min=1, max=2),
                "alpha.one": TargetOverride(min=1, max=1),
                "nope": TargetOverride(min=1, max=1),
                "beta.one": TargetOverride(min=5, max=5),  # off the scale: ignored
            },
        ),
        None,
    )
    assert "beta.two" not in base.skill_targets
    assert (agreed.skill_targets["beta.two"].min, agreed.skill_targets["beta.two"].max) == (1, 2)
    assert agreed.skill_targets["alpha.one"].min == 1
    assert agreed.skill_targets["alpha.one"].importance == base.skill_targets["alpha.one"].importance
    assert agreed.skill_targets["beta.one"] == base.skill_targets["beta.one"]
    assert "nope" not in agreed.skill_targets
    assert agreed_profile(fw, None, None) == fw.default_profile


def test_collect_packets_skips_broken_files_one_by_one(fw: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "packets"
    folder.mkdir()
    good = packet_to_json(a_packet(fw, "Ana Diaz"))
    (folder / "ana.json").write_text(good)
    (folder / "copy.json").write_text(good)
    (folder / "cut.json").write_text(good[:200])
    (folder / "edit.json").write_text(good.replace("Ana Diaz", "Ana Dias"))
    (folder / "notes.txt").write_text("ignored")
    (folder / "binary.json").write_bytes(bytes(range(256)))
    packets, problems = collect_packets([folder, tmp_path / "missing.json"])
    assert [p.path.name for p in packets] == ["ana.json"]
    text = "\n".join(p.format() for p in problems)
    assert re.search(r"binary\.json:1:1: error: this review packet is damaged or cut short \(this is a binary", text)
    assert "copy.json: warning: same packet as" in text
    assert re.search(r"cut\.json:\d+:\d+: error: this review packet is damaged or cut short", text)
    assert "edit.json: error: checksum does not match" in text
    assert "missing.json: error: no such file or folder" in text
