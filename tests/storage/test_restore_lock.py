"""Restore never replaces the store under an open app, and nothing is ever saved into a replaced file.

Measured before: 30,042 acknowledged ratings after a restore under an open app, 0 in the store.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.problems import ContentError
from ctoprep.storage import settings
from ctoprep.storage.backup import backup, restore
from ctoprep.storage.store import DB_NAME, Store, StoreError


def make_assessment(person: str = "Jordan") -> Assessment:
    return Assessment(framework=FrameworkRef(id="mini", version="1.0"), person=person).with_rating(
        "s1", Rating(level=2)
    )


@contextlib.contextmanager
def store_held_open(home: Path) -> Iterator[None]:
    """Another process (standing in for the app) holds the store in ``home`` open until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from ctoprep.storage.store import Store
                s = Store.open({str(home)!r})
                print("open", flush=True)
                sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.communicate("\n", timeout=10)


def test_restore_refuses_while_another_process_has_the_store_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment())
        backup(store, tmp_path / "b.db")
    with store_held_open(home):
        with pytest.raises(ContentError, match="has the store open") as caught:
            restore(home, tmp_path / "b.db")
        assert "quit the ctoprep app" in caught.value.problems[0].hint
    assert restore(home, tmp_path / "b.db") == 1  # once the other process is gone, restore works


def test_restore_in_the_same_process_as_an_open_store_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment())
        backup(store, tmp_path / "b.db")
        with pytest.raises(ContentError, match="has the store open"):
            restore(home, tmp_path / "b.db")


def test_a_connection_never_writes_into_a_replaced_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store.open(home)
    a = make_assessment()
    store.save_assessment(a)
    # someone replaces the file behind the lock's back (another tool, an old ctoprep, a file manager)
    db = home / DB_NAME
    replacement = tmp_path / "other.db"
    with Store.open_file(replacement, lock=False) as other:
        other.save_assessment(make_assessment("Someone else"))
    for suffix in ("-wal", "-shm"):  # as a restore without the lock would (an old ctoprep did this)
        Path(str(db) + suffix).unlink(missing_ok=True)
    os.replace(replacement, db)
    with pytest.raises(StoreError, match="replaced or removed"):
        store.save_rating(a.id, "s2", Rating(level=3))
    with pytest.raises(StoreError, match="replaced or removed"):
        store.set_setting(settings.THEME, "v")  # an autocommitted write is checked too
    store.close()
    with Store.open(home) as fresh:
        assert [s.person_name for s in fresh.assessments()] == ["Someone else"]


def test_a_killed_restore_leaves_no_copy_of_the_backup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment())
        backup(store, tmp_path / "b.db")
    leftover = home / ".restore.abc123.db"
    leftover.write_bytes((tmp_path / "b.db").read_bytes())  # what a SIGKILL mid-restore left behind
    restore(home, tmp_path / "b.db")
    assert not leftover.exists()
    assert not list(home.glob(".restore.*"))


def test_a_killed_backup_leaves_no_partial_copy(tmp_path: Path) -> None:
    home = tmp_path / "home"
    stale = tmp_path / ".b.db.x1y2.tmp"
    stale.write_bytes(b"partial copy of everyone's data")
    with Store.open(home) as store:
        backup(store, tmp_path / "b.db")
    assert not stale.exists()


def test_a_backup_missing_a_table_is_refused_and_the_store_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment("Keep"))
        backup(store, tmp_path / "b.db")
    import sqlite3

    conn = sqlite3.connect(tmp_path / "b.db")
    conn.execute("DROP TABLE plans")
    conn.commit()
    conn.close()
    with pytest.raises(ContentError, match="no table 'plans'"):
        restore(home, tmp_path / "b.db")
    with Store.open(home) as store:
        assert [a.person_name for a in store.assessments()] == ["Keep"]
    assert not list(home.glob(".restore.*"))


def test_no_schema_object_of_a_backup_is_kept(tmp_path: Path) -> None:
    """A trigger in a backup (AFTER INSERT ON ratings ... DELETE FROM people) wiped everyone at the next import."""
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment("Ana"))
        backup(store, tmp_path / "b.db")
    import sqlite3

    conn = sqlite3.connect(tmp_path / "b.db")
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON ratings BEGIN DELETE FROM people; END")
    conn.execute("CREATE VIEW spy AS SELECT * FROM people")
    conn.execute("CREATE TABLE extra (x)")
    conn.commit()
    conn.close()
    assert restore(home, tmp_path / "b.db") == 1
    with Store.open(home) as store:
        kinds = {(r[0], r[1]) for r in store.conn.execute("SELECT type, name FROM sqlite_master")}
        assert ("trigger", "wipe") not in kinds
        assert ("view", "spy") not in kinds
        assert ("table", "extra") not in kinds
        store.save_assessment(make_assessment("Ben"), person_id=store.ensure_person("Ben"))  # an insert into ratings
        assert sorted(a.person_name for a in store.assessments()) == ["Ana", "Ben"]


def test_forget_refuses_while_the_app_rates_that_person(tmp_path: Path) -> None:
    """Issue #16, finding 8: 'forget' while the app was rating the person crashed the app. Forget now needs
    the store alone: with another process holding it, it deletes nothing and says why."""
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(make_assessment("Jordan"))
        person = store.people()[0][0]
    with store_held_open(home), Store.open(home) as store:
        with pytest.raises(StoreError, match="cannot forget now") as caught:
            store.forget_person(person)
        assert "quit the ctoprep app" in caught.value.problems[0].hint
        assert store.has_person(person)
        assert [a.person_name for a in store.assessments()] == ["Jordan"]
    with Store.open(home) as store:
        assert store.forget_person(person) == 1
