"""Forget a person: every row, the home snapshot, and every file ctoprep wrote about them.

People are found by id (or an assessment of theirs), never by name. :func:`what_forget_deletes` says
exactly what will go before anything is deleted; :func:`forget` deletes it and reports what it removed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ctoprep.core.problems import ContentError, Problem
from ctoprep.storage import paths
from ctoprep.storage.settings import SELF_PERSON
from ctoprep.storage.store import Store

COUNT_LABELS = {
    "assessments": "assessment(s)",
    "attempts": "practice attempt(s)",
    "reviews": "review card(s)",
    "plans": "plan(s)",
    "mentor_reviews": "mentor review file(s)",
    "mentor_sessions": "mentor review session(s)",
}


@dataclass(frozen=True)
class ForgetPlan:
    person_id: str
    name: str
    owner: bool
    """The store's owner (their own self-assessments and practice)."""
    counts: dict[str, int]
    files: tuple[Path, ...]
    """Files in the data folder that hold this person's data (exports, the home snapshot)."""

    def summary(self) -> str:
        parts = [f"{n} {COUNT_LABELS[t]}" for t, n in self.counts.items() if n]
        if self.files:
            parts.append(f"{len(self.files)} file(s) in the data folder")
        return ", ".join(parts) or "no rows besides the person"

    def who(self) -> str:
        label = self.name or "an unnamed person"
        return f"{label} (id {self.person_id[:8]}{', you: the owner of this store' if self.owner else ''})"


def find_person(store: Store, text: str) -> tuple[str, str]:
    """(id, name) of the person ``text`` names: a person id (or 8+ character prefix), or an assessment id.

    Raises:
        ContentError: nobody, or more than one person, matches.
    """
    found = store.people_matching(text)
    if not found:
        try:
            person = store.person_of(store.find_assessment_id(text))
        except ContentError:
            person = None
        if person is not None:
            found = [person]
    if not found:
        raise ContentError(
            [Problem(text, "no person or assessment has this id", hint="'ctoprep history --json' lists ids")]
        )
    if len(found) > 1:
        raise ContentError([Problem(text, f"{len(found)} people match", hint="give more of the id")])
    return found[0]


def what_forget_deletes(store: Store, text: str) -> ForgetPlan:
    person_id, name = find_person(store, text)
    owner = store.get_setting(SELF_PERSON) == person_id
    return ForgetPlan(person_id, name, owner, store.person_counts(person_id), _files_about(store, person_id, owner))


def forget(store: Store, plan: ForgetPlan) -> ForgetPlan:
    """Delete the person from every file of the store, then the files about them. Returns what went.

    Raises:
        StoreError: another ctoprep program has the store open (nothing deleted), or data remains (said).
    """
    store.forget_person(plan.person_id)
    if plan.owner:
        store.delete_setting(SELF_PERSON)
    for path in plan.files:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return plan


def _files_about(store: Store, person_id: str, owner: bool) -> tuple[Path, ...]:
    """Exports that name the person (their id or an assessment id; every plan export is the owner's),
    and the home snapshot, which shows the owner's scores."""
    home = store.path.parent
    out: list[Path] = []
    snapshot = paths.cache_dir(home) / "home-snapshot.json"
    if snapshot.exists():
        out.append(snapshot)
    needles = [person_id.encode(), *(aid.encode() for aid in store.assessment_ids_of(person_id))]
    exports = home / "exports"
    if exports.is_dir():
        for path in sorted(exports.iterdir()):
            if not path.is_file():
                continue
            if owner and path.name.startswith("plan-"):
                out.append(path)
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(n in data for n in needles):
                out.append(path)
    return tuple(out)
