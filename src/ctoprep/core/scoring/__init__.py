"""Scores on 0–100 per skill, area, category, PD focus, exam content area and overall.

A skill's score is its level's position on the framework's scale (``Scale.to_percent``); a group's
score is the mean over its *rated* skills. A skill that is not rated is left out of the mean, never
counted as zero, and every group says how complete it is and whether enough of it is rated for its
score to mean something (see :func:`needed_ratings`). ``docs/scoring.md`` gives the formulas.

The results are frozen dataclasses built from values this module computes itself (nothing to
validate): scoring sits on the hot path of every re-rating and of every scripting command.

The package: ``models`` (the result models), ``groups`` (group scores and roll-ups), ``report``
(:class:`ScoreReport`) and ``score`` (:func:`score_assessment`).
"""

from __future__ import annotations

from ctoprep.core.scoring.groups import Figures, Groups, area_figures
from ctoprep.core.scoring.models import (
    MIN_RATED,
    MIN_SHARE,
    GroupKind,
    GroupScore,
    SkillScore,
    SkillStatus,
    needed_ratings,
)
from ctoprep.core.scoring.report import ScoreReport
from ctoprep.core.scoring.score import score_assessment

__all__ = [
    "MIN_RATED",
    "MIN_SHARE",
    "Figures",
    "GroupKind",
    "GroupScore",
    "Groups",
    "ScoreReport",
    "SkillScore",
    "SkillStatus",
    "area_figures",
    "needed_ratings",
    "score_assessment",
]
