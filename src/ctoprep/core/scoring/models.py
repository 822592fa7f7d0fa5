"""The result models of scoring: a skill's score and a group's score."""

from __future__ import annotations

import math
from enum import StrEnum

from ctoprep.core.models.value import Value, value_class

MIN_RATED = 3
"""A group's score is reliable only with at least this many ratings (or all of its skills, if fewer)."""


MIN_SHARE = 0.5
"""... and at least this share of its skills rated."""


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


@value_class
class SkillScore(Value):
    """One skill as scored: its level, its 0-100 score (None when not rated), status and evidence."""

    skill_id: str
    area_id: str
    level: int | None
    score: float | None
    """0–100, or None when not rated."""
    status: SkillStatus
    has_evidence: bool


@value_class
class GroupScore(Value):
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


def needed_ratings(total: int) -> int:
    """How many of ``total`` skills must be rated for a group's score to count as reliable."""
    return min(total, max(MIN_RATED, math.ceil(MIN_SHARE * total)))
