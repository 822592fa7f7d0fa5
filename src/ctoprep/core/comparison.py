"""Self-ratings beside a mentor's ratings: per skill and area, blind spots, hidden strengths, agreement.

Self and mentor ratings are kept side by side and never averaged into one number. Differences are
counted in steps of the framework's scale (so any scale works), always as *self minus mentor*:

- a **blind spot** is a skill the person rates at least one step above the mentor;
- a **hidden strength** is one the person rates below the mentor;
- **agreement** is the same level from both.

Agreement over the skills both rated is Cohen's kappa with linear weights over the scale's ``k``
levels (``docs/mentoring.md`` has the worked example)::

    w[i][j]  = 1 - |i - j| / (k - 1)                 # 1 for the same level, 0 for opposite ends of the scale
    p_o      = sum_ij w[i][j] * n[i][j] / n           # weighted observed agreement
    p_e      = sum_ij w[i][j] * r[i] * c[j] / n**2    # what the raters' own level mixes give by chance
    kappa    = (p_o - p_e) / (1 - p_e)                 # undefined when p_e == 1

``n[i][j]`` counts skills the person rated at step ``i`` and the mentor at step ``j``; ``r`` and
``c`` are its row and column sums. The plain-words reading uses the Landis & Koch (1977) bands.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from ctoprep.core.models.assessment import Assessment, Confidence
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError, Problem

SMALL_SAMPLE = 10
"""Below this many skills rated by both, the reading says to treat kappa as a first impression."""

BANDS: tuple[tuple[float, str], ...] = (
    (0.0, "poor"),
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.00, "almost perfect"),
)
"""Landis & Koch (1977): kappa below 0 is poor, up to .20 slight, .40 fair, .60 moderate, .80 substantial."""


class ComparisonModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class PairKind(StrEnum):
    AGREE = "agree"
    BLIND_SPOT = "blind-spot"
    """Self at least one step above the mentor."""
    HIDDEN_STRENGTH = "hidden-strength"
    """Self below the mentor."""
    SELF_ONLY = "self-only"
    MENTOR_ONLY = "mentor-only"
    NEITHER = "neither"


class SkillPair(ComparisonModel):
    skill_id: str
    area_id: str
    title: str
    area_title: str
    index: int
    self_level: int | None
    mentor_level: int | None
    difference: int | None
    """Self minus mentor, in scale steps; None unless both rated."""
    kind: PairKind
    self_evidence: str
    mentor_evidence: str
    self_confidence: Confidence | None
    mentor_confidence: Confidence | None

    @property
    def both_rated(self) -> bool:
        return self.difference is not None


class AreaComparison(ComparisonModel):
    area_id: str
    title: str
    index: int
    total: int
    both_rated: int
    self_rated: int
    mentor_rated: int
    self_mean: float | None
    """Mean self level over the skills both rated (so the two means compare like with like)."""
    mentor_mean: float | None
    """Mean mentor level over the same skills."""
    mean_difference: float | None
    """Mean of self minus mentor, in scale steps, over the skills both rated."""
    agree: int
    blind_spots: int
    hidden_strengths: int
    reading: str


class Agreement(ComparisonModel):
    both_rated: int
    levels: int
    matrix: tuple[tuple[int, ...], ...]
    """``matrix[i][j]``: skills rated at step ``i`` by self and step ``j`` by the mentor."""
    exact: int
    within_one: int
    observed: float | None
    expected: float | None
    kappa: float | None
    """Linear-weighted Cohen's kappa; None when nothing is rated by both or it is undefined."""
    band: str
    """Landis & Koch band of kappa (rounded to two places), or '' when kappa is None."""
    mean_difference: float | None
    """Mean of self minus mentor, in steps: above 0, the person rates themselves higher."""
    reading: str

    @property
    def exact_share(self) -> float | None:
        return self.exact / self.both_rated if self.both_rated else None

    @property
    def within_one_share(self) -> float | None:
        return self.within_one / self.both_rated if self.both_rated else None


class Comparison(ComparisonModel):
    framework_id: str
    framework_version: str
    scale_values: tuple[int, ...]
    person: str
    mentor: str
    self_assessment_id: str
    mentor_assessment_id: str
    skills: tuple[SkillPair, ...]
    """Every skill of the framework, in framework order."""
    areas: tuple[AreaComparison, ...]
    agreement: Agreement

    @cached_property
    def skill_by_id(self) -> dict[str, SkillPair]:
        return {p.skill_id: p for p in self.skills}

    @cached_property
    def blind_spots(self) -> tuple[SkillPair, ...]:
        """Largest gap between self and mentor first, then framework order."""
        return tuple(
            sorted(
                (p for p in self.skills if p.kind is PairKind.BLIND_SPOT),
                key=lambda p: (-(p.difference or 0), p.index),
            )
        )

    @cached_property
    def hidden_strengths(self) -> tuple[SkillPair, ...]:
        return tuple(
            sorted(
                (p for p in self.skills if p.kind is PairKind.HIDDEN_STRENGTH),
                key=lambda p: (p.difference or 0, p.index),
            )
        )

    @cached_property
    def agreed(self) -> tuple[SkillPair, ...]:
        return tuple(p for p in self.skills if p.kind is PairKind.AGREE)


# the statistic --------------------------------------------------------------------------------


def weighted_kappa(matrix: list[list[int]]) -> tuple[float | None, float | None, float | None]:
    """Linear-weighted Cohen's kappa of a ``k`` x ``k`` count matrix: (kappa, p_o, p_e).

    Returns (None, None, None) for an empty matrix and kappa None when ``p_e`` is 1 (both raters
    used one and the same level for everything: chance alone explains the agreement).
    """
    k = len(matrix)
    n = sum(sum(row) for row in matrix)
    if n == 0 or k < 2:
        return None, None, None
    rows = [sum(row) for row in matrix]
    cols = [sum(matrix[i][j] for i in range(k)) for j in range(k)]

    def weight(i: int, j: int) -> float:
        return 1.0 - abs(i - j) / (k - 1)

    observed = sum(weight(i, j) * matrix[i][j] for i in range(k) for j in range(k)) / n
    expected = sum(weight(i, j) * rows[i] * cols[j] for i in range(k) for j in range(k)) / (n * n)
    if 1.0 - expected < 1e-12:
        return None, observed, expected
    return (observed - expected) / (1.0 - expected), observed, expected


def kappa_band(kappa: float | None) -> str:
    """The Landis & Koch band for a kappa (judged on its value rounded to two places, as shown)."""
    if kappa is None:
        return ""
    shown = round(kappa, 2)
    if shown < 0:
        return "poor"
    for upper, name in BANDS[1:]:
        if shown <= upper:
            return name
    return BANDS[-1][1]


def _steps_word(value: float) -> str:
    text = f"{abs(value):.1f}".rstrip("0").rstrip(".")
    return f"{text} level" + ("" if text == "1" else "s")


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole * 100:.0f}%)" if whole else "none"


def _agreement_reading(
    n: int,
    kappa: float | None,
    band: str,
    exact: int,
    within_one: int,
    mean_diff: float | None,
    spots: int,
    hidden: int,
) -> str:
    if n == 0:
        return "No skill is rated by both the person and the mentor yet, so there is nothing to compare."
    if kappa is None:
        head = (
            f"Agreement cannot be measured beyond chance: over the {n} skill(s) rated by both, each of you "
            "used one and the same level for everything."
        )
    else:
        head = f"{band.capitalize()} agreement (weighted kappa {kappa:.2f} over {n} skill(s) rated by both)."
    parts = [head, f"Same level on {_share(exact, n)}; within one level on {_share(within_one, n)}."]
    if mean_diff is not None and abs(mean_diff) >= 0.05:
        direction = "above" if mean_diff > 0 else "below"
        parts.append(f"On average the self-ratings are {_steps_word(mean_diff)} {direction} the mentor's.")
    elif mean_diff is not None:
        parts.append("On average the self-ratings and the mentor's are level.")
    parts.append(
        f"{spots} blind spot(s) (rated higher by self) and {hidden} hidden strength(s) (rated higher by the mentor)."
    )
    if n < SMALL_SAMPLE:
        parts.append(f"With fewer than {SMALL_SAMPLE} skills rated by both, read this as a first impression.")
    return " ".join(parts)


def _area_reading(title: str, both: int, mean_diff: float | None, spots: int, hidden: int) -> str:
    if both == 0:
        return f"{title}: no skill rated by both"
    if mean_diff is None or abs(mean_diff) < 0.05:
        lean = "self and mentor level on average"
    elif mean_diff > 0:
        lean = f"self {_steps_word(mean_diff)} above the mentor on average"
    else:
        lean = f"self {_steps_word(mean_diff)} below the mentor on average"
    return f"{title}: {lean} ({spots} blind spot(s), {hidden} hidden strength(s) in {both} skill(s))"


# the comparison -------------------------------------------------------------------------------


def compare(framework: Framework, self_assessment: Assessment, mentor_assessment: Assessment) -> Comparison:
    """Compare one person's self-ratings with a mentor's ratings of them, skill by skill.

    Levels that are not on the framework's scale count as not rated; ratings of skills the
    framework does not have are ignored (``map_to_framework`` reports both at the trust boundary).

    Raises:
        ContentError: either assessment is for another framework.
    """
    for label, a in (("self-assessment", self_assessment), ("mentor's assessment", mentor_assessment)):
        if a.framework.id != framework.id:
            raise ContentError(
                [Problem(a.id, f"the {label} is for framework {a.framework.id!r}, not {framework.id!r}")]
            )
    values = framework.scale.values
    step_of = {v: i for i, v in enumerate(values)}
    k = len(values)
    matrix = [[0] * k for _ in range(k)]

    def level(a: Assessment, skill_id: str) -> int | None:
        rating = a.ratings.get(skill_id)
        if rating is None or rating.level is None or rating.level not in step_of:
            return None
        return rating.level

    pairs: list[SkillPair] = []
    areas: list[AreaComparison] = []
    index = 0
    diffs: list[int] = []
    for area_index, area in enumerate(framework.areas):
        area_pairs: list[SkillPair] = []
        for skill in area.skills:
            s_level, m_level = level(self_assessment, skill.id), level(mentor_assessment, skill.id)
            s_rating, m_rating = self_assessment.ratings.get(skill.id), mentor_assessment.ratings.get(skill.id)
            difference: int | None = None
            if s_level is not None and m_level is not None:
                i, j = step_of[s_level], step_of[m_level]
                matrix[i][j] += 1
                difference = i - j
                kind = PairKind.AGREE if i == j else (PairKind.BLIND_SPOT if i > j else PairKind.HIDDEN_STRENGTH)
            elif s_level is not None:
                kind = PairKind.SELF_ONLY
            elif m_level is not None:
                kind = PairKind.MENTOR_ONLY
            else:
                kind = PairKind.NEITHER
            pair = SkillPair.model_construct(
                skill_id=skill.id,
                area_id=area.id,
                title=skill.title,
                area_title=area.title,
                index=index,
                self_level=s_level,
                mentor_level=m_level,
                difference=difference,
                kind=kind,
                self_evidence=s_rating.evidence if s_rating else "",
                mentor_evidence=m_rating.evidence if m_rating else "",
                self_confidence=s_rating.confidence if s_rating else None,
                mentor_confidence=m_rating.confidence if m_rating else None,
            )
            index += 1
            area_pairs.append(pair)
            if difference is not None:
                diffs.append(difference)
        both = [p for p in area_pairs if p.difference is not None]
        spots = sum(p.kind is PairKind.BLIND_SPOT for p in both)
        hidden = sum(p.kind is PairKind.HIDDEN_STRENGTH for p in both)
        mean_diff = sum(p.difference for p in both) / len(both) if both else None  # type: ignore[misc]
        areas.append(
            AreaComparison.model_construct(
                area_id=area.id,
                title=area.title,
                index=area_index,
                total=len(area.skills),
                both_rated=len(both),
                self_rated=sum(p.self_level is not None for p in area_pairs),
                mentor_rated=sum(p.mentor_level is not None for p in area_pairs),
                self_mean=sum(p.self_level for p in both) / len(both) if both else None,  # type: ignore[misc]
                mentor_mean=sum(p.mentor_level for p in both) / len(both) if both else None,  # type: ignore[misc]
                mean_difference=mean_diff,
                agree=sum(p.kind is PairKind.AGREE for p in both),
                blind_spots=spots,
                hidden_strengths=hidden,
                reading=_area_reading(area.title, len(both), mean_diff, spots, hidden),
            )
        )
        pairs.extend(area_pairs)

    kappa, observed, expected = weighted_kappa(matrix)
    n = len(diffs)
    exact = sum(d == 0 for d in diffs)
    within_one = sum(abs(d) <= 1 for d in diffs)
    mean_difference = sum(diffs) / n if n else None
    band = kappa_band(kappa)
    spots = sum(d > 0 for d in diffs)
    hidden = sum(d < 0 for d in diffs)
    agreement = Agreement.model_construct(
        both_rated=n,
        levels=k,
        matrix=tuple(tuple(row) for row in matrix),
        exact=exact,
        within_one=within_one,
        observed=observed,
        expected=expected,
        kappa=kappa,
        band=band,
        mean_difference=mean_difference,
        reading=_agreement_reading(n, kappa, band, exact, within_one, mean_difference, spots, hidden),
    )
    return Comparison.model_construct(
        framework_id=framework.id,
        framework_version=framework.version,
        scale_values=values,
        person=self_assessment.person,
        mentor=mentor_assessment.rater.name,
        self_assessment_id=self_assessment.id,
        mentor_assessment_id=mentor_assessment.id,
        skills=tuple(pairs),
        areas=tuple(areas),
        agreement=agreement,
    )
