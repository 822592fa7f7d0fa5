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

The package: ``models`` (the result models), ``plan`` (what a framework and profile pair needs, worked
out once), ``report`` (:class:`GapReport`) and ``find`` (:func:`find_gaps`).
"""

from __future__ import annotations

from ctoprep.core.gaps.find import find_gaps, resolve_profile
from ctoprep.core.gaps.models import AreaGap, AreaSums, GapRow, GapStatus, SkillGap, target_text
from ctoprep.core.gaps.plan import exam_factors
from ctoprep.core.gaps.report import GapReport

__all__ = [
    "AreaGap",
    "AreaSums",
    "GapReport",
    "GapRow",
    "GapStatus",
    "SkillGap",
    "exam_factors",
    "find_gaps",
    "resolve_profile",
    "target_text",
]
