"""Damaged backups thrown at ``restore``: every one is refused with a clear error or restored into a store
that opens and reads, and a refused restore leaves the store as it was (issue #16, "keep it proven")."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.problems import ContentError
from ctoprep.storage.backup import backup, restore
from ctoprep.storage.store import Store

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("source")
    with Store.open(folder / "home") as store:
        for person in ("Ana", "Ben"):
            assessment = Assessment(framework=FrameworkRef(id="mini", version="1.0"), person=person)
            store.save_assessment(assessment.with_rating("s1", Rating(level=2, evidence="seen")))
        backup(store, folder / "b.db")
    return folder / "b.db"


def _kept(home: Path) -> list[str]:
    with Store.open(home) as store:
        summaries = store.assessments()
        for summary in summaries:
            store.load_assessment(summary.id)
        return sorted(a.person_name for a in summaries)


def _check(tmp_path: Path, damaged: bytes) -> None:
    home = tmp_path / "home"
    if home.exists():
        shutil.rmtree(home)
    with Store.open(home) as store:
        store.save_assessment(Assessment(framework=FrameworkRef(id="mini", version="1.0"), person="Keep"))
    source = tmp_path / "damaged.db"
    source.write_bytes(damaged)
    problems = []
    try:
        restore(home, source)
    except ContentError as exc:
        problems = exc.problems
    if problems:
        assert all(p.message for p in problems)
        assert _kept(home) == ["Keep"], "a refused restore changed the store"
    else:
        _kept(home)  # what was restored opens and reads
    assert not list(home.glob(".restore.*")), "a restore left a copy of the backup behind"


@FUZZ
@given(st.data())
def test_flipped_bytes(tmp_path: Path, good_backup: Path, data: st.DataObject) -> None:
    damaged = bytearray(good_backup.read_bytes())
    for _ in range(data.draw(st.integers(1, 40))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    _check(tmp_path, bytes(damaged))


@FUZZ
@given(cut=st.integers(0, 8192))
def test_cut_short(tmp_path: Path, good_backup: Path, cut: int) -> None:
    _check(tmp_path, good_backup.read_bytes()[:cut])


VALUES = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=40), st.binary(max_size=20))


@FUZZ
@given(st.data())
def test_rows_changed_inside_a_valid_database(tmp_path: Path, good_backup: Path, data: st.DataObject) -> None:
    """A well-formed SQLite file whose rows hold what our code never writes (wrong types, bad JSON, dates)."""
    path = tmp_path / "rows.db"
    path.write_bytes(good_backup.read_bytes())
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for _ in range(data.draw(st.integers(1, 4))):
        table = data.draw(st.sampled_from(tables))
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        column = data.draw(st.sampled_from(columns))
        value = data.draw(VALUES)
        with contextlib.suppress(sqlite3.Error):  # a constraint of the source refused it
            conn.execute(f"UPDATE {table} SET {column} = ?", (value,))
    conn.commit()
    conn.close()
    _check(tmp_path, path.read_bytes())


def test_a_damaged_byte_that_sqlite_returns_as_invalid_utf8_is_refused_cleanly(
    tmp_path: Path, good_backup: Path
) -> None:
    """Found by test_flipped_bytes: one byte of the backup set to 0x80 made opening the candidate raise
    UnicodeDecodeError (a traceback for the user) instead of a clear 'cannot be opened' error."""
    damaged = bytearray(good_backup.read_bytes())
    if len(damaged) <= 100247:
        pytest.skip("the fixture's layout changed; the fuzz test still covers the case")
    damaged[100247] = 128
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(Assessment(framework=FrameworkRef(id="mini", version="1.0"), person="Keep"))
    source = tmp_path / "damaged.db"
    source.write_bytes(bytes(damaged))
    problems: list[object] = []
    try:
        restore(home, source)
    except ContentError as exc:  # refused with a clear error (a UnicodeDecodeError would escape here)
        problems = [p.message for p in exc.problems]
    if problems:
        assert all(problems)
        assert _kept(home) == ["Keep"]
    else:
        assert _kept(home) == ["Ana", "Ben"]
    assert not list(home.glob(".restore.*"))
