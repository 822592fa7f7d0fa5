"""What a report shows, as one plain value: scores, gaps against a profile, a plan. Pure.

Services build a :class:`ReportContext` (``ctoprep.services.insights``); reports render it. Neither
layer imports the other, and every screen, command, export and packet gets its context from the same
service, so the plan on screen is the plan exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctoprep.core.gaps import GapReport, find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.scoring import ScoreReport, score_assessment

if TYPE_CHECKING:
    from ctoprep.core.planning import Plan, PlanLimits  # the planner is imported only when a plan is asked for


@dataclass(frozen=True)
class ReportContext:
    """Everything a report shows: the scores, the gaps against a profile (if any), a plan (if asked)."""

    framework: Framework
    assessment: Assessment
    scores: ScoreReport
    gaps: GapReport | None
    plan: Plan | None
    generated_on: date
    top: int = 10
    """How many gaps the human-readable reports list (JSON lists them all)."""

    @property
    def profile(self) -> Profile | None:
        if self.gaps is None:
            return None
        return self.framework.profile_by_id.get(self.gaps.profile_id)


def prepare(
    framework: Framework,
    assessment: Assessment,
    profile: Profile | str | None,
    *,
    limits: PlanLimits | None = None,
    generated_on: date,
    top: int = 10,
    adjustments: Mapping[str, float] | None = None,
) -> ReportContext:
    """Score, find gaps (when the framework has profiles) and plan (when ``limits`` are given).

    ``adjustments`` are per-area gap-priority weights from calibration (practice results against the
    self-rating), as the app uses them; each adjusted gap says so in its reason.
    """
    scores = score_assessment(framework, assessment)
    gaps = find_gaps(framework, scores, profile, adjustments=adjustments or None) if framework.profiles else None
    plan = None
    if gaps is not None and limits is not None:
        from ctoprep.core.planning import build_plan

        plan = build_plan(framework, gaps, limits)
    return ReportContext(framework, assessment, scores, gaps, plan, generated_on, top)
