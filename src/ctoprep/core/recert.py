"""A recertification log, checked against the certifying body's rules (pure: no files, no store).

The rules are data (``recertification.toml`` in a framework folder, read into
:class:`~ctoprep.core.models.framework.Recertification`); this module applies them to logged
activities: which count, how many hours each category may count in a cycle, and what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ctoprep.core.models.framework import RecertCategory, Recertification
from ctoprep.core.problems import Problem, did_you_mean

MAX_ENTRY_HOURS = 500.0
"""No one activity is credited more than this: a typo like 400 for 4.00 is caught."""


@dataclass(frozen=True)
class RecertEntry:
    """One logged activity."""

    id: str
    earned_on: date
    category: str
    title: str
    amount: float
    """Hours spent (``credit = "hours"``) or items (``credit = "each"``: certifications, memberships...)."""
    evidence: str = ""
    activity_id: str | None = None


def cycle_end(start: date, years: int) -> date:
    """The day a cycle that began on ``start`` ends (the same calendar day ``years`` later; 29 Feb -> 28 Feb)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


@dataclass(frozen=True)
class CategoryTotal:
    category: RecertCategory
    logged: float
    """Hours the entries earn before the cap."""
    counted: float
    """Hours that count toward renewal (capped)."""
    entries: int

    @property
    def room(self) -> float | None:
        """Hours this category can still count, or None when it has no cap."""
        cap = self.category.max_hours
        return None if cap is None else max(cap - self.counted, 0.0)

    @property
    def over_cap(self) -> float:
        return max(self.logged - self.counted, 0.0)


@dataclass(frozen=True)
class RecertSummary:
    rules: Recertification
    start: date
    end: date
    today: date
    totals: tuple[CategoryTotal, ...]
    entries: tuple[RecertEntry, ...]
    outside: tuple[RecertEntry, ...] = field(default=())
    """Entries dated outside the cycle: kept in the log, counted nowhere."""

    @property
    def counted(self) -> float:
        return sum(t.counted for t in self.totals)

    @property
    def remaining(self) -> float:
        return max(self.rules.required_hours - self.counted, 0.0)

    @property
    def days_left(self) -> int:
        return (self.end - self.today).days

    @property
    def met(self) -> bool:
        return self.counted >= self.rules.required_hours


def summarize(rules: Recertification, entries: list[RecertEntry], start: date, today: date) -> RecertSummary:
    """Hours per category against the caps, for the cycle that began on ``start``."""
    end = cycle_end(start, rules.cycle_years)
    inside = [e for e in entries if start <= e.earned_on <= end]
    outside = [e for e in entries if not start <= e.earned_on <= end]
    totals = []
    for category in rules.categories:
        mine = [e for e in inside if e.category == category.id]
        logged = sum(category.credited(e.amount) for e in mine)
        cap = category.max_hours
        counted = logged if cap is None else min(logged, cap)
        totals.append(CategoryTotal(category, logged, counted, len(mine)))
    ordered = sorted(entries, key=lambda e: (e.earned_on, e.id))
    return RecertSummary(rules, start, end, today, tuple(totals), tuple(ordered), tuple(outside))


def check_entry(
    rules: Recertification,
    entries: list[RecertEntry],
    new: RecertEntry,
    start: date | None,
    today: date,
    *,
    allow_over_cap: bool = False,
) -> list[Problem]:
    """Why ``new`` cannot be logged as it stands (empty: it can). Each problem says what to do."""
    problems: list[Problem] = []
    where = new.title or "the activity"
    category = rules.category_by_id.get(new.category)
    if category is None:
        hint = did_you_mean(new.category, rules.category_by_id) or "categories: " + ", ".join(rules.category_by_id)
        problems.append(Problem(where, f"unknown category {new.category!r}", hint=hint))
    if not new.title.strip():
        problems.append(Problem("title", "an activity needs a title", hint="say what you did, e.g. the course name"))
    if not 0 < new.amount <= MAX_ENTRY_HOURS:
        unit = "items" if category is not None and category.credit == "each" else "hours"
        problems.append(
            Problem(where, f"{new.amount:g} {unit} is not possible for one activity", hint=f"give 0 < {unit} <= 500")
        )
    if new.earned_on > today:
        problems.append(
            Problem(where, f"{new.earned_on.isoformat()} is in the future", hint="log an activity once it is done")
        )
    if start is None:
        problems.append(
            Problem(
                "cycle",
                "the start of your certification cycle is not set",
                hint="set it first: the date on your certificate",
            )
        )
    else:
        end = cycle_end(start, rules.cycle_years)
        if not start <= new.earned_on <= end:
            problems.append(
                Problem(
                    where,
                    f"{new.earned_on.isoformat()} is outside your cycle ({start.isoformat()} to {end.isoformat()})",
                    hint="only activities inside the cycle count; check the date or the cycle start",
                )
            )
        elif category is not None and category.max_hours is not None and not allow_over_cap and not problems:
            summary = summarize(rules, entries, start, today)
            total = next(t for t in summary.totals if t.category.id == category.id)
            adding = category.credited(new.amount)
            if total.logged + adding > category.max_hours + 1e-9:
                room = max(category.max_hours - total.logged, 0.0)
                problems.append(
                    Problem(
                        where,
                        f"{category.title} counts at most {category.max_hours:g} hours a cycle; you have "
                        f"{total.logged:g} and this adds {adding:g}",
                        hint=f"only {room:g} more hours can count here; log it anyway with the over-cap option "
                        "(the extra hours are kept but not counted)",
                    )
                )
    return problems
