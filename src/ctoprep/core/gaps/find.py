"""Finding the gaps: resolve the profile, check adjustments, one pass over the scored skills."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ctoprep.core.gaps.plan import gap_plan
from ctoprep.core.gaps.report import GapReport
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.problems import ContentError, Problem, did_you_mean
from ctoprep.core.scoring import ScoreReport, score_assessment


def resolve_profile(framework: Framework, profile: Profile | str | None) -> Profile:
    """A profile object from an id, the framework's default when None.

    Raises:
        ContentError: the id is unknown, or the framework has no profiles.
    """
    if isinstance(profile, Profile):
        return profile
    if profile is None:
        default = framework.default_profile
        if default is None:
            raise ContentError(
                [
                    Problem(
                        framework.id,
                        "this framework has no target profiles, so there is nothing to measure gaps against",
                        hint="add a profiles.toml to the framework",
                    )
                ]
            )
        return default
    found = framework.profile_by_id.get(profile)
    if found is None:
        ids = [p.id for p in framework.profiles]
        raise ContentError(
            [
                Problem(
                    profile,
                    f"no target profile with this id in {framework.id}",
                    hint=did_you_mean(profile, ids) or f"available: {', '.join(ids) or 'none'}",
                )
            ]
        )
    return found


def _check_adjustments(framework: Framework, adjustments: Mapping[str, float] | None) -> Mapping[str, float]:
    if not adjustments:
        return {}
    for area_id, factor in adjustments.items():
        if area_id not in framework.area_by_id:
            hint = did_you_mean(area_id, framework.area_by_id)
            raise ValueError(f"adjustment for unknown area {area_id!r}" + (f" ({hint})" if hint else ""))
        if not math.isfinite(factor) or factor < 0:
            raise ValueError(f"adjustment for {area_id!r} must be a finite number >= 0, got {factor!r}")
    return adjustments


def _ones(framework: Framework) -> tuple[float, ...]:
    return (1.0,) * len(framework.areas)


def find_gaps(
    framework: Framework,
    assessment_or_report: Assessment | ScoreReport,
    profile: Profile | str | None = None,
    *,
    adjustments: Mapping[str, float] | None = None,
) -> GapReport:
    """Gaps and strengths of one assessment against a target profile.

    Args:
        framework: The framework the assessment was made for.
        assessment_or_report: The assessment, or its :class:`ScoreReport` when already scored.
        profile: A profile, its id, or None for the framework's default profile.
        adjustments: Optional per-area priority multipliers (area id -> factor >= 0, default 1).
            The practice engine feeds these, e.g. 1.3 for an area where exam results fall short of
            the self-rating. They change priorities and rankings, never the gaps themselves.

    Raises:
        ContentError: unknown profile id, no profiles, or an assessment of another framework.
        ValueError: an adjustment names an unknown area or is negative or not finite.
    """
    report = (
        assessment_or_report
        if isinstance(assessment_or_report, ScoreReport)
        else score_assessment(framework, assessment_or_report)
    )
    if report.framework_id != framework.id or len(report.levels) != len(framework.skills):
        raise ContentError(
            [Problem(report.assessment_id, f"scores are for framework {report.framework_id!r}, not {framework.id!r}")]
        )
    chosen = resolve_profile(framework, profile)
    adjust = _check_adjustments(framework, adjustments)
    step_of, plan = gap_plan(framework, chosen)
    levels = report.levels
    standing: list[int | None] = []
    add = standing.append
    for _, _, _, _, _, _, skills in plan:
        for position, lo, hi, _, _ in skills:
            level = levels[position]
            if level is None:
                add(None)
                continue
            step = step_of.get(level, 0)
            add(step - lo if step < lo else step - hi if step > hi else 0)
    return GapReport(
        scores=report,
        profile=chosen,
        adjustments=tuple(float(adjust.get(a.id, 1.0)) for a in framework.areas) if adjust else _ones(framework),
        standing=tuple(standing),
    )
