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

import heapq
import math
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field

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


class GapRow(NamedTuple):
    """What the one pass found for one targeted skill; :class:`SkillGap` is built from it when read."""

    position: int
    """Position of the skill in the framework."""
    area_index: int
    level: int | None
    status: GapStatus
    gap: float
    excess: float
    per_step: float


class AreaSums(NamedTuple):
    """What the one pass found for one area; :class:`AreaGap` is built from it when read."""

    factor: float
    adjustment: float
    weight: float | None
    targeted: int
    below: int
    met: int
    above: int
    not_rated: int
    shortfall: float
    importance_sum: float
    target_sum: float


class GapReport(GapModel):
    """Gaps and strengths of one assessment against one profile.

    Gap analysis runs on every re-rating. The one pass keeps, for each targeted skill, where its level
    stands against the target (:attr:`standing`); the rows, the area sums and the result objects are
    built from that the first time they are read, and :meth:`top` ranks only the few it is asked for.
    """

    scores: ScoreReport = Field(repr=False)
    profile: Profile = Field(repr=False)
    adjustments: tuple[float, ...]
    """Each area's practice adjustment (1 when none), in framework order."""
    standing: tuple[int | None, ...]
    """Each targeted skill in framework order: None when not rated, else the steps below its target's
    minimum (negative), above its maximum (positive), or 0 when within the target."""

    @property
    def rows(self) -> tuple[GapRow, ...]:
        """Every targeted skill, in framework order."""
        return self._decoded[0]

    @property
    def area_sums(self) -> tuple[AreaSums, ...]:
        """Every area, in framework order."""
        return self._decoded[1]

    @cached_property
    def _decoded(self) -> tuple[tuple[GapRow, ...], tuple[AreaSums, ...]]:
        """The rows and the area sums, from :attr:`standing` and the framework and profile."""
        _, plan = _gap_plan(self.framework, self.profile)
        levels = self.scores.levels
        standing = iter(self.standing)
        new = tuple.__new__
        rows: list[GapRow] = []
        sums: list[AreaSums] = []
        for area_index, _, factor, weight, targeted, target_sum, skills in plan:
            adj = self.adjustments[area_index]
            below = met = above = not_rated = 0
            shortfall = importance_sum = 0.0
            for position, _, _, importance, per_level in skills:
                code = next(standing)
                if code is None:
                    not_rated += 1
                    status, gap, excess = GapStatus.NOT_RATED, 0.0, 0.0
                else:
                    importance_sum += importance
                    if code < 0:
                        below += 1
                        shortfall -= code
                        status, gap, excess = GapStatus.BELOW, float(-code), 0.0
                    elif code > 0:
                        above += 1
                        status, gap, excess = GapStatus.ABOVE, 0.0, float(code)
                    else:
                        met += 1
                        status, gap, excess = GapStatus.MET, 0.0, 0.0
                row = (position, area_index, levels[position], status, gap, excess, per_level * adj)
                rows.append(new(GapRow, row))
            area = (factor, adj, weight, targeted, below, met, above, not_rated, shortfall, importance_sum, target_sum)
            sums.append(new(AreaSums, area))
        return tuple(rows), tuple(sums)

    @property
    def framework(self) -> Framework:
        return self.scores.framework

    @property
    def framework_id(self) -> str:
        return self.scores.framework_id

    @property
    def profile_id(self) -> str:
        return self.profile.id

    @property
    def profile_title(self) -> str:
        return self.profile.title

    @cached_property
    def skills(self) -> tuple[SkillGap, ...]:
        """Every skill the profile targets, in framework order."""
        return tuple(self._skill_gap(row) for row in self.rows)

    @cached_property
    def gaps(self) -> tuple[SkillGap, ...]:
        """Skills below target, highest priority first (ties in framework order)."""
        return tuple(self._skill_gap(row) for row in sorted(self.below, key=_rank_key))

    @cached_property
    def strengths(self) -> tuple[SkillGap, ...]:
        """Skills above target, furthest above first, then the more important."""
        above = [r for r in self.rows if r.status is GapStatus.ABOVE]
        above.sort(key=lambda r: (-r.excess, -r.per_step, r.position))
        return tuple(self._skill_gap(row) for row in above)

    @cached_property
    def areas(self) -> tuple[AreaGap, ...]:
        """In framework order; see :attr:`ranked_areas`."""
        return _area_gaps(self.scores, self.area_sums)

    def top(self, n: int) -> tuple[SkillGap, ...]:
        """The ``n`` highest-priority gaps, ranked without sorting the rest."""
        if n <= 0:
            return ()
        if "gaps" in self.__dict__:
            return self.gaps[:n]
        return tuple(self._skill_gap(row) for row in heapq.nsmallest(n, self.below, key=_rank_key))

    @cached_property
    def below(self) -> tuple[GapRow, ...]:
        """The rows of skills below target, in framework order: what a cohort or a planner needs of
        the gaps, without building :class:`SkillGap` objects."""
        return tuple(r for r in self.rows if r.status is GapStatus.BELOW)

    @cached_property
    def _built(self) -> dict[int, SkillGap]:
        return {}

    def _skill_gap(self, row: GapRow) -> SkillGap:
        built = self._built.get(row.position)
        if built is None:
            built = self._built[row.position] = _skill_gap(self.framework, self.profile, row, self.area_sums)
        return built

    @cached_property
    def not_rated(self) -> tuple[SkillGap, ...]:
        return tuple(self._skill_gap(r) for r in self.rows if r.status is GapStatus.NOT_RATED)

    @cached_property
    def met(self) -> tuple[SkillGap, ...]:
        return tuple(self._skill_gap(r) for r in self.rows if r.status is GapStatus.MET)

    @cached_property
    def ranked_areas(self) -> tuple[AreaGap, ...]:
        return tuple(sorted(self.areas, key=lambda a: (-a.priority, a.index)))

    @cached_property
    def total_priority(self) -> float:
        return sum(r.gap * r.per_step for r in self.below)


def _rank_key(row: GapRow) -> tuple[float, int]:
    return (-row.gap * row.per_step, row.position)


def _skill_gap(framework: Framework, profile: Profile, row: GapRow, area_sums: tuple[AreaSums, ...]) -> SkillGap:
    skill = framework.skills[row.position]
    area = framework.areas[row.area_index]
    sums = area_sums[row.area_index]
    target = profile.skill_targets[skill.id]
    return trusted(
        SkillGap,
        {
            "skill_id": skill.id,
            "area_id": area.id,
            "title": skill.title,
            "area_title": area.title,
            "index": row.position,
            "current": row.level,
            "target_min": target.min,
            "target_max": target.max,
            "status": row.status,
            "gap": row.gap,
            "excess": row.excess,
            "importance": target.importance,
            "exam_weight": sums.weight,
            "exam_factor": sums.factor,
            "adjustment": sums.adjustment,
            "priority": row.gap * row.per_step,
            "value_per_step": row.per_step,
        },
    )


def _area_gaps(scores: ScoreReport, area_sums: tuple[AreaSums, ...]) -> tuple[AreaGap, ...]:
    framework = scores.framework
    scale = framework.scale
    steps_on_scale = len(scale.values) - 1
    out: list[AreaGap] = []
    for area_index, (area, sums) in enumerate(zip(framework.areas, area_sums, strict=True)):
        targeted, below = sums.targeted, sums.below
        rated = targeted - sums.not_rated
        area_score = scores.area_by_id[area.id]
        mean_gap = sums.shortfall / rated if rated else 0.0
        mean_importance = sums.importance_sum / rated if rated else 0.0
        target_mean = sums.target_sum / targeted if targeted else None
        if not targeted:
            reason = f"{area.title}: no target in this profile"
        elif not rated:
            reason = f"{area.title}: not yet rated"
        elif below:
            reason = (
                f"{area.title}: {_levels_word(mean_gap)} below target on average "
                f"({below} of {rated} rated skills below){_exam_text(sums.weight)}"
            )
        else:
            reason = f"{area.title}: on or above target in every rated skill"
        if targeted and area_score.reason:
            reason += f" ({area_score.reason})"
        area_scale = 100.0 / steps_on_scale * sums.factor * sums.adjustment
        out.append(
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
                    met=sums.met,
                    above=sums.above,
                    not_rated=sums.not_rated,
                    importance=mean_importance,
                    exam_weight=sums.weight,
                    exam_factor=sums.factor,
                    adjustment=sums.adjustment,
                    priority=mean_gap * area_scale * mean_importance,
                    reliable=area_score.reliable,
                    reason=reason,
                ),
            )
        )
    return tuple(out)


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


_PlanSkill = tuple[int, int, int, float, float]
"""A targeted skill: position in the framework, target's lowest and highest step, importance, priority a
step before any practice adjustment."""
_PlanArea = tuple[int, str, float, float | None, int, float, tuple[_PlanSkill, ...]]
"""An area: index, id, exam factor, exam weight, skills targeted, sum of their targets' minimums, the
targeted skills."""
_plans: dict[tuple[int, int], tuple[Framework, Profile, dict[int, int], tuple[_PlanArea, ...]]] = {}


def _gap_plan(framework: Framework, profile: Profile) -> tuple[dict[int, int], tuple[_PlanArea, ...]]:
    """What gap analysis needs of a framework and a profile, worked out once per pair: every
    assessment scored against them reuses it (a cohort, or every re-rating in the app)."""
    key = (id(framework), id(profile))
    cached = _plans.get(key)
    if cached is not None and cached[0] is framework and cached[1] is profile:
        return cached[2], cached[3]
    scale = framework.scale
    step_of = {value: i for i, value in enumerate(scale.values)}
    steps_on_scale = len(scale.values) - 1
    factors = exam_factors(framework)
    weights = framework.blueprint.area_weights if framework.blueprint else None
    targets = profile.skill_targets
    plan: list[_PlanArea] = []
    position = 0
    for area_index, area in enumerate(framework.areas):
        factor = factors[area.id]
        base_scale = 100.0 / steps_on_scale * factor
        skills: list[_PlanSkill] = []
        target_sum = 0.0
        for skill in area.skills:
            target = targets.get(skill.id)
            if target is not None:
                target_sum += target.min
                skills.append(
                    (
                        position,
                        step_of[target.min],
                        step_of[target.max],
                        target.importance,
                        base_scale * target.importance,
                    )
                )
            position += 1
        weight = weights.get(area.id, 0.0) if weights is not None else None
        plan.append((area_index, area.id, factor, weight, len(skills), target_sum, tuple(skills)))
    if len(_plans) >= 16:  # a handful of frameworks and profiles per process; never grow without bound
        _plans.clear()
    _plans[key] = (framework, profile, step_of, tuple(plan))
    return step_of, tuple(plan)


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
    step_of, plan = _gap_plan(framework, chosen)
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
    return trusted(
        GapReport,
        {
            "scores": report,
            "profile": chosen,
            "adjustments": tuple(float(adjust.get(a.id, 1.0)) for a in framework.areas) if adjust else _ones(framework),
            "standing": tuple(standing),
        },
    )
