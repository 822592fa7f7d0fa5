"""Scoring an assessment: one pass over its ratings."""

from __future__ import annotations

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError, Problem
from ctoprep.core.scoring.report import ScoreReport


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
    return ScoreReport(framework=framework, assessment=assessment, levels=tuple(levels), area_sums=tuple(area_sums))
