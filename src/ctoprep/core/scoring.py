"""Scores on 0–100 per skill, area, category, PD focus, exam content area and overall.

A skill's score is its level's position on the framework's scale (``Scale.to_percent``); a group's
score is the mean over its *rated* skills. A skill that is not rated is left out of the mean, never
counted as zero, and every group says how complete it is and whether enough of it is rated for its
score to mean something (see :func:`needed_ratings`). ``docs/scoring.md`` gives the formulas.

The report is built from values this module computes itself, so its models are created with
:func:`~ctoprep.core.trusted.trusted` (no re-validation): scoring sits on the hot path of every re-rating.
"""

from __future__ import annotations

import math
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError, Problem
from ctoprep.core.trusted import trusted

MIN_RATED = 3
"""A group's score is reliable only with at least this many ratings (or all of its skills, if fewer)."""
MIN_SHARE = 0.5
"""... and at least this share of its skills rated."""


class ScoreModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class SkillStatus(StrEnum):
    RATED = "rated"
    SKIPPED = "skipped"
    """Explicitly not rated (``level: null``), or a level that is not on the scale."""
    NOT_REACHED = "not-reached"
    """Absent from the assessment."""


class GroupKind(StrEnum):
    AREA = "area"
    CATEGORY = "category"
    PD_FOCUS = "pd-focus"
    CONTENT_AREA = "content-area"
    OVERALL = "overall"
    EXAM = "exam"


class SkillScore(ScoreModel):
    skill_id: str
    area_id: str
    level: int | None
    score: float | None
    """0–100, or None when not rated."""
    status: SkillStatus
    has_evidence: bool


class GroupScore(ScoreModel):
    """The score of a set of skills, with how much of it is rated and how much rests on evidence."""

    kind: GroupKind
    id: str
    title: str
    total: int
    """Skills in the group."""
    rated: int
    completeness: float
    """Share of the group's skills rated, 0–1."""
    with_evidence: int
    """Rated skills whose rating names evidence."""
    mean_level: float | None
    """Mean rated level on the framework's own scale, or None when nothing is rated."""
    score: float | None
    """0–100, or None when nothing is rated."""
    reliable: bool
    reason: str = ""
    """Why the score is not reliable (empty when it is)."""
    weight: float | None = None
    """Percent of the exam (areas and content areas, when the framework has a blueprint)."""
    parts: tuple[str, ...] = ()
    """Area ids that make up a category, PD focus or content area."""


class ScoreReport(ScoreModel):
    """The scores of one assessment.

    Scoring runs on every re-rating, so the report keeps what the one pass over the ratings found
    (each skill's level, status and evidence, and each area's sums) and builds the result objects
    (:attr:`skills`, :attr:`areas`, the roll-ups) the first time they are read: a screen that shows the
    areas never pays for 77 skill objects, and one that shows nothing pays for none.
    """

    framework: Framework = Field(repr=False)
    assessment: Assessment = Field(repr=False)
    levels: tuple[int | None, ...]
    """Each skill's rated level in framework order; None when not rated (or off the scale)."""
    area_sums: tuple[tuple[int, float], ...]
    """Per area in framework order: skills rated and the sum of their levels."""

    @property
    def assessment_id(self) -> str:
        return self.assessment.id

    @property
    def framework_id(self) -> str:
        return self.framework.id

    @property
    def framework_version(self) -> str:
        return self.framework.version

    @property
    def scale_min(self) -> int:
        return self.framework.scale.min

    @property
    def scale_max(self) -> int:
        return self.framework.scale.max

    @cached_property
    def statuses(self) -> tuple[SkillStatus, ...]:
        """Each skill's status, in framework order."""
        ratings = self.assessment.ratings
        return tuple(
            SkillStatus.RATED
            if level is not None
            else SkillStatus.NOT_REACHED
            if skill.id not in ratings
            else SkillStatus.SKIPPED
            for skill, level in zip(self.framework.skills, self.levels, strict=True)
        )

    @cached_property
    def evidence(self) -> tuple[bool, ...]:
        """Whether each rated skill's rating names evidence, in framework order."""
        ratings = self.assessment.ratings
        return tuple(
            level is not None and bool(ratings[skill.id].evidence.strip())
            for skill, level in zip(self.framework.skills, self.levels, strict=True)
        )

    @cached_property
    def skills(self) -> tuple[SkillScore, ...]:
        """Every skill's score, in framework order."""
        scale_min = self.scale_min
        span = float(self.scale_max - scale_min)
        return tuple(
            trusted(
                SkillScore,
                {
                    "skill_id": skill.id,
                    "area_id": skill.area_id,
                    "level": level,
                    "score": None if level is None else (level - scale_min) / span * 100.0,
                    "status": status,
                    "has_evidence": has_evidence,
                },
            )
            for skill, level, status, has_evidence in zip(
                self.framework.skills, self.levels, self.statuses, self.evidence, strict=True
            )
        )

    @cached_property
    def _groups(self) -> _Groups:
        with_evidence: list[int] = []
        position = 0
        for area in self.framework.areas:
            with_evidence.append(sum(self.evidence[position : position + len(area.skills)]))
            position += len(area.skills)
        return _roll_up(
            self.framework,
            [(rated, n, level_sum) for (rated, level_sum), n in zip(self.area_sums, with_evidence, strict=True)],
        )

    @property
    def areas(self) -> tuple[GroupScore, ...]:
        return self._groups.areas

    @property
    def categories(self) -> tuple[GroupScore, ...]:
        return self._groups.categories

    @property
    def pd_focuses(self) -> tuple[GroupScore, ...]:
        return self._groups.pd_focuses

    @property
    def content_areas(self) -> tuple[GroupScore, ...]:
        """The exam's content areas: each is the blueprint-weighted mean of its areas' scores."""
        return self._groups.content_areas

    @property
    def overall(self) -> GroupScore:
        """Mean over every rated skill."""
        return self._groups.overall

    @property
    def exam(self) -> GroupScore | None:
        """Blueprint-weighted mean of the area scores: the view the exam takes. None without a blueprint."""
        return self._groups.exam

    @cached_property
    def skill_by_id(self) -> dict[str, SkillScore]:
        return {s.skill_id: s for s in self.skills}

    @cached_property
    def area_by_id(self) -> dict[str, GroupScore]:
        return {a.id: a for a in self.areas}

    def skill(self, skill_id: str) -> SkillScore:
        return self.skill_by_id[skill_id]

    def area(self, area_id: str) -> GroupScore:
        return self.area_by_id[area_id]


class _Groups(NamedTuple):
    areas: tuple[GroupScore, ...]
    categories: tuple[GroupScore, ...]
    pd_focuses: tuple[GroupScore, ...]
    content_areas: tuple[GroupScore, ...]
    overall: GroupScore
    exam: GroupScore | None


def needed_ratings(total: int) -> int:
    """How many of ``total`` skills must be rated for a group's score to count as reliable."""
    return min(total, max(MIN_RATED, math.ceil(MIN_SHARE * total)))


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
    if rated:
        mean = level_sum / rated
        score: float | None = (mean - scale_min) / span * 100.0
        mean_level: float | None = mean
    else:
        score = mean_level = None
    need = needed_ratings(total)
    reliable = rated >= need and total > 0
    if reliable:
        reason = ""
    elif total == 0:
        reason = "no skills"
    elif rated == 0:
        reason = "nothing rated yet"
    else:
        reason = f"only {rated} of {total} skills rated; {need} needed for a reliable score"
    return trusted(
        GroupScore,
        dict(
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
        ),
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
    return trusted(
        GroupScore,
        dict(
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
        ),
    )


def score_assessment(framework: Framework, assessment: Assessment) -> ScoreReport:
    """Score an assessment against the framework it was made for.

    Ratings of skills the framework does not have are ignored; a level that is not on the scale
    counts as not rated (``map_to_framework`` reports both at the trust boundary).

    Raises:
        ContentError: the assessment is for another framework.
    """
    if assessment.framework.id != framework.id:
        raise ContentError(
            [
                Problem(
                    assessment.id,
                    f"assessment is for framework {assessment.framework.id!r}, not {framework.id!r}",
                    hint="score it with the framework it was made for",
                )
            ]
        )
    on_scale = frozenset(framework.scale.values)
    get = assessment.ratings.get
    levels: list[int | None] = []
    add = levels.append
    area_sums: list[tuple[int, float]] = []
    for area in framework.areas:
        rated = 0
        level_sum = 0.0
        for skill in area.skills:
            rating = get(skill.id)
            level = None if rating is None else rating.level
            if level is not None and level in on_scale:
                rated += 1
                level_sum += level
                add(level)
            else:
                add(None)
        area_sums.append((rated, level_sum))
    return trusted(
        ScoreReport,
        {"framework": framework, "assessment": assessment, "levels": tuple(levels), "area_sums": tuple(area_sums)},
    )


def _roll_up(framework: Framework, area_sums: list[tuple[int, int, float]]) -> _Groups:
    """The group scores (areas, categories, PD focuses, content areas, overall, exam) from the area sums."""
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

    def roll_up(kind: GroupKind, gid: str, title: str, area_ids: tuple[str, ...]) -> GroupScore:
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
        roll_up(GroupKind.CATEGORY, c.id, c.title, tuple(a.id for a in c.areas)) for c in framework.categories
    )
    pd_focuses = tuple(
        roll_up(
            GroupKind.PD_FOCUS,
            f.id,
            f.title,
            tuple(a.id for a in framework.areas if f.id in a.pd_focuses),
        )
        for f in framework.pd_focuses
    )
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
    return _Groups(tuple(area_scores.values()), categories, pd_focuses, content_areas, overall, exam)
