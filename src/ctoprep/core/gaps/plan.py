"""What gap analysis needs of a framework and a profile, worked out once per pair."""

from __future__ import annotations

from ctoprep.core.models.framework import Framework, Profile


def exam_factors(framework: Framework) -> dict[str, float]:
    """Area id -> ``(1 + weight / mean_weight) / 2``; every area 1.0 without a blueprint."""
    if framework.blueprint is None:
        return {a.id: 1.0 for a in framework.areas}
    weights = framework.blueprint.area_weights
    weighted = [w for w in weights.values() if w > 0]
    mean = sum(weighted) / len(weighted) if weighted else 1.0
    return {a.id: (1.0 + weights.get(a.id, 0.0) / mean) / 2.0 for a in framework.areas}


_PlanSkill = tuple[int, int, int, float, float]
"""A targeted skill: position in the framework, target's lowest and highest step, importance, priority a
step before any practice adjustment."""


_PlanArea = tuple[int, str, float, float | None, int, float, tuple[_PlanSkill, ...]]
"""An area: index, id, exam factor, exam weight, skills targeted, sum of their targets' minimums, the
targeted skills."""


_plans: dict[tuple[int, int], tuple[Framework, Profile, dict[int, int], tuple[_PlanArea, ...]]] = {}


def gap_plan(framework: Framework, profile: Profile) -> tuple[dict[int, int], tuple[_PlanArea, ...]]:
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
