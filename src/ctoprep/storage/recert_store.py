"""The recertification log in the store: one row per activity, one commit per change."""

from __future__ import annotations

from datetime import date

from ctoprep.core.models.assessment import new_token, utc_now
from ctoprep.core.problems import Problem
from ctoprep.core.recert import RecertEntry
from ctoprep.storage.settings import RECERT_START
from ctoprep.storage.store import Store, StoreError, _ts


def cycle_start(store: Store, person_id: str, rules_id: str) -> date | None:
    value = store.get_setting(RECERT_START, person=person_id, rules=rules_id)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def set_cycle_start(store: Store, person_id: str, rules_id: str, start: date) -> None:
    with store.transaction():
        store.set_setting(RECERT_START, start.isoformat(), person=person_id, rules=rules_id)


def entries(store: Store, person_id: str, framework_id: str) -> list[RecertEntry]:
    rows = store.conn.execute(
        "SELECT id, earned_on, category, title, COALESCE(units, hours), evidence, activity_id FROM recert_entries"
        " WHERE person_id = ? AND framework_id = ? ORDER BY earned_on, created_at",
        (person_id, framework_id),
    ).fetchall()
    return [
        RecertEntry(
            id=str(r[0]),
            earned_on=date.fromisoformat(r[1]),
            category=str(r[2]),
            title=str(r[3]),
            amount=float(r[4]),
            evidence=str(r[5]),
            activity_id=r[6],
        )
        for r in rows
    ]


def add_entry(store: Store, person_id: str, framework_id: str, entry: RecertEntry, hours: float) -> RecertEntry:
    """Save one activity (one commit). ``hours`` is what it earns; ``entry.amount`` what was logged."""
    saved = entry if entry.id else RecertEntry(**{**entry.__dict__, "id": new_token(6)})
    with store.transaction():
        store.conn.execute(
            "INSERT INTO recert_entries (id, person_id, framework_id, earned_on, category, title, hours, units,"
            " evidence, activity_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                saved.id,
                person_id,
                framework_id,
                saved.earned_on.isoformat(),
                saved.category,
                saved.title,
                hours,
                saved.amount,
                saved.evidence,
                saved.activity_id,
                _ts(utc_now()),
            ),
        )
    return saved


def remove_entry(store: Store, person_id: str, entry_id: str) -> RecertEntry | None:
    """Remove one activity by id or unique prefix (one commit); None when there is no such entry."""
    rows = store.conn.execute(
        "SELECT id, framework_id FROM recert_entries WHERE person_id = ? AND (id = ? OR id LIKE ? || '%')",
        (person_id, entry_id, entry_id),
    ).fetchall()
    exact = [r for r in rows if r[0] == entry_id]
    chosen = exact or rows
    if not chosen:
        return None
    if len(chosen) > 1:
        raise StoreError([Problem(entry_id, f"{len(chosen)} entries start with this id", hint="give more of it")])
    found = next(e for e in entries(store, person_id, str(chosen[0][1])) if e.id == chosen[0][0])
    with store.transaction():
        store.conn.execute("DELETE FROM recert_entries WHERE id = ?", (found.id,))
    return found
