"""A cohort of mentees at a glance: areas x people, the gaps most of them share, and group activities.

Built from each member's latest self-assessment (as their packet carried it) with the core's own
rules: :func:`~ctoprep.core.scoring.score_assessment` for the heat map and
:func:`~ctoprep.core.gaps.find_gaps` against one target profile for the gaps. An activity *serves* a
member when it develops at least one skill the member is below target in; its value for the member is
the planner's objective for that activity alone (``docs/scoring.md``). The agenda picks activities one
at a time, each adding the most value to the cohort given the ones already picked (diminishing
returns per member and skill, as in the planner), so the sessions complement each other.

Names can be replaced for sharing: by initials (``JL``, ``JL2`` on a clash) or by stable codes
(``M-4KQX``), a keyed hash of the person's id (of the name, for packets from before ids) so that the
same person gets the same code every time the same mentor runs the cohort, and nobody without the key
can turn a code back into a name by guessing.

At about 480 lines this module stays whole: labels, the heat map, common gaps, reach and the agenda are
one computation over the same per-member gaps, and splitting it would pass those between modules.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.vocabulary import ActivityFormat
from ctoprep.core.planning import PROGRESS_BY_STRENGTH
from ctoprep.core.problems import Problem
from ctoprep.core.scoring import area_figures, score_assessment
from ctoprep.core.trusted import trusted

AGENDA_SIZE = 5
_EPS = 1e-9


class Anonymize(StrEnum):
    NONE = "none"
    INITIALS = "initials"
    CODES = "codes"


class CohortModel(BaseModel):
    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True)
class CohortEntry:
    """One member as read: the name on their packet, their assessment, where it came from, and the
    person's id when the packet carries one (names are labels; the id says who is who)."""

    name: str
    assessment: Assessment
    source: str = ""
    person_id: str | None = None

    @property
    def person_key(self) -> str:
        """Who this member is: the person's id, else (packets from before ids) the assessment's id."""
        return f"person:{self.person_id}" if self.person_id else f"assessment:{self.assessment.id}"


class HeatCell(CohortModel):
    area_id: str
    score: float | None
    """0–100 over the member's rated skills in the area, or None when none is rated."""
    mean_level: float | None
    gap: float
    """Mean shortfall in scale steps over the area's rated, targeted skills (0 when on target)."""
    below: int
    rated: int
    total: int
    reliable: bool


class MemberRow(CohortModel):
    label: str
    """The name, or its initials or code when anonymized."""
    source: str
    """The file the member came from ('' when anonymized: file names often carry names)."""
    overall: float | None
    rated: int
    total: int
    gaps: int
    """Skills below target."""
    cells: tuple[HeatCell, ...]
    """One per area, in framework order."""


class AreaSummary(CohortModel):
    area_id: str
    code: str
    title: str
    scored: int
    """Members with a score in the area."""
    mean_score: float | None
    lowest: float | None
    highest: float | None
    members_below: int
    """Members with at least one rated skill of the area below target."""


class CommonGap(CohortModel):
    skill_id: str
    title: str
    area_id: str
    area_title: str
    index: int
    members: int
    """Members below target in this skill."""
    share: float
    """... as a share of the cohort."""
    mean_gap: float
    """Mean shortfall in steps among those members."""
    total_priority: float
    labels: tuple[str, ...]


class ActivityReach(CohortModel):
    activity_id: str
    title: str
    format: ActivityFormat
    cost_usd: int
    hours: float
    members: int
    """Members it serves (develops at least one of their gaps)."""
    share: float
    labels: tuple[str, ...]
    skills: tuple[str, ...]
    """Skill ids it develops that at least one member is below target in, in framework order."""
    value: float
    """Sum over members of what it alone would close of their priority-weighted gaps."""
    added_value: float = 0.0
    """In the agenda: what it adds given the activities picked before it."""


class Cohort(CohortModel):
    framework_id: str
    framework_version: str
    profile_id: str
    profile_title: str
    anonymize: Anonymize
    members: tuple[MemberRow, ...]
    """Sorted by label."""
    areas: tuple[AreaSummary, ...]
    common_gaps: tuple[CommonGap, ...]
    """Skills with at least one member below target: most members first, then total priority."""
    activities: tuple[ActivityReach, ...]
    """Activities serving at least one member: most members first, then value, then cost."""
    agenda: tuple[ActivityReach, ...]
    """Up to :data:`AGENDA_SIZE` complementary activities for group sessions, in the order picked."""

    @property
    def size(self) -> int:
        return len(self.members)


# names -------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def initials(name: str) -> str:
    """``Jordan Lee`` -> ``JL``; ``Mary-Jane van der Berg`` -> ``MJB`` (first two and last words); '' -> '?'."""
    words = _WORD.findall(unicodedata.normalize("NFC", name))
    if not words:
        return "?"
    if len(words) > 3:
        words = [*words[:2], words[-1]]
    return "".join(w[0] for w in words).upper()


def member_code(key: str, salt: str, length: int = 4) -> str:
    """A stable code for a member: a keyed hash of ``key`` (the person's id, or for packets from before
    ids the folded name), ``M-`` + base32 letters."""
    digest = hmac.new(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).digest()
    return "M-" + base64.b32encode(digest).decode("ascii")[:length]


def _code_key(entry: CohortEntry) -> str:
    if entry.person_id:
        return f"person:{entry.person_id}"
    folded = " ".join(unicodedata.normalize("NFKC", entry.name).casefold().split())
    return folded or f"id:{entry.assessment.id}"


def member_labels(entries: Sequence[CohortEntry], mode: Anonymize, salt: str = "") -> list[str]:
    """The label of each entry, in order: its name, initials or code, every label distinct."""
    labels: list[str] = []
    if mode is Anonymize.CODES:
        keys = [_code_key(e) for e in entries]
        length = 4
        while True:
            labels = [member_code(k, salt, length) for k in keys]
            clash = len(set(labels)) < len(set(keys))
            if not clash or length >= 52:
                break
            length += 2
        return _distinct(labels)
    if mode is Anonymize.INITIALS:
        return _distinct([initials(e.name) for e in entries])
    return _distinct([" ".join(e.name.split()) or f"Member {i}" for i, e in enumerate(entries, 1)])


def _distinct(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    taken = set(labels)
    for label in labels:
        count = seen.get(label, 0) + 1
        seen[label] = count
        if count == 1:
            out.append(label)
            continue
        candidate = f"{label}{count}"
        while candidate in taken:
            count += 1
            candidate = f"{label}{count}"
        seen[label] = count
        taken.add(candidate)
        out.append(candidate)
    return out


# the cohort --------------------------------------------------------------------------------------


def build_cohort(
    framework: Framework,
    entries: Sequence[CohortEntry],
    profile: Profile,
    *,
    anonymize: Anonymize = Anonymize.NONE,
    salt: str = "",
    agenda_size: int = AGENDA_SIZE,
    max_cost: int | None = None,
    max_hours: float | None = None,
) -> Cohort:
    """The heat map, common gaps, activity reach and agenda of a cohort (assessments fitted already).

    ``max_cost`` and ``max_hours`` leave out activities costing more per person, or taking longer, than a
    group can take on together (both lists; None for no limit).
    """
    labels = member_labels(entries, anonymize, salt)
    size = len(entries)
    per_member: list[tuple[str, MemberRow, dict[str, tuple[float, float]]]] = []
    skills = framework.skills
    below_by_skill: dict[str, list[tuple[str, float, float]]] = {}
    for label, entry in zip(labels, entries, strict=True):
        scores = score_assessment(framework, entry.assessment)
        gaps = find_gaps(framework, scores, profile)
        figures, overall = area_figures(framework, scores.area_sums)
        cells = []
        for area, g, ag in zip(framework.areas, figures, gaps.area_sums, strict=True):
            cells.append(
                trusted(
                    HeatCell,
                    {
                        "area_id": area.id,
                        "score": g.score,
                        "mean_level": g.mean_level,
                        "gap": ag.mean_gap,
                        "below": ag.below,
                        "rated": g.rated,
                        "total": g.total,
                        "reliable": g.reliable,
                    },
                )
            )
        member_gaps: dict[str, tuple[float, float]] = {}
        below = gaps.below
        for r in below:
            skill_id = skills[r.position].id
            member_gaps[skill_id] = (r.gap, r.per_step)
            below_by_skill.setdefault(skill_id, []).append((label, r.gap, r.gap * r.per_step))
        row = trusted(
            MemberRow,
            {
                "label": label,
                "source": "" if anonymize is not Anonymize.NONE else entry.source,
                "overall": overall.score,
                "rated": overall.rated,
                "total": overall.total,
                "gaps": len(below),
                "cells": tuple(cells),
            },
        )
        per_member.append((label, row, member_gaps))

    rows = sorted((row for _, row, _ in per_member), key=lambda r: (r.label.casefold(), r.label))
    areas = []
    for i, area in enumerate(framework.areas):
        scored = [r.cells[i].score for r in rows if r.cells[i].score is not None]
        areas.append(
            AreaSummary(
                area_id=area.id,
                code=area.code,
                title=area.title,
                scored=len(scored),
                mean_score=sum(scored) / len(scored) if scored else None,  # type: ignore[arg-type]
                lowest=min(scored) if scored else None,  # type: ignore[type-var]
                highest=max(scored) if scored else None,  # type: ignore[type-var]
                members_below=sum(1 for r in rows if r.cells[i].below > 0),
            )
        )

    skill_index = {s.id: i for i, s in enumerate(framework.skills)}
    common = []
    for skill_id, hits in below_by_skill.items():
        skill = framework.skill_by_id[skill_id]
        area = framework.area_by_id[skill.area_id]
        common.append(
            CommonGap(
                skill_id=skill_id,
                title=skill.title,
                area_id=area.id,
                area_title=area.title,
                index=skill_index[skill_id],
                members=len(hits),
                share=len(hits) / size if size else 0.0,
                mean_gap=sum(h[1] for h in hits) / len(hits),
                total_priority=sum(h[2] for h in hits),
                labels=tuple(sorted((h[0] for h in hits), key=str.casefold)),
            )
        )
    common.sort(key=lambda g: (-g.members, -g.total_priority, g.index))

    progress = _progress(framework)
    by_skill = _by_skill(per_member)
    activities = [
        a
        for a in _reach(framework, per_member, progress, by_skill, size, skill_index)
        if (max_cost is None or a.cost_usd <= max_cost) and (max_hours is None or a.hours <= max_hours)
    ]
    agenda = _agenda(progress, by_skill, activities, agenda_size)
    return Cohort(
        framework_id=framework.id,
        framework_version=framework.version,
        profile_id=profile.id,
        profile_title=profile.title,
        anonymize=anonymize,
        members=tuple(rows),
        areas=tuple(areas),
        common_gaps=tuple(common),
        activities=tuple(activities),
        agenda=tuple(agenda),
    )


def _progress(framework: Framework) -> dict[str, dict[str, float]]:
    """Activity id -> skill id -> expected progress in steps (the strongest development counts)."""
    out: dict[str, dict[str, float]] = {}
    for activity in framework.catalogue.activities:
        develops: dict[str, float] = {}
        for d in activity.develops:
            develops[d.skill_id] = max(develops.get(d.skill_id, 0.0), PROGRESS_BY_STRENGTH.get(d.strength, 0.0))
        out[activity.id] = develops
    return out


def _by_skill(
    per_member: list[tuple[str, MemberRow, dict[str, tuple[float, float]]]],
) -> dict[str, list[tuple[int, float, float]]]:
    """Skill id -> (member index, gap in steps, value of a step) for every member with a gap in it: an
    activity is then weighed over the few skills it develops, not over every member's every gap."""
    out: dict[str, list[tuple[int, float, float]]] = {}
    for m, (_, _, gaps) in enumerate(per_member):
        for skill_id, (gap, per_step) in gaps.items():
            out.setdefault(skill_id, []).append((m, gap, per_step))
    return out


def _member_gains(
    develops: dict[str, float],
    by_skill: dict[str, list[tuple[int, float, float]]],
    done: dict[str, list[float]],
) -> dict[int, float]:
    """Member index -> the value an activity adds for that member, given the steps already ``done`` by
    activities chosen before it (skill id -> steps per entry of ``by_skill``'s list for the skill, none
    when no chosen activity develops it): diminishing returns per member and skill."""
    gains: dict[int, float] = {}
    get = gains.get
    for skill_id, step in develops.items():
        if step <= 0:
            continue
        hits = by_skill.get(skill_id)
        if not hits:
            continue
        steps = done.get(skill_id)
        if steps is None:  # nothing done yet: before is 0.0
            for m, gap, per_step in hits:
                # min(gap, x) as a comparison: the same value min() returns, without the call
                gains[m] = get(m, 0.0) + per_step * ((step if step < gap else gap) - (0.0 if gap > 0.0 else gap))
        else:
            for (m, gap, per_step), before in zip(hits, steps, strict=True):
                after = before + step
                gains[m] = get(m, 0.0) + per_step * (
                    (after if after < gap else gap) - (before if before < gap else gap)
                )
    return gains


def _reach(
    framework: Framework,
    per_member: list[tuple[str, MemberRow, dict[str, tuple[float, float]]]],
    progress: dict[str, dict[str, float]],
    by_skill: dict[str, list[tuple[int, float, float]]],
    size: int,
    skill_index: dict[str, int],
) -> list[ActivityReach]:
    out = []
    for activity in framework.catalogue.activities:
        develops = progress[activity.id]
        gain_of = _member_gains(develops, by_skill, {})
        skills = {skill_id for skill_id, step in develops.items() if step > 0 and skill_id in by_skill}
        served = [per_member[m][0] for m in sorted(gain_of) if gain_of[m] > _EPS]
        value = sum(g for g in gain_of.values() if g > _EPS)
        if served:
            out.append(
                ActivityReach(
                    activity_id=activity.id,
                    title=activity.title,
                    format=activity.format,
                    cost_usd=activity.cost_usd,
                    hours=activity.hours,
                    members=len(served),
                    share=len(served) / size if size else 0.0,
                    labels=tuple(sorted(served, key=str.casefold)),
                    skills=tuple(sorted(skills, key=skill_index.__getitem__)),
                    value=value,
                )
            )
    out.sort(key=lambda a: (-a.members, -a.value, a.cost_usd, a.activity_id))
    return out


def _agenda(
    progress: dict[str, dict[str, float]],
    by_skill: dict[str, list[tuple[int, float, float]]],
    candidates: list[ActivityReach],
    size: int,
) -> list[ActivityReach]:
    """Greedy: the activity adding the most value given those already chosen, until none adds any.

    Gains only shrink as activities are chosen (each member's gap in a skill fills up), so a gain
    worked out in an earlier round is an upper bound: each round recomputes gains only for the
    activities whose old gain could still reach the best (lazy greedy), then picks as a full pass
    would: the most value, on a tie the one serving more members, then the earlier candidate.
    """
    done: dict[str, list[float]] = {}

    def gain_of(reach: ActivityReach) -> tuple[float, int]:
        served = [g for g in _member_gains(progress[reach.activity_id], by_skill, done).values() if g > _EPS]
        return sum(served), len(served)

    chosen: list[ActivityReach] = []
    pool = list(candidates)
    bound = {id(r): float("inf") for r in pool}
    for _ in range(max(size, 0)):
        fresh: dict[int, tuple[float, int]] = {}
        top = -1.0
        for reach in sorted(pool, key=lambda r: -bound[id(r)]):
            if bound[id(reach)] < top - _EPS:
                break  # neither better nor tied: its gain can only have shrunk
            fresh[id(reach)] = gain_of(reach)
            bound[id(reach)] = fresh[id(reach)][0]
            top = max(top, fresh[id(reach)][0])
        best: tuple[float, int, ActivityReach] | None = None
        for reach in pool:  # in candidate order, as a full pass would compare them
            if id(reach) not in fresh:
                continue
            gain, members = fresh[id(reach)]
            # more value first; on a tie the one serving more members (candidates are already ranked)
            if gain > _EPS and (
                best is None or gain > best[0] + _EPS or (abs(gain - best[0]) <= _EPS and members > best[1])
            ):
                best = (gain, members, reach)
        if best is None:
            break
        gain, _, reach = best
        for skill_id, step in progress[reach.activity_id].items():
            hits = by_skill.get(skill_id)
            if step > 0 and hits:
                before = done.get(skill_id) or [0.0] * len(hits)
                done[skill_id] = [b + step for b in before]
        chosen.append(reach.model_copy(update={"added_value": gain}))
        pool.remove(reach)
    return chosen


@dataclass(frozen=True)
class CohortView:
    framework: Framework
    cohort: Cohort
    generated_on: date
    problems: Sequence[Problem] = field(default_factory=tuple)
    """Packets skipped and warnings given while reading."""
    top: int = 10

    @property
    def anonymized(self) -> bool:
        return self.cohort.anonymize is not Anonymize.NONE

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity.value == "error"]

    def area_label(self, area_id: str) -> str:
        area = self.framework.area_by_id[area_id]
        return area.code or area.title
