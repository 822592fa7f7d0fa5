"""Laying activities out month by month without any month going over the hours limit."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from ctoprep.core.models.framework import Activity
from ctoprep.core.models.vocabulary import Cadence
from ctoprep.core.planning.models import PlanLimits


def month_start(start: date, index: int) -> date:
    """The first day of plan month ``index`` (month 0 starts on the plan's start date)."""
    if index <= 0:
        return start
    months = start.month - 1 + index
    return date(start.year + months // 12, months % 12 + 1, 1)


def month_end(start: date, index: int) -> date:
    first = month_start(start, index)
    return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def fit(activity: Activity, load: list[float], limits: PlanLimits) -> tuple[int, int] | None:
    """The earliest start, then the shortest spread, at which ``activity`` fits on top of ``load``."""
    cap = limits.hours_per_month + 1e-6
    horizon = limits.months
    shortest, hours = activity.months, activity.hours
    longest = horizon if activity.cadence is Cadence.SELF_PACED else shortest
    for start in range(horizon - shortest + 1):
        # the busiest month under the activity, kept as the spread grows (the search runs this a
        # few million times for the hardest plans: no slice and max per spread)
        busiest = max(load[start : start + shortest])
        for span in range(shortest, min(longest, horizon - start) + 1):
            if span > shortest and load[start + span - 1] > busiest:
                busiest = load[start + span - 1]
            if busiest + hours / span <= cap:
                return start, span
    return None


def add_load(load: list[float], activity: Activity, spot: tuple[int, int]) -> list[float]:
    start, span = spot
    out = list(load)
    for m in range(start, start + span):
        out[m] += activity.hours / span
    return out


def place(
    activities: Sequence[Activity], order: Sequence[int], limits: PlanLimits
) -> tuple[dict[int, tuple[int, int]], list[float]] | int:
    """Place activities in ``order``, each at its earliest start (then shortest spread) that fits.

    Returns placements (activity index -> (start month, months)) and the load of each month, or
    the first index that did not fit.
    """
    load = [0.0] * limits.months
    placed: dict[int, tuple[int, int]] = {}
    for k in order:
        spot = fit(activities[k], load, limits)
        if spot is None:
            return k
        load = add_load(load, activities[k], spot)
        placed[k] = spot
    return placed, load


def packing_key(activity: Activity, index: int) -> tuple[int, float, int]:
    """Longest first, then the heaviest month: the classic order for packing in time."""
    return (-activity.months, -activity.hours / activity.months, index)


def lay_out(
    activities: Sequence[Activity], chosen: Sequence[int], value: Sequence[float], limits: PlanLimits
) -> tuple[dict[int, tuple[int, int]], list[float]] | int:
    """Lay the chosen activities out month by month without any month going over the hours limit.

    Tries the most valuable first (earliest re-rating), then the classic packing orders (longest
    first, heaviest month first). Returns placements, or an activity that no order could place.
    """
    orders = (
        sorted(chosen, key=lambda k: (-value[k], k)),
        sorted(chosen, key=lambda k: packing_key(activities[k], k)),
        sorted(chosen, key=lambda k: (-activities[k].hours / activities[k].months, -activities[k].months, k)),
    )
    first_failure: int | None = None
    for order in orders:
        result = place(activities, order, limits)
        if not isinstance(result, int):
            return result
        first_failure = result if first_failure is None else first_failure
    assert first_failure is not None
    return first_failure


Layout = tuple[dict[int, tuple[int, int]], list[float]] | None
"""Placements (activity index -> (start month, months)) and the hours of each month; None if none fits."""


def min_monthly_load(activity: Activity, months: int) -> float:
    spread = months if activity.cadence is Cadence.SELF_PACED else activity.months
    return activity.hours / max(spread, 1)
