"""End to end on the command line: a mentee exports, a mentor rates blind and sends, the mentee imports;
compare in every format; a cohort of generated mentees with broken and hostile packets among them."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.assessment_io import assessment_to_json
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.packets import ProfileAdjustment, TargetOverride, build_packet, packet_to_json, payload_checksum
from ctoprep.core.practice import AttemptResult, GroupResult, ItemResult
from ctoprep.formats.exchange_files import read_packet
from ctoprep.services.content import Library
from ctoprep.services.context import Workspace
from ctoprep.storage import mentor_store
from ctoprep.storage.store import Store
from tests.conftest import run_fresh, write_mini
from tests.mentor.helpers import T0, later

HOSTILE = "[bold red]Mal[/] <script>x</script> \x1b[2J"
SELF_LEVELS = {"alpha.one": 2, "alpha.two": 1, "beta.one": 0, "beta.two": 2}
MENTOR_LEVELS = {"alpha.one": 1, "alpha.two": 1, "beta.one": 1, "beta.two": 2}


def make_home(root: Path) -> Path:
    write_mini(root / "frameworks")
    return root


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CTOPREP_HOME", raising=False)
    return make_home(tmp_path / "mentee"), make_home(tmp_path / "mentor")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assessment(levels: dict[str, int | None], *, person: str = "Jordan Lee", role: RaterRole = RaterRole.SELF,
               evidence: str = "", when=T0) -> Assessment:  # type: ignore[no-untyped-def]  # fmt: skip
    return Assessment(
        framework=FrameworkRef(id="mini", version="1.0"),
        person=person,
        rater=Rater(role=role, name="Morgan" if role is RaterRole.MENTOR else person),
        profile="p",
        created_at=when,
        updated_at=when,
        ratings={s: Rating(level=v, evidence=evidence and f"{evidence} {s}", rated_at=when) for s, v in levels.items()},
    )


def test_round_trip_mentee_to_mentor_and_back(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path
) -> None:
    mentee, mentor = homes
    with Store.open(mentee) as store:
        store.save_assessment(assessment({"alpha.one": 0}, when=T0), status="complete")
        store.save_assessment(assessment(SELF_LEVELS, evidence="did", when=later(40)), status="complete")
    packet_file = tmp_path / "packet.json"

    # the mentee exports, with history and a plan; never over an existing file without --force
    code, _, err = run(capsys, "--home", str(mentee), "mentor", "export-packet", "-o", str(packet_file),
                       "--budget", "0", "--note", "Please look at [b]alpha[/b]")  # fmt: skip
    assert code == 0, err
    assert "1 earlier" in err
    assert "a plan of 1 activities" in err
    packet = read_packet(packet_file)
    assert [len(a.ratings) for a in packet.payload.assessments] == [1, 4]
    assert packet.payload.plan is not None
    assert [a.activity for a in packet.payload.plan.activities] == ["read"]  # the free one, with --budget 0
    assert packet.payload.note == "Please look at [b]alpha[/b]"
    code, _, err = run(capsys, "--home", str(mentee), "mentor", "export-packet", "-o", str(packet_file))
    assert code == 1
    assert "use --force" in err

    # the mentor rates blind (as the app does, rating by rating) and cannot send before revealing
    ws = Workspace.open(mentor, "mini")
    session = mentor_store.open_session(ws.store, packet, ws.framework, "Morgan")
    mine = ws.store.load_assessment(session.mentor_assessment_id)
    assert mine.ratings == {}
    assert mine.rater.role is RaterRole.MENTOR
    for skill_id, level in MENTOR_LEVELS.items():
        mine = ws.rate(mine, skill_id, level=level, evidence="seen at the board meeting")
    review_file = tmp_path / "review.json"
    ws.close()
    code, _, err = run(capsys, "--home", str(mentor), "mentor", "send", session.id[:8], "-o", str(review_file))
    assert code == 1
    assert "not revealed yet" in err
    with Store.open(mentor) as store:
        mentor_store.reveal(store, session.id)
        mentor_store.set_comment(store, session.id, "alpha.one", HOSTILE)
        mentor_store.set_summary(store, session.id, "Strong start.")
        mentor_store.set_profile(
            store, session.id, ProfileAdjustment(base="p", targets={"alpha.two": TargetOverride(min=1, max=1)})
        )
    code, _, err = run(capsys, "--home", str(mentor), "mentor", "send", session.id[:8], "-o", str(review_file))
    assert code == 0, err
    code, out, _ = run(capsys, "--home", str(mentor), "mentor", "reviews")
    assert "sent" in out

    # the mentee imports it once; it joins their history as the mentor's rating
    code, out, err = run(capsys, "--home", str(mentee), "mentor", "import-review", str(review_file))
    assert code == 0, err
    assert "Imported the review by Morgan" in out
    assert "Fair agreement (weighted kappa 0.33 over 4 skill(s) rated by both)" in out.replace("\n", " ")
    assert "not exported from this computer" not in out
    (agreed_id,) = re.findall(r"target profile '(review:[0-9a-f]{8})'", " ".join(out.split()))
    code, out, err = run(capsys, "--home", str(mentee), "report", "current", "--profile", agreed_id, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["profile"]["title"].startswith("Agreed with Morgan")
    code, _, err = run(capsys, "--home", str(mentee), "report", "current", "--profile", "review:999")
    assert code == 1
    assert "no imported mentor review" in err
    code, _, err = run(capsys, "--home", str(mentee), "mentor", "import-review", str(review_file))
    assert code == 1
    assert "already imported" in err
    code, out, _ = run(capsys, "--home", str(mentee), "history", "--json")
    rows = json.loads(out)["assessments"]
    mentor_rows = [r for r in rows if r["rater"] == "mentor"]
    assert len(mentor_rows) == 1
    assert mentor_rows[0]["origin"] == "mentor-review"
    assert mentor_rows[0]["rated"] == 4
    assert mentor_rows[0]["person"] == "Jordan Lee"
    assert len({r["person"] for r in rows}) == 1
    code, out, _ = run(capsys, "--home", str(mentee), "mentor", "show", "--format", "json")
    shown = json.loads(out)
    assert shown["summary"] == "Strong start."
    assert {s["skill"]: s["comment"] for s in shown["skills"]}["alpha.one"] == HOSTILE
    assert {s["skill"]: s["mentor"] for s in shown["skills"]} == MENTOR_LEVELS
    code, out, _ = run(capsys, "--home", str(mentee), "mentor", "show")
    assert "[bold red]Mal[/]" in out  # markup shown as written
    assert "\x1b" not in out


@pytest.fixture
def pair_files(homes: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, Path]:
    mentee, _ = homes
    self_file, mentor_file = tmp_path / "self.json", tmp_path / "mentor.json"
    self_file.write_text(assessment_to_json(assessment(SELF_LEVELS, person=HOSTILE, evidence="<b>did</b>")))
    mentor_file.write_text(assessment_to_json(assessment(MENTOR_LEVELS, role=RaterRole.MENTOR)))
    return mentee, self_file, mentor_file


def test_compare_in_every_format_with_hand_checked_figures(
    capsys: pytest.CaptureFixture[str], pair_files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Pairs (self, mentor): (2,1) (1,1) (0,1) (2,2) on 0-2. p_o = (.5+1+.5+1)/4 = .75; marginals self
    (1,1,2), mentor (0,3,1): p_e = (1*1.5 + 1*3.5 + 2*2.5)/16 = .625; kappa = .125/.375 = 1/3."""
    home, self_file, mentor_file = pair_files
    base = ("--home", str(home), "compare", str(self_file), str(mentor_file))
    code, out, err = run(capsys, *base, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["format"] == "ctoprep.comparison"
    ag = doc["agreement"]
    assert (ag["kappa"], ag["band"], ag["observed"], ag["expected"]) == (0.3333, "fair", 0.75, 0.625)
    assert ag["matrix"] == [[0, 1, 0], [0, 1, 0], [0, 1, 1]]
    assert doc["blind_spots"] == ["alpha.one"]
    assert doc["hidden_strengths"] == ["beta.one"]
    assert [(a["self_mean"], a["mentor_mean"]) for a in doc["areas"]] == [(1.5, 1.0), (1.0, 1.5)]
    assert doc["person"] == HOSTILE

    code, out, _ = run(capsys, *base)
    assert "Agreement: fair (linear-weighted kappa 0.33, 4 skills rated by both)" in out
    assert "[bold red]Mal[/]" in out
    assert "<b>did</b> alpha.one" in out
    assert "\x1b" not in out
    assert "␛" in out

    code, out, _ = run(capsys, *base, "--format", "markdown")
    assert r"\[bold red\]Mal\[/\]" in out
    assert r"\<script\>" in out

    html_file = tmp_path / "c.html"
    code, _, err = run(capsys, *base, "-o", str(html_file))
    assert code == 0, err
    page = html_file.read_text()
    assert "Content-Security-Policy" in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;did&lt;/b&gt;" in page
    code, _, err = run(capsys, *base, "-o", str(html_file))
    assert code == 1
    assert "use --force" in err


def test_compare_accepts_packets_and_reviews_and_refuses_wrong_sides(
    capsys: pytest.CaptureFixture[str], pair_files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    home, self_file, mentor_file = pair_files
    fw = Library(home).framework("mini")
    packet = build_packet(fw, [assessment(SELF_LEVELS)])
    packet_file = tmp_path / "p.json"
    packet_file.write_text(packet_to_json(packet))
    code, out, err = run(capsys, "--home", str(home), "compare", str(packet_file), str(mentor_file), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["agreement"]["kappa"] == 0.3333
    code, _, err = run(capsys, "--home", str(home), "compare", str(self_file), str(packet_file))
    assert code == 1
    assert "a review packet holds self-ratings" in err
    tampered = tmp_path / "t.json"
    tampered.write_text(packet_to_json(packet).replace('"level": 2', '"level": 0', 1))
    code, _, err = run(capsys, "--home", str(home), "compare", str(tampered), str(mentor_file))
    assert code == 1
    assert "checksum does not match" in err
    code, _, err = run(capsys, "--home", str(home), "compare", str(self_file), str(self_file))
    assert code == 0
    assert "is a self-rating, compared here as the mentor side" in err


# a cohort ------------------------------------------------------------------------------------------

NAMES = ["Ana Diaz", "Ben Ode", "Cy Young", "Dee Diaz", "=HYPERLINK(\"http://x\")", HOSTILE, "Eli Ng", "Fay Poe",
         "Gus Ray", "Hal Orr", "Ida Lu", "Jo Kim"]  # fmt: skip


def generated_packets(home: Path, folder: Path) -> list[Assessment]:
    fw = Library(home).framework("mini")
    rng = random.Random(10)
    folder.mkdir()
    made = []
    for i, name in enumerate(NAMES):
        levels = {s.id: rng.choice([0, 0, 1, 1, 2, None]) for s in fw.skills}
        a = assessment(levels, person=name)
        made.append(a)
        (folder / f"member-{i:02d}.json").write_text(packet_to_json(build_packet(fw, [a])))
    return made


def hostile_packets(home: Path, folder: Path) -> None:
    fw = Library(home).framework("mini")
    good = packet_to_json(build_packet(fw, [assessment(SELF_LEVELS, person="Zed")]))
    (folder / "x-truncated.json").write_text(good[: len(good) // 2])
    (folder / "x-tampered.json").write_text(good.replace('"level": 2', '"level": 0', 1))
    (folder / "x-assessment.json").write_text(assessment_to_json(assessment(SELF_LEVELS)))
    (folder / "x-deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (folder / "x-binary.json").write_bytes(bytes(range(256)) * 4)
    (folder / "x-empty.json").write_text("")
    doc = json.loads(good)
    doc["payload"]["framework"]["id"] = "elsewhere"
    for a in doc["payload"]["assessments"]:
        a["framework"]["id"] = "elsewhere"
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    (folder / "x-other-framework.json").write_text(json.dumps(doc))
    doc = json.loads(good)
    doc["payload"]["framework"]["version"] = "0.9"
    doc["payload"]["person"] = "Old Version"
    doc["checksum"]["value"] = payload_checksum(doc["payload"])
    (folder / "y-old-version.json").write_text(json.dumps(doc))


def test_cohort_of_generated_mentees_with_broken_and_hostile_packets(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path
) -> None:
    _, home = homes
    folder = tmp_path / "packets"
    made = generated_packets(home, folder)
    hostile_packets(home, folder)
    code, out, err = run(capsys, "--home", str(home), "cohort", str(folder), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["size"] == len(NAMES) + 1  # and the packet made with version 0.9, mapped by id
    lines = err.splitlines()
    for name, message in [
        ("x-truncated.json", "damaged or cut short"),
        ("x-tampered.json", "checksum does not match"),
        ("x-assessment.json", "not a ctoprep.review-packet file"),
        ("x-deep.json", "nested too deeply"),
        ("x-binary.json", "damaged or cut short"),
        ("x-empty.json", "damaged or cut short"),
        ("x-other-framework.json", "packet is for framework 'elsewhere'"),
        ("y-old-version.json", "warning: packet was made with mini version 0.9"),
    ]:
        assert any(name in line and message in line for line in lines), (name, err)
    assert len(doc["skipped"]) == 7
    # common gaps counted by hand from the generated levels against profile p
    targets = {"alpha.one": 2, "alpha.two": 2, "beta.one": 1}
    expected = {}
    for a in [*made, assessment(SELF_LEVELS, person="Old Version")]:
        for skill_id, target in targets.items():
            level = a.ratings[skill_id].level
            if level is not None and level < target:
                expected[skill_id] = expected.get(skill_id, 0) + 1
    assert {g["skill"]: g["members"] for g in doc["common_gaps"]} == expected
    counts = [g["members"] for g in doc["common_gaps"]]
    assert counts == sorted(counts, reverse=True)
    assert doc["agenda"][0]["members"] >= doc["agenda"][-1]["members"] or len(doc["agenda"]) == 1

    code, out, _ = run(capsys, "--home", str(home), "cohort", str(folder), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["member", "overall", "rated"]
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ['\'=HYPERLINK("http://x")']
    assert len(rows) == 1 + len(NAMES) + 1

    code, out, _ = run(capsys, "--home", str(home), "cohort", str(folder))
    assert "Cohort of 13" in out
    assert "[bold red]Mal[/]" in out
    assert "\x1b" not in out


def test_cohort_members_are_people_by_id_not_by_name(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path
) -> None:
    """Two mentees who share a name are two members; one mentee whose name is spelled two ways is one."""
    _, home = homes
    fw = Library(home).framework("mini")
    folder = tmp_path / "packets"
    folder.mkdir()
    packets = [
        ("pat-a.json", "Pat Lee", "person-aaaa-0001", T0, {"alpha.one": 0}),
        ("pat-b.json", "Pat Lee", "person-bbbb-0002", T0, {"alpha.one": 2}),
        ("sam-old.json", "Sam Ode", "person-cccc-0003", T0, {"alpha.one": 1}),
        ("sam-new.json", "Samuel Ode", "person-cccc-0003", later(30), {"alpha.one": 2}),
    ]
    for file, name, person_id, when, levels in packets:
        packet = build_packet(fw, [assessment(levels, person=name, when=when)], person_id=person_id)
        (folder / file).write_text(packet_to_json(packet))
    code, out, err = run(capsys, "--home", str(home), "cohort", str(folder), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["size"] == 3
    assert sorted(m["label"] for m in doc["members"]) == ["Pat Lee", "Pat Lee2", "Samuel Ode"]
    assert any("sam-old.json" in line and "newer packet for the same person" in line for line in err.splitlines())
    code, out, _ = run(capsys, "--home", str(home), "cohort", str(folder), "--format", "json", "--anonymize", "codes")
    codes = [m["label"] for m in json.loads(out)["members"]]
    assert len(set(codes)) == 3
    assert all(c.startswith("M-") for c in codes)


@pytest.mark.parametrize("mode", ["initials", "codes"])
def test_anonymized_cohort_names_nobody(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path, mode: str
) -> None:
    _, home = homes
    folder = tmp_path / "packets"
    generated_packets(home, folder)
    hostile_packets(home, folder)
    outputs = []
    for fmt in ("json", "html", "csv", "text", "markdown"):
        code, out, _ = run(capsys, "--home", str(home), "cohort", str(folder), "--anonymize", mode, "--format", fmt)
        assert code == 0
        outputs.append(out)
    everything = "\n".join(outputs)
    for name in ["Ana", "Diaz", "Young", "Mal", "Eli", "member-0", "x-truncated"]:
        assert name not in everything
    if mode == "codes":
        code, again, _ = run(
            capsys, "--home", str(home), "cohort", str(folder), "--anonymize", mode, "--format", "json"
        )
        assert again == outputs[0]  # the same codes every run


def test_cohort_with_nothing_usable_fails_clearly(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path
) -> None:
    _, home = homes
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.json").write_text("{")
    code, out, err = run(capsys, "--home", str(home), "cohort", str(folder), str(tmp_path / "nope"))
    assert code == 1
    assert out == ""
    assert "a.json:1:2: error: this review packet is damaged or cut short" in err
    assert "nope: error: no such file or folder" in err
    assert "no usable review packet found" in err
    assert "Traceback" not in err


def test_compare_and_cohort_do_not_import_textual(pair_files: tuple[Path, Path, Path], tmp_path: Path) -> None:

    home, self_file, mentor_file = pair_files
    folder = tmp_path / "packets"
    generated_packets(home, folder)
    for argv in (
        ["--home", str(home), "compare", str(self_file), str(mentor_file), "--format", "json"],
        ["--home", str(home), "cohort", str(folder), "--format", "csv"],
    ):
        code = (
            "import sys\n"
            "from ctoprep.cli.main import main\n"
            f"rc = main({argv!r})\n"
            "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
            "sys.exit(rc)\n"
        )
        run_fresh(code)


def one_right_result() -> AttemptResult:
    return AttemptResult(
        items=(ItemResult("q1", "alpha", 1, 1),),
        areas=(GroupResult("alpha", "Alpha", 1, 1, 1),),
        content_areas=(),
        correct=1,
        answered=1,
        total=1,
        scaled=None,
        passed=None,
    )


def test_packet_carries_finished_practice_results(
    capsys: pytest.CaptureFixture[str], homes: tuple[Path, Path], tmp_path: Path
) -> None:
    from ctoprep.storage import practice_store
    from tests.conftest import MINI_BANK

    mentee, _ = homes
    (mentee / "question_banks" / "mini").mkdir(parents=True)
    (mentee / "question_banks" / "mini" / "bank.toml").write_text(MINI_BANK)
    with Store.open(mentee) as store:
        store.save_assessment(assessment(SELF_LEVELS), status="complete")
        pid = store.assessments()[0].person_id
        done = practice_store.create_attempt(store, pid, "mini", "drill", ["q1"], {})
        practice_store.save_answer(store, done, 0, 1, correct=True, flagged=False)
        practice_store.finish_attempt(store, done, practice_store.StoredResult(one_right_result()))
        practice_store.create_attempt(store, pid, "mini", "mock", ["q1"], {})  # unfinished: left out
    packet_file = tmp_path / "p.json"
    code, _, err = run(capsys, "--home", str(mentee), "mentor", "export-packet", "-o", str(packet_file), "--no-plan")
    assert code == 0, err
    packet = read_packet(packet_file)
    (result,) = packet.payload.practice
    assert (result.mode, result.correct, result.total) == ("drill", 1, 1)
    assert [(a.area, a.correct, a.total) for a in result.areas] == [("alpha", 1, 1)]
    assert packet.payload.plan is None
