"""Gaps against a target profile, each with a priority that explains itself.

For a skill with a target ``min..max`` and a rated level ``current`` (counted in steps of the scale,
so any scale works)::

    gap        = max(0, min - current)                    # steps below the target
    excess     = max(0, current - max)                    # steps above it: a strength
    exam       = (1 + weight / mean_weight) / 2           # 1 without a blueprint
    priority   = 100 * gap / steps_on_scale * importance * exam * adjustment

``weight`` is the area's percent of the exam and ``mean_weight`` the average weight of the areas
the blueprint weighs, so an average area has ``exam == 1``, Strategic Planning at 15% of ten areas
has 1.25 and an area the exam ignores 0.5: the job needs every area, the exam some more than others.
``adjustment`` is an optional per-area multiplier (default 1) that other engines feed, e.g. practice
results showing over-confidence in an area. ``docs/scoring.md`` has the worked example.

An area's gap is the mean shortfall over its rated, targeted skills (a skill at or above its target
counts 0), so a strong skill never hides a weak one in the same area the way comparing means would.
Skills with a target but no rating are listed as *not yet rated*, never as gaps of full size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, computed_field

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.problems import ContentError, Problem, did_you_mean
from ctoprep.core.scoring import ScoreReport, score_assessment
from ctoprep.core.trusted import trusted


class GapModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class GapStatus(StrEnum):
    BELOW = "below"
    MET = "met"
    ABOVE = "above"
    NOT_RATED = "not-rated"


class SkillGap(GapModel):
    skill_id: str
    area_id: str
    title: str
    area_title: str
    index: int
    """Position of the skill in the framework: the tie-breaker that makes rankings stable."""
    current: int | None
    target_min: int
    target_max: int
    status: GapStatus
    gap: float
    """Scale steps below ``target_min`` (0 unless ``status`` is below)."""
    excess: float
    """Scale steps above ``target_max`` (0 unless ``status`` is above)."""
    importance: float
    exam_weight: float | None
    """The area's percent of the exam, or None without a blueprint."""
    exam_factor: float
    adjustment: float
    priority: float
    value_per_step: float
    """What closing one step of this gap is worth: ``priority / gap`` (also defined when the gap is 0)."""

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def reason(self) -> str:
        """The priority explained, e.g. "Multi-year plan (Strategic Planning): 2 levels below target
        (now 1, target 3), 15% of the exam, importance 1.5". Built when first read: most are never shown."""
        target = target_text(self.target_min, self.target_max)
        if self.status is GapStatus.NOT_RATED:
            return f"{self.title}: not yet rated (target {target})"
        if self.status is GapStatus.MET:
            return f"{self.title}: on target (now {self.current})"
        if self.status is GapStatus.ABOVE:
            return (
                f"{self.title} ({self.area_title}): {_levels_word(self.excess)} above target "
                f"(now {self.current}, target {target})"
            )
        return (
            f"{self.title} ({self.area_title}): {_levels_word(self.gap)} below target "
            f"(now {self.current}, target {target}){_exam_text(self.exam_weight)}"
            + (f", importance {self.importance:g}" if self.importance != 1 else "")
            + (f", weighted x{self.adjustment:g} by practice results" if self.adjustment != 1 else "")
        )

    @property
    def priority_text(self) -> str:
        """What the priority figure is made of, e.g. "priority 225 = 3 levels x 75 a level (importance 2.4,
        exam x1.25)"."""
        parts = [f"importance {self.importance:g}"]
        if self.exam_weight is not None:
            parts.append(f"exam x{self.exam_factor:.2f}")
        if self.adjustment != 1:
            parts.append(f"practice x{self.adjustment:g}")
        return (
            f"priority {self.priority:.0f} = {_levels_word(self.gap)} x {self.value_per_step:.0f} a level "
            f"({', '.join(parts)})"
        )


class AreaGap(GapModel):
    area_id: str
    title: str
    index: int
    current: float | None
    """Mean rated level in the area."""
    current_score: float | None
    target: float | None
    """Mean target (its ``min``) over the area's targeted skills."""
    target_score: float | None
    gap: float
    """Mean shortfall in steps over the area's rated, targeted skills."""
    targeted: int
    below: int
    met: int
    above: int
    not_rated: int
    importance: float
    exam_weight: float | None
    exam_factor: float
    adjustment: float
    priority: float
    reliable: bool
    reason: str


class GapReport(GapModel):
    framework_id: str
    profile_id: str
    profile_title: str
    skills: tuple[SkillGap, ...]
    """Every skill the profile targets, in framework order."""
    gaps: tuple[SkillGap, ...]
    """Skills below target, highest priority first (ties in framework order)."""
    strengths: tuple[SkillGap, ...]
    """Skills above target, furthest above first, then the more important."""
    areas: tuple[AreaGap, ...]
    """In framework order; see :attr:`ranked_areas`."""

    def top(self, n: int) -> tuple[SkillGap, ...]:
        """The ``n`` highest-priority gaps (``gaps`` is already ranked)."""
        return self.gaps[: max(n, 0)]

    @cached_property
    def not_rated(self) -> tuple[SkillGap, ...]:
        return tuple(g for g in self.skills if g.status is GapStatus.NOT_RATED)

    @cached_property
    def met(self) -> tuple[SkillGap, ...]:
        return tuple(g for g in self.skills if g.status is GapStatus.MET)

    @cached_property
    def ranked_areas(self) -> tuple[AreaGap, ...]:
        return tuple(sorted(self.areas, key=lambda a: (-a.priority, a.index)))

    @cached_property
    def total_priority(self) -> float:
        return sum(g.priority for g in self.gaps)


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


def exam_factors(framework: Framework) -> dict[str, float]:
    """Area id -> ``(1 + weight / mean_weight) / 2``; every area 1.0 without a blueprint."""
    if framework.blueprint is None:
        return {a.id: 1.0 for a in framework.areas}
    weights = framework.blueprint.area_weights
    weighted = [w for w in weights.values() if w > 0]
    mean = sum(weighted) / len(weighted) if weighted else 1.0
    return {a.id: (1.0 + weights.get(a.id, 0.0) / mean) / 2.0 for a in framework.areas}


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


def _levels_word(steps: float) -> str:
    text = f"{steps:.1f}".rstrip("0").rstrip(".")
    return f"{text} level" + ("" if text == "1" else "s")


def target_text(lo: int, hi: int) -> str:
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _exam_text(weight: float | None) -> str:
    if weight is None:
        return ""
    if weight == 0:
        return ", not on the exam"
    return f", {weight:g}% of the exam"


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
    if report.framework_id != framework.id or len(report.skills) != len(framework.skills):
        raise ContentError(
            [Problem(report.assessment_id, f"scores are for framework {report.framework_id!r}, not {framework.id!r}")]
        )
    chosen = resolve_profile(framework, profile)
    adjust = _check_adjustments(framework, adjustments)
    scale = framework.scale
    step_of = {value: i for i, value in enumerate(scale.values)}
    steps_on_scale = len(scale.values) - 1
    factors = exam_factors(framework)
    weights = framework.blueprint.area_weights if framework.blueprint else None
    targets = chosen.skill_targets
    skill_scores = report.skills

    skills: list[SkillGap] = []
    areas: list[AreaGap] = []
    index = 0
    for area_index, area in enumerate(framework.areas):
        factor = factors[area.id]
        adj = float(adjust.get(area.id, 1.0))
        weight = weights.get(area.id, 0.0) if weights is not None else None
        exam_text = _exam_text(weight)
        area_scale = 100.0 / steps_on_scale * factor * adj
        targeted = below = met = above = not_rated = 0
        shortfall = importance_sum = target_sum = 0.0
        level_sum = 0.0
        for skill in area.skills:
            score = skill_scores[index]
            index += 1
            target = targets.get(skill.id)
            if target is None:
                continue
            targeted += 1
            target_sum += target.min
            level = score.level
            per_step = area_scale * target.importance
            if level is None:
                not_rated += 1
                status, gap, excess = GapStatus.NOT_RATED, 0.0, 0.0
            else:
                importance_sum += target.importance
                level_sum += level
                step = step_of.get(level, 0)
                lo, hi = step_of[target.min], step_of[target.max]
                if step < lo:
                    below += 1
                    status, gap, excess = GapStatus.BELOW, float(lo - step), 0.0
                    shortfall += gap
                elif step > hi:
                    above += 1
                    status, gap, excess = GapStatus.ABOVE, 0.0, float(step - hi)
                else:
                    met += 1
                    status, gap, excess = GapStatus.MET, 0.0, 0.0
            skills.append(
                trusted(
                    SkillGap,
                    {
                        "skill_id": skill.id,
                        "area_id": area.id,
                        "title": skill.title,
                        "area_title": area.title,
                        "index": index - 1,
                        "current": level,
                        "target_min": target.min,
                        "target_max": target.max,
                        "status": status,
                        "gap": gap,
                        "excess": excess,
                        "importance": target.importance,
                        "exam_weight": weight,
                        "exam_factor": factor,
                        "adjustment": adj,
                        "priority": gap * per_step,
                        "value_per_step": per_step,
                    },
                )
            )
        rated = targeted - not_rated
        area_score = report.area_by_id[area.id]
        mean_gap = shortfall / rated if rated else 0.0
        mean_importance = importance_sum / rated if rated else 0.0
        target_mean = target_sum / targeted if targeted else None
        if not targeted:
            reason = f"{area.title}: no target in this profile"
        elif not rated:
            reason = f"{area.title}: not yet rated"
        elif below:
            reason = (
                f"{area.title}: {_levels_word(mean_gap)} below target on average "
                f"({below} of {rated} rated skills below){exam_text}"
            )
        else:
            reason = f"{area.title}: on or above target in every rated skill"
        if targeted and area_score.reason:
            reason += f" ({area_score.reason})"
        areas.append(
            trusted(
                AreaGap,
                dict(
                    area_id=area.id,
                    title=area.title,
                    index=area_index,
                    current=area_score.mean_level,
                    current_score=area_score.score,
                    target=target_mean,
                    target_score=scale.to_percent(target_mean) if target_mean is not None else None,
                    gap=mean_gap,
                    targeted=targeted,
                    below=below,
                    met=met,
                    above=above,
                    not_rated=not_rated,
                    importance=mean_importance,
                    exam_weight=weight,
                    exam_factor=factor,
                    adjustment=adj,
                    priority=mean_gap * area_scale * mean_importance,
                    reliable=area_score.reliable,
                    reason=reason,
                ),
            )
        )

    below_list = [g for g in skills if g.status is GapStatus.BELOW]
    # one sort of a few dozen tuples; the key puts ties in framework order
    ranked = sorted(below_list, key=lambda g: (-g.priority, g.index))
    strengths = sorted(
        (g for g in skills if g.status is GapStatus.ABOVE),
        key=lambda g: (-g.excess, -g.value_per_step, g.index),
    )
    return trusted(
        GapReport,
        dict(
            framework_id=framework.id,
            profile_id=chosen.id,
            profile_title=chosen.title,
            skills=tuple(skills),
            gaps=tuple(ranked),
            strengths=tuple(strengths),
            areas=tuple(areas),
        ),
    )
