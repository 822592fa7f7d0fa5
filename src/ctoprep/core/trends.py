"""Progress over time: per-area score series and what changed between two assessments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.scoring import ScoreReport, score_assessment


@dataclass(frozen=True)
class SkillChange:
    skill_id: str
    title: str
    area_id: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class AreaChange:
    area_id: str
    title: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def area_series(framework: Framework, assessments: Sequence[Assessment]) -> dict[str, list[float | None]]:
    """Area id -> its score in each assessment, oldest first (None where nothing was rated)."""
    reports = [score_assessment(framework, a) for a in assessments]
    return {area.id: [r.area(area.id).score for r in reports] for area in framework.areas}


def changes_between(
    framework: Framework, before: Assessment, after: Assessment
) -> tuple[list[AreaChange], list[SkillChange]]:
    """Areas whose score moved and skills whose level changed, largest movements first."""
    old: ScoreReport = score_assessment(framework, before)
    new: ScoreReport = score_assessment(framework, after)
    areas = [
        AreaChange(a.id, a.title, old.area(a.id).score, new.area(a.id).score)
        for a in framework.areas
        if old.area(a.id).score != new.area(a.id).score
    ]
    areas.sort(key=lambda c: (-(abs(c.delta) if c.delta is not None else 101), c.area_id))
    skills = [
        SkillChange(s.id, s.title, s.area_id, before.level_of(s.id), after.level_of(s.id))
        for s in framework.skills
        if before.level_of(s.id) != after.level_of(s.id)
    ]
    skills.sort(key=lambda c: (-(abs(c.delta) if c.delta is not None else 0), c.skill_id))
    return areas, skills
