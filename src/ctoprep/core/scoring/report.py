"""The score report: the one pass's findings, and the result objects built from them when read."""

from __future__ import annotations

from dataclasses import field
from functools import cached_property

from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.models.value import Value, value_class
from ctoprep.core.scoring.groups import AreaGroups, Groups, area_groups, roll_up
from ctoprep.core.scoring.models import GroupScore, SkillScore, SkillStatus


@value_class(slots=False)  # no slots: the results are cached_property
class ScoreReport(Value):
    """The scores of one assessment.

    Scoring runs on every re-rating, so the report keeps what the one pass over the ratings found
    (each skill's level, status and evidence, and each area's sums) and builds the result objects
    (:attr:`skills`, :attr:`areas`, the roll-ups) the first time they are read: a screen that shows the
    areas never pays for 77 skill objects, and one that shows nothing pays for none.
    """

    framework: Framework = field(repr=False)
    assessment: Assessment = field(repr=False)
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
            SkillScore(
                skill_id=skill.id,
                area_id=skill.area_id,
                level=level,
                score=None if level is None else (level - scale_min) / span * 100.0,
                status=status,
                has_evidence=has_evidence,
            )
            for skill, level, status, has_evidence in zip(
                self.framework.skills, self.levels, self.statuses, self.evidence, strict=True
            )
        )

    @cached_property
    def _areas(self) -> AreaGroups:
        with_evidence: list[int] = []
        position = 0
        for area in self.framework.areas:
            with_evidence.append(sum(self.evidence[position : position + len(area.skills)]))
            position += len(area.skills)
        return area_groups(
            self.framework,
            [(rated, n, level_sum) for (rated, level_sum), n in zip(self.area_sums, with_evidence, strict=True)],
        )

    @cached_property
    def _groups(self) -> Groups:
        return roll_up(self.framework, self._areas.areas)

    @cached_property
    def areas(self) -> tuple[GroupScore, ...]:
        return tuple(self._areas.areas.values())

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
        return self._areas.overall

    @property
    def exam(self) -> GroupScore | None:
        """Blueprint-weighted mean of the area scores: the view the exam takes. None without a blueprint."""
        return self._groups.exam

    @cached_property
    def skill_by_id(self) -> dict[str, SkillScore]:
        return {s.skill_id: s for s in self.skills}

    @cached_property
    def area_by_id(self) -> dict[str, GroupScore]:
        return self._areas.areas

    def skill(self, skill_id: str) -> SkillScore:
        return self.skill_by_id[skill_id]

    def area(self, area_id: str) -> GroupScore:
        return self.area_by_id[area_id]
