"""The result models of gap analysis: a skill's gap, an area's gap, the rows they are built from."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from ctoprep.core.models.value import Value, value_class


class GapStatus(StrEnum):
    BELOW = "below"
    MET = "met"
    ABOVE = "above"
    NOT_RATED = "not-rated"


@value_class(slots=False)  # no slots: reason is a cached_property
class SkillGap(Value):
    """One skill against its target: where it stands, how far below it is, and how it ranks."""

    skill_id: str
    area_id: str
    title: str
    area_title: str
    index: int
    """Position of the skill in the framework: the tie-breaker that makes rankings stable."""
    current: int | None
    target_min: int
    target_max: int
    status: GapStatus
    gap: float
    """Scale steps below ``target_min`` (0 unless ``status`` is below)."""
    excess: float
    """Scale steps above ``target_max`` (0 unless ``status`` is above)."""
    importance: float
    exam_weight: float | None
    """The area's percent of the exam, or None without a blueprint."""
    exam_factor: float
    adjustment: float
    priority: float
    value_per_step: float
    """What closing one step of this gap is worth: ``priority / gap`` (also defined when the gap is 0)."""

    @cached_property
    def reason(self) -> str:
        """The priority explained, e.g. "Multi-year plan (Strategic Planning): 2 levels below target
        (now 1, target 3), 15% of the exam, importance 1.5". Built when first read: most are never shown."""
        target = target_text(self.target_min, self.target_max)
        if self.status is GapStatus.NOT_RATED:
            return f"{self.title}: not yet rated (target {target})"
        if self.status is GapStatus.MET:
            return f"{self.title}: on target (now {self.current})"
        if self.status is GapStatus.ABOVE:
            return (
                f"{self.title} ({self.area_title}): {levels_word(self.excess)} above target "
                f"(now {self.current}, target {target})"
            )
        return (
            f"{self.title} ({self.area_title}): {levels_word(self.gap)} below target "
            f"(now {self.current}, target {target}){exam_text(self.exam_weight)}"
            + (f", importance {self.importance:g}" if self.importance != 1 else "")
            + (f", weighted x{self.adjustment:g} by practice results" if self.adjustment != 1 else "")
        )

    @property
    def priority_text(self) -> str:
        """What the priority figure is made of, e.g. "priority 225 = 3 levels x 75 a level (importance 2.4,
        exam x1.25)"."""
        parts = [f"importance {self.importance:g}"]
        if self.exam_weight is not None:
            parts.append(f"exam x{self.exam_factor:.2f}")
        if self.adjustment != 1:
            parts.append(f"practice x{self.adjustment:g}")
        return (
            f"priority {self.priority:.0f} = {levels_word(self.gap)} x {self.value_per_step:.0f} a level "
            f"({', '.join(parts)})"
        )


@value_class
class AreaGap(Value):
    """One area against its targets: its mean rated level and score beside the mean target of its skills."""

    area_id: str
    title: str
    index: int
    current: float | None
    """Mean rated level in the area."""
    current_score: float | None
    target: float | None
    """Mean target (its ``min``) over the area's targeted skills."""
    target_score: float | None
    gap: float
    """Mean shortfall in steps over the area's rated, targeted skills."""
    targeted: int
    below: int
    met: int
    above: int
    not_rated: int
    importance: float
    exam_weight: float | None
    exam_factor: float
    adjustment: float
    priority: float
    reliable: bool
    reason: str


class GapRow(NamedTuple):
    """What the one pass found for one targeted skill; :class:`SkillGap` is built from it when read."""

    position: int
    """Position of the skill in the framework."""
    area_index: int
    level: int | None
    status: GapStatus
    gap: float
    excess: float
    per_step: float


class AreaSums(NamedTuple):
    """What the one pass found for one area; :class:`AreaGap` is built from it when read."""

    factor: float
    adjustment: float
    weight: float | None
    targeted: int
    below: int
    met: int
    above: int
    not_rated: int
    shortfall: float
    importance_sum: float
    target_sum: float

    @property
    def rated(self) -> int:
        """Targeted skills that are rated."""
        return self.targeted - self.not_rated

    @property
    def mean_gap(self) -> float:
        """The area's gap: the mean shortfall in steps over its rated, targeted skills."""
        return self.shortfall / self.rated if self.rated else 0.0


def levels_word(steps: float) -> str:
    text = f"{steps:.1f}".rstrip("0").rstrip(".")
    return f"{text} level" + ("" if text == "1" else "s")


def target_text(lo: int, hi: int) -> str:
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def exam_text(weight: float | None) -> str:
    if weight is None:
        return ""
    if weight == 0:
        return ", not on the exam"
    return f", {weight:g}% of the exam"
