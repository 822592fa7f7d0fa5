"""Group scores: areas, and the roll-ups to categories, PD focuses, content areas, overall and exam."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ctoprep.core.models.framework import Framework
from ctoprep.core.scoring.models import MIN_SHARE, GroupKind, GroupScore, needed_ratings


class AreaGroups(NamedTuple):
    """The areas' scores (by id, in framework order) and the overall score."""

    areas: dict[str, GroupScore]
    overall: GroupScore


class Groups(NamedTuple):
    """The roll-ups of the areas' scores."""

    categories: tuple[GroupScore, ...]
    pd_focuses: tuple[GroupScore, ...]
    content_areas: tuple[GroupScore, ...]
    exam: GroupScore | None


class Figures(NamedTuple):
    """What a group's score says, without the rest of :class:`GroupScore` (see :func:`area_figures`)."""

    total: int
    rated: int
    mean_level: float | None
    score: float | None
    reliable: bool


def _figures(total: int, rated: int, level_sum: float, span: float, scale_min: int) -> Figures:
    """A group's figures from its skills, ratings and level sum (mean and score None when nothing is
    rated): the one arithmetic behind :func:`_group` and :func:`area_figures`."""
    mean = level_sum / rated if rated else None
    score = None if mean is None else (mean - scale_min) / span * 100.0
    return Figures(total, rated, mean, score, rated >= needed_ratings(total) and total > 0)


def _group(
    kind: GroupKind,
    gid: str,
    title: str,
    total: int,
    rated: int,
    with_evidence: int,
    level_sum: float,
    span: float,
    scale_min: int,
    *,
    weight: float | None = None,
    parts: tuple[str, ...] = (),
) -> GroupScore:
    _, _, mean_level, score, reliable = _figures(total, rated, level_sum, span, scale_min)
    need = needed_ratings(total)
    if reliable:
        reason = ""
    elif total == 0:
        reason = "no skills"
    elif rated == 0:
        reason = "nothing rated yet"
    else:
        reason = f"only {rated} of {total} skills rated; {need} needed for a reliable score"
    return GroupScore(
        kind=kind,
        id=gid,
        title=title,
        total=total,
        rated=rated,
        completeness=rated / total if total else 0.0,
        with_evidence=with_evidence,
        mean_level=mean_level,
        score=score,
        reliable=reliable,
        reason=reason,
        weight=weight,
        parts=parts,
    )


def _weighted(
    kind: GroupKind,
    gid: str,
    title: str,
    weights: dict[str, float],
    areas: dict[str, GroupScore],
    span: float,
    scale_min: int,
) -> GroupScore:
    """A blueprint-weighted group: the weighted mean of its areas' scores, over areas with a score."""
    members = [areas[a] for a in weights if a in areas]
    total = sum(m.total for m in members)
    rated = sum(m.rated for m in members)
    evidence = sum(m.with_evidence for m in members)
    scored = [
        (weights[m.id], m.score, m.mean_level) for m in members if m.score is not None and m.mean_level is not None
    ]
    covered = sum(w for w, _, _ in scored)
    score: float | None = None
    mean_level: float | None = None
    if covered > 0:
        score = sum(w * s for w, s, _ in scored) / covered
        mean_level = sum(w * lv for w, _, lv in scored) / covered
    unscored = [m for m in members if m.score is None]
    weak = [m for m in members if not m.reliable]
    need = needed_ratings(total)
    if total and rated >= need and not unscored:
        reliable, reason = True, ""
    elif rated == 0:
        reliable, reason = False, "nothing rated yet"
    elif unscored:
        names = ", ".join(f"{m.title} ({weights[m.id]:g}%)" for m in unscored)
        reliable, reason = False, f"nothing rated in {names}"
    else:
        reliable = False
        reason = f"only {rated} of {total} skills rated; {need} needed for a reliable score"
    if reliable and weak:
        # every area has a score, but some rest on too few ratings to carry their exam weight
        share = sum(weights[m.id] for m in weak) / sum(weights[m.id] for m in members)
        if share > 1 - MIN_SHARE:
            reliable = False
            reason = "too few ratings in " + ", ".join(m.title for m in weak)
    return GroupScore(
        kind=kind,
        id=gid,
        title=title,
        total=total,
        rated=rated,
        completeness=rated / total if total else 0.0,
        with_evidence=evidence,
        mean_level=mean_level,
        score=score,
        reliable=reliable,
        reason=reason,
        weight=sum(weights.values()),
        parts=tuple(m.id for m in members),
    )


def area_groups(framework: Framework, area_sums: list[tuple[int, int, float]]) -> AreaGroups:
    """The areas' scores and the overall score, from each area's (rated, with evidence, level sum)."""
    scale = framework.scale
    scale_min = scale.min
    span = float(scale.max - scale_min)
    weights = framework.blueprint.area_weights if framework.blueprint else {}
    area_scores: dict[str, GroupScore] = {}
    all_rated = all_evidence = 0
    all_sum = 0.0
    for area, (rated, evidence, level_sum) in zip(framework.areas, area_sums, strict=True):
        area_scores[area.id] = _group(
            GroupKind.AREA,
            area.id,
            area.title,
            len(area.skills),
            rated,
            evidence,
            level_sum,
            span,
            scale_min,
            weight=weights.get(area.id) if weights else None,
        )
        all_rated += rated
        all_evidence += evidence
        all_sum += level_sum
    overall = _group(
        GroupKind.OVERALL,
        "overall",
        "Overall",
        len(framework.skills),
        all_rated,
        all_evidence,
        all_sum,
        span,
        scale_min,
        parts=tuple(area_scores),
    )
    return AreaGroups(area_scores, overall)


def area_figures(framework: Framework, area_sums: Sequence[tuple[int, float]]) -> tuple[list[Figures], Figures]:
    """Each area's figures and the overall's, from each area's (rated, level sum): the same values
    :func:`area_groups` gives, without counting evidence or building the scores (a cohort of a thousand
    people reads only these)."""
    scale = framework.scale
    scale_min = scale.min
    span = float(scale.max - scale_min)
    out: list[Figures] = []
    all_rated = 0
    all_sum = 0.0
    for area, (rated, level_sum) in zip(framework.areas, area_sums, strict=True):
        out.append(_figures(len(area.skills), rated, level_sum, span, scale_min))
        all_rated += rated
        all_sum += level_sum
    return out, _figures(len(framework.skills), all_rated, all_sum, span, scale_min)


def roll_up(framework: Framework, area_scores: dict[str, GroupScore]) -> Groups:
    """Categories, PD focuses, the exam's content areas and the exam, from the areas' scores."""
    scale = framework.scale
    scale_min = scale.min
    span = float(scale.max - scale_min)

    def plain(kind: GroupKind, gid: str, title: str, area_ids: tuple[str, ...]) -> GroupScore:
        parts = [area_scores[a] for a in area_ids if a in area_scores]
        level_sum = sum(p.mean_level * p.rated for p in parts if p.mean_level is not None)
        return _group(
            kind,
            gid,
            title,
            sum(p.total for p in parts),
            sum(p.rated for p in parts),
            sum(p.with_evidence for p in parts),
            level_sum,
            span,
            scale_min,
            parts=tuple(p.id for p in parts),
        )

    categories = tuple(
        plain(GroupKind.CATEGORY, c.id, c.title, tuple(a.id for a in c.areas)) for c in framework.categories
    )
    pd_focuses = tuple(
        plain(
            GroupKind.PD_FOCUS,
            f.id,
            f.title,
            tuple(a.id for a in framework.areas if f.id in a.pd_focuses),
        )
        for f in framework.pd_focuses
    )
    content_areas: tuple[GroupScore, ...] = ()
    exam: GroupScore | None = None
    if framework.blueprint is not None:
        content_areas = tuple(
            _weighted(GroupKind.CONTENT_AREA, ca.id, ca.title, ca.weights, area_scores, span, scale_min)
            for ca in framework.blueprint.content_areas
        )
        exam = _weighted(
            GroupKind.EXAM,
            framework.blueprint.id,
            framework.blueprint.title,
            framework.blueprint.area_weights,
            area_scores,
            span,
            scale_min,
        )
    return Groups(categories, pd_focuses, content_areas, exam)
