"""The recertification log: CoSN's caps and cycle as data, checked entries, one commit each, two routes agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.core.problems import ContentError
from ctoprep.core.recert import RecertEntry, check_entry, cycle_end, summarize
from ctoprep.services.content import Library
from ctoprep.services.context import open_store
from ctoprep.services.recert import RecertLog
from ctoprep.storage.store import Store

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    framework = Library(None, use_cache=False).framework("cosn-k12-cto")
    assert framework.recertification is not None
    return framework.recertification


def entry(category: str, amount: float, day: date = date(2026, 1, 10), title: str = "x") -> RecertEntry:
    return RecertEntry(id=f"{category}-{amount}-{day}", earned_on=day, category=category, title=title, amount=amount)


def test_bundled_rules_are_cosns(rules) -> None:  # type: ignore[no-untyped-def]
    assert (rules.cycle_years, rules.required_hours) == (3, 60)
    cert = rules.category_by_id["certification"]
    assert (cert.credit, cert.hours_each, cert.max_hours) == ("each", 4, 12)  # not the 30 once credited to a CISSP
    assert rules.category_by_id["instruction"].max_hours == 30
    assert rules.category_by_id["volunteer-leadership"].max_hours == 20
    assert rules.category_by_id["published-work"].max_hours == 12
    assert rules.category_by_id["membership"].hours_each == 2
    assert any("cosn.org" in s for s in rules.sources)


def test_caps_count_at_most_their_hours(rules) -> None:  # type: ignore[no-untyped-def]
    s = summarize(
        rules, [entry("certification", 4), entry("instruction", 40), entry("membership", 3)], date(2025, 3, 1), TODAY
    )
    counted = {t.category.id: t.counted for t in s.totals}
    logged = {t.category.id: t.logged for t in s.totals}
    assert counted["certification"] == 12
    assert logged["certification"] == 16
    assert counted["instruction"] == 30
    assert counted["membership"] == 6
    assert s.counted == 48
    assert s.remaining == 12
    assert s.end == date(2028, 3, 1)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["certification", "instruction", "volunteer-leadership", "educational-activities"]),
            st.floats(0.25, 50),
        ),
        max_size=20,
    )
)
def test_counted_never_exceeds_a_cap_or_the_logged_hours(rules, items) -> None:  # type: ignore[no-untyped-def]
    s = summarize(rules, [entry(c, a, title=str(i)) for i, (c, a) in enumerate(items)], date(2025, 3, 1), TODAY)
    for t in s.totals:
        assert t.counted <= t.logged + 1e-9
        if t.category.max_hours is not None:
            assert t.counted <= t.category.max_hours + 1e-9


def test_bad_entries_say_what_to_do(rules) -> None:  # type: ignore[no-untyped-def]
    start = date(2025, 3, 1)
    (unknown,) = check_entry(rules, [], entry("certifcation", 1), start, TODAY)
    assert "did you mean 'certification'" in unknown.hint
    (outside,) = check_entry(rules, [], entry("instruction", 2, date(2024, 5, 1)), start, TODAY)
    assert "outside your cycle" in outside.message
    (future,) = check_entry(rules, [], entry("instruction", 2, date(2027, 1, 1)), start, TODAY)
    assert "future" in future.message
    (cap,) = check_entry(rules, [entry("certification", 2)], entry("certification", 2), start, TODAY)
    assert "at most 12 hours" in cap.message
    assert "4 more hours" in cap.hint
    assert not check_entry(
        rules, [entry("certification", 2)], entry("certification", 2), start, TODAY, allow_over_cap=True
    )
    (unset,) = check_entry(rules, [], entry("instruction", 2), None, TODAY)
    assert "not set" in unset.message


def test_leap_day_cycle() -> None:
    assert cycle_end(date(2024, 2, 29), 3) == date(2027, 2, 28)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_cli_log_and_report_agree_with_the_service(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CTOPREP_HOME", str(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    code, _, err = run(capsys, "recert", "add", "--category", "instruction", "--hours", "3", "--title", "t")
    assert code == 1
    assert "not set" in err
    assert run(capsys, "recert", "start", "2025-03-01")[0] == 0
    assert (
        run(
            capsys,
            "recert",
            "add",
            "--category",
            "certification",
            "--count",
            "2",
            "--title",
            "CISSP, PMP",
            "--date",
            "2025-05-01",
        )[0]
        == 0
    )
    code, _, err = run(
        capsys,
        "recert",
        "add",
        "--category",
        "certification",
        "--count",
        "2",
        "--title",
        "Sec+",
        "--date",
        "2025-06-01",
    )
    assert code == 1
    assert "at most 12" in err
    assert (
        run(
            capsys,
            "recert",
            "add",
            "--category",
            "certification",
            "--count",
            "2",
            "--title",
            "Sec+",
            "--date",
            "2025-06-01",
            "--over-cap",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, "recert", "report", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["counted_hours"] == 12
    assert doc["remaining_hours"] == 48
    with open_store(tmp_path) as store:
        log = RecertLog(store, Library(tmp_path).framework(None))
        summary = log.summary(date.today())
        assert summary is not None
        assert summary.counted == doc["counted_hours"]
    code, out, _ = run(capsys, "recert", "report", "--format", "markdown")
    assert "| Project or industry certification | 2 | 16 | 12 | 12 |" in out
    code, out, _ = run(capsys, "recert", "list", "--json")
    first = json.loads(out)[0]["id"]
    assert run(capsys, "recert", "remove", first)[0] == 0
    assert len(json.loads(run(capsys, "recert", "list", "--json")[1])) == 1


@pytest.fixture
def started(tmp_path: Path) -> Iterator[tuple[RecertLog, Store]]:
    """A recertification log on the bundled framework, its cycle started on March 1, 2025."""
    framework = Library(tmp_path).framework(None)
    with open_store(tmp_path) as store:
        log = RecertLog(store, framework)
        log.set_start(date(2025, 3, 1), TODAY)
        yield log, store


def test_a_plan_activity_is_logged_in_one_step(started: tuple[RecertLog, Store]) -> None:
    log, _ = started
    framework = log.framework
    counted = [a for a in framework.catalogue.activities if a.credit_category in log.rules.category_by_id]
    assert counted, "the catalog credits some activities toward the CETL"
    made = log.entry_for_activity(counted[0].id, date(2026, 1, 5), "certificate")
    saved = log.add(made, TODAY, allow_over_cap=True)
    assert saved.activity_id == counted[0].id
    assert [e.id for e in log.entries()] == [saved.id]
    with pytest.raises(ContentError):
        log.entry_for_activity("no-such-activity", date(2026, 1, 5))


def test_forget_removes_the_log_too(started: tuple[RecertLog, Store]) -> None:
    log, store = started
    log.add(entry("instruction", 3, title="Taught the new LMS"), TODAY)
    assert store.forget_person(log.person) >= 0
    assert store.conn.execute("SELECT count(*) FROM recert_entries").fetchone()[0] == 0
