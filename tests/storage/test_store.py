"""The local store: durable, private, migrated forward, and never damaged by bad input."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.problems import ContentError
from ctoprep.storage import store as store_module
from ctoprep.storage.backup import backup, restore
from ctoprep.storage.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store


def make_assessment(person: str = "Jordan", n: int = 3) -> Assessment:
    a = Assessment(framework=FrameworkRef(id="mini", version="1.0"), person=person)
    for i in range(n):
        a = a.with_rating(f"s{i}", Rating(level=i % 3, evidence=f"note {i}"))
    return a


def test_round_trip_and_single_rating_saves(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        a = make_assessment()
        store.save_assessment(a)
        store.save_rating(a.id, "s9", Rating(level=2, evidence="[bold]x[/bold]"), position="s9")
        loaded = store.load_assessment(a.id)
    assert loaded.ratings["s0"].evidence == "note 0"
    assert loaded.ratings["s9"].level == 2
    assert loaded.ratings["s9"].evidence == "[bold]x[/bold]"
    assert loaded.position == "s9"
    assert loaded.person == "Jordan"


def test_folder_and_files_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment())
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in os.listdir(home):
        mode = stat.S_IMODE((home / name).stat().st_mode)
        assert mode & 0o077 == 0, (name, oct(mode))


def test_newer_store_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(store_module.StoreError, match="newer ctoprep"):
        Store.open(tmp_path)


def test_garbage_store_gives_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(store_module.StoreError, match="cannot be opened"):
        Store.open(tmp_path)


@pytest.mark.parametrize("start", range(SCHEMA_VERSION))
def test_migrations_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    for number in range(start):
        conn.executescript(MIGRATIONS[number])
        conn.execute(f"PRAGMA user_version = {number + 1}")
    conn.commit()
    conn.close()
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        a = make_assessment()
        store.save_assessment(a)
        assert store.load_assessment(a.id).ratings == a.ratings
        assert store.check_integrity() == []


def test_backup_and_restore(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        keep = make_assessment("Keep")
        store.save_assessment(keep)
        backup(store, tmp_path / "b.db")
        store.save_assessment(make_assessment("Later"))
    assert restore(home, tmp_path / "b.db") == 1
    with Store.open(home) as store:
        assert [a.person_name for a in store.assessments()] == ["Keep"]


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 200, os.urandom(4096)],
)
def test_restore_refuses_bad_files_and_keeps_the_store(tmp_path: Path, content: bytes) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment("Precious"))
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(ContentError):
        restore(home, bad)
    with Store.open(home) as store:
        assert [a.person_name for a in store.assessments()] == ["Precious"]
    assert not [p for p in home.iterdir() if p.name.startswith(".restore")]


def test_forget_removes_everything_about_a_person(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        gone = make_assessment("Gone")
        store.save_assessment(gone, person_id=store.ensure_person("Gone"))
        store.save_assessment(make_assessment("Stays"), person_id=store.ensure_person("Stays"))
        pid = next(a.person_id for a in store.assessments() if a.person_name == "Gone")
        store.save_plan(pid, gone.id, {"x": 1})
        assert store.forget_person(pid) == 1
        assert [a.person_name for a in store.assessments()] == ["Stays"]
        assert store.conn.execute("SELECT count(*) FROM ratings WHERE assessment_id = ?", (gone.id,)).fetchone()[0] == 0
        assert store.plans() == []
    raw = (tmp_path / DB_NAME).read_bytes()
    assert b"Gone" not in raw


WRITER = r"""
import sys
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.storage.store import Store
store = Store.open(sys.argv[1])
a = Assessment(id="crash", framework=FrameworkRef(id="mini", version="1"))
if not store.conn.execute("SELECT 1 FROM assessments WHERE id='crash'").fetchone():
    store.save_assessment(a)
start = int(sys.argv[2])
for i in range(start, start + 100000):
    store.save_rating("crash", f"skill-{i}", Rating(level=i % 5, evidence="e" * (i % 300)))
    print(i, flush=True)  # acknowledged: saved and durable
"""


def test_sigkill_at_random_points_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(1234)
    acknowledged: set[int] = set()
    next_start = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(next_start)], stdout=subprocess.PIPE, text=True, env=env
        )
        time.sleep(rng.uniform(0.3, 0.9))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acked = [int(x) for x in out.split()]
        acknowledged.update(acked)
        next_start = (max(acked) + 1) if acked else next_start
        with Store.open(tmp_path) as store:
            assert store.check_integrity() == []
            saved = {int(k.removeprefix("skill-")) for k in store.load_assessment("crash").ratings}
        missing = acknowledged - saved
        assert not missing, f"lost acknowledged writes: {sorted(missing)[:5]}"
    assert len(acknowledged) > 50


def test_hostile_json_never_reaches_the_store(tmp_path: Path) -> None:
    from ctoprep.core.assessment_io import parse_assessment
    from ctoprep.core.problems import ContentError

    samples = [
        b"{",
        b"[]",
        b'{"format": "ctoprep.assessment", "schema_version": 99}',
        json.dumps({"format": "ctoprep.assessment", "schema_version": 1}).encode(),
        b'{"format": "ctoprep.assessment", "schema_version": 1, "framework": {"id": 1}}',
        b"[" * 100000 + b"]" * 100000,
    ]
    for raw in samples:
        with pytest.raises(ContentError):
            parse_assessment(raw)
