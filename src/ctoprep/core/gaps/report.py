"""The gap report: the one pass's findings, and the result objects built from them when read."""

from __future__ import annotations

import heapq
from dataclasses import field
from functools import cached_property

from ctoprep.core.gaps.models import AreaGap, AreaSums, GapRow, GapStatus, SkillGap, exam_text, levels_word
from ctoprep.core.gaps.plan import gap_plan
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.value import Value, value_class
from ctoprep.core.scoring import ScoreReport


@value_class(slots=False)  # no slots: the results are cached_property
class GapReport(Value):
    """Gaps and strengths of one assessment against one profile.

    Gap analysis runs on every re-rating. The one pass keeps, for each targeted skill, where its level
    stands against the target (:attr:`standing`); the rows, the area sums and the result objects are
    built from that the first time they are read, and :meth:`top` ranks only the few it is asked for.
    """

    scores: ScoreReport = field(repr=False)
    profile: Profile = field(repr=False)
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
        return (self._decoded if "_decoded" in self.__dict__ else self._below_and_sums)[1]

    @property
    def below(self) -> tuple[GapRow, ...]:
        """The rows of skills below target, in framework order: what a cohort or a planner needs of
        the gaps, without building a row for every skill or any :class:`SkillGap` object."""
        if "_decoded" in self.__dict__:
            return tuple(r for r in self.rows if r.status is GapStatus.BELOW)
        return self._below_and_sums[0]

    @cached_property
    def _decoded(self) -> tuple[tuple[GapRow, ...], tuple[AreaSums, ...]]:
        return self._decode(every_row=True)

    @cached_property
    def _below_and_sums(self) -> tuple[tuple[GapRow, ...], tuple[AreaSums, ...]]:
        return self._decode(every_row=False)

    def _decode(self, *, every_row: bool) -> tuple[tuple[GapRow, ...], tuple[AreaSums, ...]]:
        """The rows (every one, or only those below target) and the area sums, from :attr:`standing`."""
        _, plan = gap_plan(self.framework, self.profile)
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
                if every_row or status is GapStatus.BELOW:
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
    return SkillGap(
        skill_id=skill.id,
        area_id=area.id,
        title=skill.title,
        area_title=area.title,
        index=row.position,
        current=row.level,
        target_min=target.min,
        target_max=target.max,
        status=row.status,
        gap=row.gap,
        excess=row.excess,
        importance=target.importance,
        exam_weight=sums.weight,
        exam_factor=sums.factor,
        adjustment=sums.adjustment,
        priority=row.gap * row.per_step,
        value_per_step=row.per_step,
    )


def _area_gaps(scores: ScoreReport, area_sums: tuple[AreaSums, ...]) -> tuple[AreaGap, ...]:
    framework = scores.framework
    scale = framework.scale
    steps_on_scale = len(scale.values) - 1
    out: list[AreaGap] = []
    for area_index, (area, sums) in enumerate(zip(framework.areas, area_sums, strict=True)):
        targeted, below = sums.targeted, sums.below
        rated = sums.rated
        area_score = scores.area_by_id[area.id]
        mean_gap = sums.mean_gap
        mean_importance = sums.importance_sum / rated if rated else 0.0
        target_mean = sums.target_sum / targeted if targeted else None
        if not targeted:
            reason = f"{area.title}: no target in this profile"
        elif not rated:
            reason = f"{area.title}: not yet rated"
        elif below:
            reason = (
                f"{area.title}: {levels_word(mean_gap)} below target on average "
                f"({below} of {rated} rated skills below){exam_text(sums.weight)}"
            )
        else:
            reason = f"{area.title}: on or above target in every rated skill"
        if targeted and area_score.reason:
            reason += f" ({area_score.reason})"
        area_scale = 100.0 / steps_on_scale * sums.factor * sums.adjustment
        out.append(
            AreaGap(
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
            )
        )
    return tuple(out)
