"""Practice: mock-exam forms drawn to the blueprint, drills, scoring attempts, and our scaled estimate.

Everything here is deterministic for a given seed, so a form can be rebuilt from its seed and a
resumed attempt shows the same items in the same order.

At about 430 lines it stays whole: drawing a form, scoring an attempt and the scaled estimate share the
blueprint arithmetic; review scheduling and calibration are already their own modules.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ctoprep.core.problems import ContentError, Problem

if TYPE_CHECKING:
    from ctoprep.core.gaps import GapReport
    from ctoprep.core.models.framework import Blueprint, Framework
    from ctoprep.core.models.questions import Question, QuestionBank  # pydantic: only where a bank is loaded

ASSUMED_CUT = 0.60
"""Share of items correct that we map to the pass mark. CoSN does not publish how raw scores
become scaled scores; this is our assumption, stated wherever the estimate is shown. It was 70% on the
old, easy bank and 65% after the first rewrite; on the bank as it now is, three standard-setting judges
(a modified Angoff rating of 180 random items) put the probability that a minimally qualified candidate
answers correctly at 0.60 on average, so the pass mark is placed at 60% (docs/practice.md)."""
MIN_ANSWERS_FOR_VERDICT = 150
"""Answers needed before we say 'ready' or 'not yet' at all."""
MIN_MOCKS_FOR_READY = 2
READY_MARGIN_SHARE = 0.025
"""Margin above the pass mark, as a share of the score range (20 points on 0–800), that recent mock
exams must reach for 'ready': our estimate has an error band, so scraping the line is not enough."""


class Mode(StrEnum):
    MOCK = "mock"
    DRILL = "drill"
    WEAK = "weak"
    REVIEW = "review"


def area_item_counts(blueprint: Blueprint, item_count: int | None = None) -> dict[str, int]:
    """Items per area for a form: weights × item count, rounded by largest remainder to sum exactly."""
    total = blueprint.item_count if item_count is None else item_count
    weights = blueprint.area_weights
    weight_sum = sum(weights.values())
    exact = {a: total * w / weight_sum for a, w in weights.items()}
    counts = {a: math.floor(x) for a, x in exact.items()}
    short = total - sum(counts.values())
    order = sorted(weights, key=lambda a: (-(exact[a] - counts[a]), -weights[a], a))
    for a in order[:short]:
        counts[a] += 1
    return counts


def difficulty_targets(mix: Sequence[float] | None, n: int) -> dict[int, int]:
    """How many of ``n`` items should be at difficulty 1, 2 and 3 (largest remainder)."""
    if not mix or n == 0:
        return {}
    exact = {d + 1: n * share / sum(mix) for d, share in enumerate(mix)}
    counts = {d: math.floor(x) for d, x in exact.items()}
    for d in sorted(exact, key=lambda d: -(exact[d] - counts[d]))[: n - sum(counts.values())]:
        counts[d] += 1
    return counts


def _pick(
    pool: list[Question], n: int, seen: Collection[str], mix: Sequence[float] | None, rng: random.Random
) -> list[Question]:
    """``n`` questions from ``pool``: unseen before seen, the difficulty mix where possible, skills spread."""
    fresh = [q for q in pool if q.id not in seen]
    stale = [q for q in pool if q.id in seen]
    rng.shuffle(fresh)
    rng.shuffle(stale)
    chosen: list[Question] = []
    targets = difficulty_targets(mix, n)
    # first pass: meet the difficulty targets from fresh items, spreading over skills
    if targets:
        for difficulty, wanted in sorted(targets.items()):
            candidates = [q for q in fresh if q.difficulty == difficulty and q not in chosen]
            chosen.extend(_spread(candidates, wanted, chosen))
    # then fill from fresh items, then from items already seen
    for source in (fresh, stale):
        if len(chosen) >= n:
            break
        rest = [q for q in source if q not in chosen]
        chosen.extend(_spread(rest, n - len(chosen), chosen))
    return chosen[:n]


def _spread(candidates: list[Question], wanted: int, already: list[Question]) -> list[Question]:
    """Take ``wanted`` candidates preferring skills that are least represented so far (stable order)."""
    used = Counter(q.primary_skill for q in already)
    out: list[Question] = []
    remaining = list(candidates)
    while remaining and len(out) < wanted:
        best = min(range(len(remaining)), key=lambda i: (used[remaining[i].primary_skill], i))
        q = remaining.pop(best)
        used[q.primary_skill] += 1
        out.append(q)
    return out


def assemble_mock(
    framework: Framework,
    bank: QuestionBank,
    *,
    seen: Collection[str] = (),
    seed: int = 0,
    item_count: int | None = None,
) -> list[str]:
    """A full mock-exam form: items per area exactly as the blueprint says, unseen items first.

    Raises:
        ContentError: the framework has no blueprint, or an area has too few questions for one form.
    """
    blueprint = framework.blueprint
    if blueprint is None:
        raise ContentError(
            [
                Problem(
                    framework.id,
                    "this framework has no exam blueprint, so there is no mock exam",
                    hint="use a drill instead",
                )
            ]
        )
    counts = area_item_counts(blueprint, item_count)
    by_area: dict[str, list[Question]] = defaultdict(list)
    for q in bank.questions:
        by_area[bank.area_of_question[q.id]].append(q)
    short = [
        f"{framework.area_by_id[a].title} ({len(by_area[a])} of {n})" for a, n in counts.items() if len(by_area[a]) < n
    ]
    if short:
        raise ContentError(
            [
                Problem(
                    framework.id,
                    "the question bank is too small for a full mock exam: " + ", ".join(short),
                    hint="try a shorter form with --count, or a drill",
                )
            ]
        )
    rng = random.Random(seed)
    form: list[Question] = []
    for area in framework.areas:  # framework order, then shuffled as a whole
        n = counts.get(area.id, 0)
        if n:
            form.extend(_pick(by_area[area.id], n, seen, blueprint.difficulty_mix, rng))
    rng.shuffle(form)
    return [q.id for q in form]


def assemble_drill(
    bank: QuestionBank, area_ids: Collection[str], count: int, *, seen: Collection[str] = (), seed: int = 0
) -> list[str]:
    """``count`` questions from the chosen areas (all areas when empty), unseen first, skills spread."""
    pool = [q for q in bank.questions if not area_ids or bank.area_of_question[q.id] in area_ids]
    rng = random.Random(seed)
    chosen = _pick(pool, min(count, len(pool)), seen, None, rng)
    rng.shuffle(chosen)
    return [q.id for q in chosen]


# scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupResult:
    id: str
    title: str
    correct: int
    answered: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if self.total == 0 else self.correct / self.total * 100


@dataclass(frozen=True)
class ItemResult:
    question_id: str
    area_id: str
    chosen: int | None
    key: int
    flagged: bool = False

    @property
    def correct(self) -> bool:
        return self.chosen == self.key


@dataclass(frozen=True)
class AttemptResult:
    items: tuple[ItemResult, ...]
    areas: tuple[GroupResult, ...]
    content_areas: tuple[GroupResult, ...]
    correct: int
    answered: int
    total: int
    scaled: int | None
    """Our estimate on the blueprint's scale; None without a blueprint."""
    passed: bool | None
    score_min: int = 0
    score_max: int = 0
    pass_score: int = 0

    @property
    def percent(self) -> float:
        return self.correct / self.total * 100 if self.total else 0.0


def estimate_scaled(share_correct: float, blueprint: Blueprint, cut: float = ASSUMED_CUT) -> int:
    """Our estimate of a scaled score: piecewise linear through (0, min), (cut, pass) and (1, max).

    Monotone non-decreasing in the share correct. Not CoSN's scale: CoSN equates forms by
    psychometric methods it does not publish; see docs/scoring.md.
    """
    share = min(1.0, max(0.0, share_correct))
    low, mid, high = blueprint.score_min, blueprint.pass_score, blueprint.score_max
    if share <= cut:
        return round(low + (mid - low) * share / cut)
    return round(mid + (high - mid) * (share - cut) / (1 - cut))


def score_attempt(
    framework: Framework,
    bank: QuestionBank,
    question_ids: Sequence[str],
    answers: Mapping[int, int | None],
    flagged: Collection[int] = (),
) -> AttemptResult:
    """Score an attempt: ``answers`` maps a position in ``question_ids`` to the chosen option (0-based)."""
    by_id = bank.by_id()
    items = []
    for pos, qid in enumerate(question_ids):
        q = by_id.get(qid)
        if q is None:  # the bank changed since the attempt: the item cannot be scored
            continue
        items.append(ItemResult(qid, bank.area_of_question[qid], answers.get(pos), q.key_index, pos in flagged))
    area_rows = []
    for area in framework.areas:
        mine = [i for i in items if i.area_id == area.id]
        if mine:
            area_rows.append(
                GroupResult(
                    area.id,
                    area.title,
                    sum(i.correct for i in mine),
                    sum(i.chosen is not None for i in mine),
                    len(mine),
                )
            )
    content_rows = []
    blueprint = framework.blueprint
    if blueprint is not None:
        for ca in blueprint.content_areas:
            mine = [i for i in items if i.area_id in ca.weights]
            content_rows.append(
                GroupResult(
                    ca.id, ca.title, sum(i.correct for i in mine), sum(i.chosen is not None for i in mine), len(mine)
                )
            )
    correct = sum(i.correct for i in items)
    total = len(items)
    scaled = estimate_scaled(correct / total, blueprint) if blueprint is not None and total else None
    return AttemptResult(
        items=tuple(items),
        areas=tuple(area_rows),
        content_areas=tuple(content_rows),
        correct=correct,
        answered=sum(i.chosen is not None for i in items),
        total=total,
        scaled=scaled,
        passed=None if scaled is None or blueprint is None else scaled >= blueprint.pass_score,
        score_min=blueprint.score_min if blueprint else 0,
        score_max=blueprint.score_max if blueprint else 0,
        pass_score=blueprint.pass_score if blueprint else 0,
    )


# progress over time -------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRecord:
    """One answered item from any attempt (what accuracy and readiness are computed from)."""

    question_id: str
    area_id: str
    correct: bool


@dataclass(frozen=True)
class Readiness:
    verdict: str
    """'ready', 'not yet' or 'too early to say'."""
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AreaAccuracy:
    area_id: str
    title: str
    correct: int
    answered: int

    @property
    def percent(self) -> float | None:
        return None if self.answered == 0 else self.correct / self.answered * 100


def accuracy_by_area(framework: Framework, answers: Iterable[AnswerRecord]) -> dict[str, AreaAccuracy]:
    tally: dict[str, list[int]] = {a.id: [0, 0] for a in framework.areas}
    for record in answers:
        if record.area_id in tally:
            tally[record.area_id][0] += record.correct
            tally[record.area_id][1] += 1
    return {a.id: AreaAccuracy(a.id, a.title, *tally[a.id]) for a in framework.areas}


def readiness(
    framework: Framework, mock_scaled: Sequence[int], answers: Sequence[AnswerRecord], *, cut: float = ASSUMED_CUT
) -> Readiness:
    """A verdict with its reasons; never a verdict from too few answers."""
    blueprint = framework.blueprint
    if blueprint is None:
        return Readiness("too early to say", ("this framework has no exam blueprint",))
    if len(answers) < MIN_ANSWERS_FOR_VERDICT or len(mock_scaled) < MIN_MOCKS_FOR_READY:
        return Readiness(
            "too early to say",
            (
                f"{len(answers)} answers and {len(mock_scaled)} mock exam(s) so far; a verdict needs at least "
                f"{MIN_ANSWERS_FOR_VERDICT} answers and {MIN_MOCKS_FOR_READY} mock exams",
            ),
        )
    reasons: list[str] = []
    recent = list(mock_scaled[-MIN_MOCKS_FOR_READY:])
    margin = round((blueprint.score_max - blueprint.score_min) * READY_MARGIN_SHARE)
    need = blueprint.pass_score + margin
    ok = True
    if min(recent) >= need:
        reasons.append(
            f"your last {len(recent)} mock exams were estimated at {', '.join(map(str, recent))}, "
            f"at least {margin} above the {blueprint.pass_score} line"
        )
    else:
        ok = False
        reasons.append(
            f"your last {len(recent)} mock exams were estimated at {', '.join(map(str, recent))}; "
            f"we look for {need} or more on both"
        )
    accuracy = accuracy_by_area(framework, answers)
    for ca in blueprint.content_areas:
        right = sum(accuracy[a].correct for a in ca.weights)
        asked = sum(accuracy[a].answered for a in ca.weights)
        if asked and right / asked < cut:
            ok = False
            reasons.append(
                f"{ca.title}: {right / asked:.0%} correct in practice, below the {cut:.0%} we map to the pass mark"
            )
    return Readiness("ready" if ok else "not yet", tuple(reasons))


@dataclass(frozen=True)
class WeakSpot:
    question_id: str
    reason: str
    priority: float


@dataclass(frozen=True)
class WeakSpotInputs:
    area_priority: Mapping[str, float] = field(default_factory=dict)
    """Area id -> gap priority from the assessment (0 when no gap)."""
    area_reason: Mapping[str, str] = field(default_factory=dict)
    accuracy: Mapping[str, AreaAccuracy] = field(default_factory=dict)
    due: Collection[str] = ()
    """Question ids due for review."""


def weak_spot_inputs(
    gaps: GapReport | None, accuracy: Mapping[str, AreaAccuracy], due: Collection[str] = ()
) -> WeakSpotInputs:
    """What :func:`choose_weak_spots` weighs: each area's gap priority and a short reason for it.

    Only areas below target get a reason ("Data Management: 2 levels below target"); the accuracy
    part of the reason ("45% correct so far") is added per question by :func:`choose_weak_spots`.
    """
    priority: dict[str, float] = {}
    reason: dict[str, str] = {}
    for area in gaps.areas if gaps is not None else ():
        priority[area.area_id] = area.priority
        if area.gap > 0:
            steps = f"{area.gap:.1f}".rstrip("0").rstrip(".")
            reason[area.area_id] = f"{area.title}: {steps} level{'' if steps == '1' else 's'} below target"
    return WeakSpotInputs(area_priority=priority, area_reason=reason, accuracy=dict(accuracy), due=tuple(due))


def choose_weak_spots(
    bank: QuestionBank, inputs: WeakSpotInputs, count: int, *, seen: Collection[str] = (), seed: int = 0
) -> list[WeakSpot]:
    """Questions aimed at weak spots: due reviews first, then areas by gap priority and low accuracy."""
    rng = random.Random(seed)
    scored: list[tuple[float, float, str, str]] = []
    max_priority = max(inputs.area_priority.values(), default=0.0) or 1.0
    for q in bank.questions:
        area = bank.area_of_question[q.id]
        gap_part = inputs.area_priority.get(area, 0.0) / max_priority
        acc = inputs.accuracy.get(area)
        pct = acc.percent if acc is not None else None
        acc_part = 0.5 if pct is None else (100 - pct) / 100
        due = q.id in inputs.due
        priority = (2.0 if due else 0.0) + gap_part + acc_part + (0.2 if q.id not in seen else 0.0)
        bits = []
        if due:
            bits.append("due for review")
        if inputs.area_reason.get(area):
            bits.append(inputs.area_reason[area])
        if pct is not None:
            bits.append(f"{pct:.0f}% correct so far")
        scored.append((-priority, rng.random(), q.id, "; ".join(bits) or "not practised yet"))
    scored.sort()
    return [WeakSpot(qid, reason, -p) for p, _, qid, reason in scored[:count]]
