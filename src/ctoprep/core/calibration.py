"""Self-rating calibration: per area, how the self-rated level compares with practice accuracy.

Both are put on 0–100: the area's self-assessment score, and the share of practice questions on
the area answered correctly. Over-confident areas (rated high, answered poorly) weigh more in gap
priorities and the PD plan through :func:`gap_adjustments`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ctoprep.core.practice import AreaAccuracy
from ctoprep.core.scoring import ScoreReport

MIN_ANSWERS = 8
"""Practice answers needed in an area before we judge its calibration."""
THRESHOLD = 25.0
"""Points on 0–100 between self-rating and accuracy beyond which an area is mis-calibrated."""
OVER_CONFIDENT_WEIGHT = 1.25
UNDER_CONFIDENT_WEIGHT = 0.9


class Calibration(StrEnum):
    OVER = "over-confident"
    UNDER = "under-confident"
    CALIBRATED = "calibrated"
    UNKNOWN = "not enough data"


@dataclass(frozen=True)
class AreaCalibration:
    area_id: str
    title: str
    self_score: float | None
    accuracy: float | None
    answered: int
    kind: Calibration

    @property
    def difference(self) -> float | None:
        if self.self_score is None or self.accuracy is None:
            return None
        return self.self_score - self.accuracy

    @property
    def reason(self) -> str:
        if self.kind is Calibration.UNKNOWN:
            return f"{self.title}: {self.answered} practice answers; {MIN_ANSWERS} needed to compare"
        return (
            f"{self.title}: self-rated {self.self_score:.0f}/100, {self.accuracy:.0f}% correct in practice "
            f"({self.kind.value})"
        )


def calibrate(report: ScoreReport, accuracy: Mapping[str, AreaAccuracy]) -> list[AreaCalibration]:
    out = []
    for area in report.areas:
        acc = accuracy.get(area.id)
        answered = acc.answered if acc else 0
        pct = acc.percent if acc else None
        if area.score is None or pct is None or answered < MIN_ANSWERS:
            kind = Calibration.UNKNOWN
        elif area.score - pct >= THRESHOLD:
            kind = Calibration.OVER
        elif pct - area.score >= THRESHOLD:
            kind = Calibration.UNDER
        else:
            kind = Calibration.CALIBRATED
        out.append(AreaCalibration(area.id, area.title, area.score, pct, answered, kind))
    return out


def gap_adjustments(calibrations: list[AreaCalibration]) -> dict[str, float]:
    """Per-area multipliers for :func:`ctoprep.core.gaps.find_gaps` (``adjustments=``)."""
    weights = {Calibration.OVER: OVER_CONFIDENT_WEIGHT, Calibration.UNDER: UNDER_CONFIDENT_WEIGHT}
    return {c.area_id: weights[c.kind] for c in calibrations if c.kind in weights}
