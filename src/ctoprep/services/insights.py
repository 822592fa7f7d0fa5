"""The one place a report context (scores, gaps, calibration, profile, plan) is built from the store.

The plan screen, its export, ``ctoprep report``/``plan`` on a stored assessment and the mentor packet
all come through here, with the same profile, the same calibration weights and the same plan limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctoprep.core.insights import ReportContext, prepare
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.problems import ContentError
from ctoprep.services.content import Library
from ctoprep.storage import settings
from ctoprep.storage.store import Store

if TYPE_CHECKING:
    from ctoprep.core.planning import PlanLimits  # imported when limits are made: a report without a plan needs none

"""The limits the plan was last built with: ``budget,hours,months``."""
DEFAULT_LIMITS = (500, 6.0, 6)
"""$500, 6 hours a month, 6 months: the app's and the command line's default (a typical PD budget is under $1,000)."""


@dataclass(frozen=True)
class LimitsChoice:
    """Plan limits asked for; None means 'what the plan was last built with'."""

    budget_usd: int | None = None
    hours_per_month: float | None = None
    months: int | None = None
    start: date | None = None


def saved_limits(store: Store | None) -> tuple[int, float, int]:
    """The budget, hours a month and months the plan was last built with (else the defaults)."""
    raw = (store.get_setting(settings.PLAN_LIMITS) if store is not None else None) or ""
    try:
        budget, hours, span = raw.split(",")
        return int(budget), float(hours), int(span)
    except ValueError:
        return DEFAULT_LIMITS


def save_limits(store: Store, limits: PlanLimits) -> None:
    store.set_setting(settings.PLAN_LIMITS, f"{limits.budget_usd},{limits.hours_per_month:g},{limits.months}")


def plan_limits(store: Store | None, choice: LimitsChoice, today: date) -> PlanLimits:
    """The limits asked for, each missing one taken from the last plan (or the default)."""
    from ctoprep.core.planning import PlanLimits

    budget, hours, span = saved_limits(store)
    return PlanLimits(
        budget_usd=choice.budget_usd if choice.budget_usd is not None else budget,
        hours_per_month=choice.hours_per_month if choice.hours_per_month is not None else hours,
        months=choice.months if choice.months is not None else span,
        start=choice.start or today,
    )


def calibration_weights(
    store: Store, library: Library, framework: Framework, assessment: Assessment
) -> dict[str, float]:
    """Gap weights from this user's practice results against their self-rating ({} without practice or a bank)."""
    if not store.has_practice(framework.id):
        return {}  # nothing practiced: neither the bank nor the practice service is needed
    from ctoprep.services.practice import Practice, PracticeError

    try:
        return Practice(library, store, framework).adjustments(assessment)
    except (ContentError, PracticeError):
        return {}  # no usable bank: the report stands without calibration


def report_context(
    framework: Framework,
    assessment: Assessment,
    profile: Profile | str | None,
    *,
    generated_on: date,
    limits: PlanLimits | None = None,
    adjustments: Mapping[str, float] | None = None,
    top: int = 10,
) -> ReportContext:
    """Score, rank gaps with the calibration weights, and plan within ``limits`` (when given)."""
    return prepare(
        framework, assessment, profile, limits=limits, generated_on=generated_on, top=top, adjustments=adjustments
    )


def stored_report(
    store: Store,
    library: Library,
    framework: Framework,
    assessment: Assessment,
    profile: Profile | None,
    *,
    generated_on: date,
    limits: PlanLimits | None = None,
    top: int = 10,
) -> ReportContext:
    """The report of an assessment in this store: calibrated by this store's practice results."""
    weights = calibration_weights(store, library, framework, assessment) if profile is not None else {}
    return report_context(
        framework, assessment, profile, generated_on=generated_on, limits=limits, adjustments=weights, top=top
    )
