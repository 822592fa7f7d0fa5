"""The recertification log: the one place that checks, saves and totals logged activities.

The CLI (``ctoprep recert``) and the app's Recertification screen both go through :class:`RecertLog`,
so a total shown in one is the total shown in the other.
"""

from __future__ import annotations

from datetime import date

from ctoprep.core.models.framework import Framework, Recertification
from ctoprep.core.problems import ContentError, Problem, did_you_mean
from ctoprep.core.recert import RecertEntry, RecertSummary, check_entry, summarize
from ctoprep.storage import recert_store
from ctoprep.storage.store import Store

EARLIEST_START = date(1990, 1, 1)


class RecertLog:
    """One person's log for one framework's certification."""

    def __init__(self, store: Store, framework: Framework) -> None:
        if framework.recertification is None:
            raise ContentError(
                [
                    Problem(
                        framework.id,
                        "this framework has no recertification rules",
                        hint="add recertification.toml to its folder (see the bundled CoSN framework's)",
                    )
                ]
            )
        self.store = store
        self.framework = framework
        self.rules: Recertification = framework.recertification
        self.person = store.self_person()

    # the cycle -------------------------------------------------------------------------------
    def start(self) -> date | None:
        return recert_store.cycle_start(self.store, self.person, self.rules.id)

    def set_start(self, start: date, today: date) -> None:
        """Set the cycle's first day: the date on the certificate (or of the last renewal)."""
        if start > today:
            raise ContentError(
                [
                    Problem(
                        "cycle start", f"{start.isoformat()} is in the future", hint="give the date of your certificate"
                    )
                ]
            )
        if start < EARLIEST_START:
            raise ContentError([Problem("cycle start", f"{start.isoformat()} is before {EARLIEST_START.year}")])
        recert_store.set_cycle_start(self.store, self.person, self.rules.id, start)

    # the log ---------------------------------------------------------------------------------
    def entries(self) -> list[RecertEntry]:
        return recert_store.entries(self.store, self.person, self.framework.id)

    def summary(self, today: date) -> RecertSummary | None:
        start = self.start()
        return None if start is None else summarize(self.rules, self.entries(), start, today)

    def add(self, entry: RecertEntry, today: date, *, allow_over_cap: bool = False) -> RecertEntry:
        """Check and save one activity in one commit; raises :class:`ContentError` saying what to fix."""
        problems = check_entry(self.rules, self.entries(), entry, self.start(), today, allow_over_cap=allow_over_cap)
        if problems:
            raise ContentError(problems)
        category = self.rules.category_by_id[entry.category]
        return recert_store.add_entry(
            self.store, self.person, self.framework.id, entry, category.credited(entry.amount)
        )

    def entry_for_activity(self, activity_id: str, earned_on: date, evidence: str = "") -> RecertEntry:
        """A catalog activity (for example one finished from a plan) as a log entry, ready to add."""
        by_id = {a.id: a for a in self.framework.catalogue.activities}
        activity = by_id.get(activity_id)
        if activity is None:
            hint = did_you_mean(activity_id, by_id) or f"'ctoprep show {self.framework.id}' lists the activities"
            raise ContentError([Problem(activity_id, "no such activity in the catalog", hint=hint)])
        category = self.rules.category_by_id.get(activity.credit_category or "")
        if category is None:
            raise ContentError(
                [
                    Problem(
                        activity_id,
                        f"{activity.title!r} earns no {self.rules.title} credit as it stands "
                        "(ordinary job duties do not count)",
                        hint="if it did count, log it with --category and the hours",
                    )
                ]
            )
        amount = 1.0 if category.credit == "each" else activity.hours
        return RecertEntry(
            id="",
            earned_on=earned_on,
            category=category.id,
            title=activity.title,
            amount=amount,
            evidence=evidence,
            activity_id=activity.id,
        )

    def remove(self, entry_id: str) -> RecertEntry:
        removed = recert_store.remove_entry(self.store, self.person, entry_id)
        if removed is None:
            raise ContentError([Problem(entry_id, "no logged activity with this id", hint="'ctoprep recert list'")])
        return removed
