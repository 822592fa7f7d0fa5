"""Small frameworks built in memory for the scoring, gap and planning tests (no TOML, no content in flux)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.models.files import ActivityFormat, Cadence
from ctoprep.core.models.framework import (
    Activity,
    Area,
    Blueprint,
    Catalogue,
    Category,
    ContentArea,
    Development,
    Framework,
    Level,
    PdFocus,
    Profile,
    Scale,
    Skill,
    Target,
)

START = date(2026, 1, 15)


def scale_of(values: Sequence[int]) -> Scale:
    return Scale(id="s", title="Scale", levels=tuple(Level(value=v, label=f"L{v}") for v in values))


def make_framework(
    areas: Mapping[str, int],
    *,
    categories: Mapping[str, Sequence[str]] | None = None,
    scale: Sequence[int] = (0, 1, 2, 3, 4),
    weights: Mapping[str, Mapping[str, float]] | None = None,
    targets: Mapping[str, tuple[int, int, float]] | None = None,
    area_targets: Mapping[str, tuple[int, int, float]] | None = None,
    activities: Sequence[Activity] = (),
    focuses: Mapping[str, Sequence[str]] | None = None,
    framework_id: str = "t",
) -> Framework:
    """A framework with ``areas`` (area id -> number of skills ``<area>.<n>``).

    ``categories`` maps category id -> area ids (default: one category with every area);
    ``weights`` content area id -> {area: percent}; ``targets`` skill id -> (min, max, importance)
    and ``area_targets`` area id -> (min, max, importance) for a single profile 'p'.
    """
    categories = categories or {"cat": list(areas)}
    focus_of: dict[str, list[str]] = {}
    for fid, aids in (focuses or {}).items():
        for aid in aids:
            focus_of.setdefault(aid, []).append(fid)
    cats = []
    for cid, aids in categories.items():
        cats.append(
            Category(
                id=cid,
                title=f"Category {cid}",
                areas=tuple(
                    Area(
                        id=aid,
                        title=f"Area {aid}",
                        category_id=cid,
                        pd_focuses=tuple(focus_of.get(aid, ())),
                        skills=tuple(
                            Skill(id=f"{aid}.{i}", title=f"Skill {aid}.{i}", area_id=aid) for i in range(areas[aid])
                        ),
                    )
                    for aid in aids
                ),
            )
        )
    area_t = {a: Target(min=lo, max=hi, importance=imp) for a, (lo, hi, imp) in (area_targets or {}).items()}
    own = {s: Target(min=lo, max=hi, importance=imp, scope="skill") for s, (lo, hi, imp) in (targets or {}).items()}
    effective = {}
    for aid, count in areas.items():
        for i in range(count):
            sid = f"{aid}.{i}"
            if sid in own:
                effective[sid] = own[sid]
            elif aid in area_t:
                effective[sid] = area_t[aid]
    profiles = (Profile(id="p", title="Profile", default=True, area_targets=area_t, skill_targets=effective),)
    blueprint = None
    if weights:
        blueprint = Blueprint(
            id="exam",
            title="Exam",
            item_count=100,
            time_limit_minutes=120,
            score_min=0,
            score_max=800,
            pass_score=600,
            content_areas=tuple(
                ContentArea(id=caid, title=f"Content {caid}", weights=dict(w)) for caid, w in weights.items()
            ),
        )
    return Framework(
        id=framework_id,
        title="Test framework",
        version="1",
        scale=scale_of(scale),
        pd_focuses=tuple(PdFocus(id=f, title=f"Focus {f}") for f in (focuses or {})),
        categories=tuple(cats),
        profiles=profiles,
        blueprint=blueprint,
        catalogue=Catalogue(activities=tuple(activities)),
    )


def activity(
    aid: str,
    develops: Mapping[str, int],
    *,
    cost: int = 0,
    hours: float = 10,
    months: int = 1,
    cadence: Cadence = Cadence.ONCE,
    fmt: ActivityFormat = ActivityFormat.JOB_EMBEDDED,
) -> Activity:
    return Activity(
        id=aid,
        title=f"Activity {aid}",
        format=fmt,
        cost_usd=cost,
        hours=hours,
        months=months,
        cadence=cadence,
        produces=f"evidence from {aid}",
        develops=tuple(Development(skill_id=s, strength=v) for s, v in develops.items()),
    )


def assess(
    framework: Framework,
    levels: Mapping[str, int | None],
    *,
    evidence: Mapping[str, str] | None = None,
) -> Assessment:
    ratings = {sid: Rating(level=level, evidence=(evidence or {}).get(sid, "")) for sid, level in levels.items()}
    return Assessment(
        id="a1",
        framework=FrameworkRef(id=framework.id, version=framework.version),
        ratings=ratings,
    )


COSN_AREAS = {
    "leadership": 7,
    "strategic-planning": 7,
    "ethics-policies": 7,
    "instructional-focus": 7,
    "team-building": 7,
    "stakeholder-focus": 7,
    "it-management": 7,
    "communication-systems": 6,
    "business-management": 7,
    "data-management": 6,
}
COSN_CATEGORIES = {
    "I": ["leadership", "strategic-planning", "ethics-policies"],
    "II": ["instructional-focus", "team-building", "stakeholder-focus"],
    "III": ["it-management", "communication-systems", "business-management", "data-management"],
}
COSN_WEIGHTS = {
    "I": {"leadership": 15, "strategic-planning": 15, "ethics-policies": 10},
    "II": {"instructional-focus": 12, "team-building": 9, "stakeholder-focus": 9},
    "III": {"it-management": 9, "communication-systems": 7, "business-management": 7, "data-management": 7},
}


def cosn_like(seed: int = 7, n_activities: int = 84) -> Framework:
    """A framework shaped like the bundled one (68 skills, 10 areas, 0–4) with a generated catalogue."""
    rng = random.Random(seed)
    skills = [f"{a}.{i}" for a, n in COSN_AREAS.items() for i in range(n)]
    acts = []
    formats = list(ActivityFormat)
    for k in range(n_activities):
        develops = {s: rng.choice((1, 2, 2, 3)) for s in rng.sample(skills, rng.randint(1, 5))}
        free = rng.random() < 0.6
        months = rng.choice((1, 1, 2, 3, 6))
        acts.append(
            activity(
                f"act-{k:02d}",
                develops,
                cost=0 if free else rng.choice((50, 150, 300, 600, 1200, 2500)),
                hours=float(rng.choice((2, 4, 6, 8, 12, 16, 24))),
                months=months,
                cadence=rng.choice((Cadence.SELF_PACED, Cadence.MONTHLY, Cadence.ONCE)),
                fmt=rng.choice(formats),
            )
        )
    return make_framework(
        COSN_AREAS,
        categories=COSN_CATEGORIES,
        weights=COSN_WEIGHTS,
        area_targets={a: (3, 4, 1.0 + (i % 3) * 0.5) for i, a in enumerate(COSN_AREAS)},
        activities=acts,
        focuses={"planning": ["strategic-planning", "business-management"], "leadership": ["leadership"]},
    )
