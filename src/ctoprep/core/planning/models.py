"""The plan's limits and results: what the person can spend, and the plan as the core builds it.

The three ``parse_*`` functions are the one reading of plan limits typed by a person.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ctoprep.core.models.value import Value, value_class
from ctoprep.core.models.vocabulary import ActivityFormat, Cadence


@value_class
class PlanLimits(Value):
    """What the person can spend: dollars in total, hours a month, months until the exam or review.

    Checked when made (the limits may come from a setting saved in the store): a budget of $0 to
    $10,000,000, 0 to 744 hours a month, 1 to 60 months; ValueError otherwise.
    """

    budget_usd: int = 0
    hours_per_month: float = 8.0
    months: int = 6
    start: date

    def __post_init__(self) -> None:
        if type(self.budget_usd) is not int or not 0 <= self.budget_usd <= 10_000_000:
            raise ValueError(f"budget_usd must be a whole number of dollars from 0 to 10,000,000: {self.budget_usd!r}")
        hours = self.hours_per_month
        if type(hours) not in (int, float) or not 0 <= hours <= 744:
            raise ValueError(f"hours_per_month must be a number from 0 to 744: {hours!r}")
        if type(self.months) is not int or not 1 <= self.months <= 60:
            raise ValueError(f"months must be a whole number from 1 to 60: {self.months!r}")
        if not isinstance(self.start, date):
            raise ValueError(f"start must be a date: {self.start!r}")
        object.__setattr__(self, "hours_per_month", float(hours))  # 6 hours a month is 6.0 in the JSON

    @property
    def total_hours(self) -> float:
        return self.hours_per_month * self.months


def parse_budget(text: str) -> int:
    """Dollars from what a person typed ("$3,000", "3000"); ValueError says what is wrong.

    The one reading of plan limits: the command line and the app's Plan screen both use these three.
    """
    cleaned = text.strip().replace(",", "").removeprefix("$")
    if not cleaned:
        raise ValueError("budget is empty: give whole dollars, 0 for free activities only")
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a whole number of dollars") from None
    if not 0 <= value <= 10_000_000:
        raise ValueError("budget must be between $0 and $10,000,000")
    return value


def parse_hours_per_month(text: str) -> float:
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("hours a month is empty: give the hours you can spend, e.g. 6")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a number of hours") from None
    if not 0 < value <= 744:
        raise ValueError("hours a month must be more than 0 and at most 744 (the hours in a month)")
    return value


def parse_months(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("months is empty: give how many months the plan covers (1 to 60)")
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a whole number of months") from None
    if not 1 <= value <= 60:
        raise ValueError("months must be between 1 and 60")
    return value


class LeftOutReason(StrEnum):
    BUDGET = "budget"
    HOURS = "hours"
    BUDGET_AND_HOURS = "budget-and-hours"
    TOO_LONG = "too-long"
    TOO_INTENSE = "too-intense"
    COVERED = "covered"
    LAYOUT = "layout"
    OTHER = "other"


@value_class
class Contribution(Value):
    """What one planned activity is expected to add to one skill, in scale steps and in value."""

    skill_id: str
    title: str
    area_title: str
    steps: float
    """Expected progress credited to this activity, in scale steps (after diminishing returns)."""
    value: float


@value_class
class PlannedActivity(Value):
    """An activity the plan takes: when it runs, what it costs and what it is expected to develop."""

    activity_id: str
    title: str
    format: ActivityFormat
    cadence: Cadence
    cost_usd: int
    hours: float
    start_month: int
    """0-based month of the plan."""
    months: int
    """Months it runs in this plan (a self-paced activity may be spread thinner than its minimum)."""
    hours_per_month: float
    starts_on: date
    ends_on: date
    rerate_on: date
    """When to re-rate the skills it develops: the first day after it ends."""
    produces: str
    contributions: tuple[Contribution, ...]
    value: float
    why: str

    @property
    def end_month(self) -> int:
        return self.start_month + self.months - 1


@value_class
class PlanMonth(Value):
    """One month of the plan: the activities running and starting, their hours, and what those starting cost."""

    index: int
    starts_on: date
    activities: tuple[str, ...]
    """Ids of the activities running this month."""
    starting: tuple[str, ...]
    hours: float
    cost_usd: int
    """Cost of the activities starting this month (paid when they start)."""
    rerate: tuple[str, ...]
    """Skill ids due for re-rating this month."""


@value_class
class SkillRerate(Value):
    """When to rate a skill again: after the activities that develop it, with the progress expected."""

    skill_id: str
    title: str
    rerate_on: date
    activity_ids: tuple[str, ...]
    expected_steps: float
    gap: float


@value_class
class LeftOut(Value):
    """An activity the plan left out, what it would have added, and why it was left out."""

    activity_id: str
    title: str
    cost_usd: int
    hours: float
    value: float
    """What it would add to the chosen plan (its value on its own for ones that cannot fit at all)."""
    kind: LeftOutReason
    reason: str


@value_class
class Plan(Value):
    """A PD plan within its limits: the activities chosen, laid out month by month, and what they are worth."""

    framework_id: str
    profile_id: str
    limits: PlanLimits
    activities: tuple[PlannedActivity, ...]
    """Chosen activities, by start month, then value."""
    months: tuple[PlanMonth, ...]
    rerates: tuple[SkillRerate, ...]
    left_out: tuple[LeftOut, ...]
    total_cost: int
    total_hours: float
    value: float
    """Priority-weighted gap the plan is expected to close."""
    gap_value: float
    """Priority-weighted gap there is to close: the sum of the gaps' priorities."""
    optimal: bool
    upper_bound: float
    """No plan within the limits can close more than this (equals ``value`` when ``optimal``)."""
    nodes: int
    notes: tuple[str, ...]

    @property
    def share_closed(self) -> float:
        return self.value / self.gap_value if self.gap_value > 0 else 0.0
