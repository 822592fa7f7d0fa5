"""Resolving a framework's optional files (profiles, blueprint, recertification, catalogue) against its areas."""

from __future__ import annotations

import math
from collections import defaultdict

from ctoprep.core.models.files import BlueprintFile, CatalogueFile, ProfilesFile, RecertificationFile
from ctoprep.core.models.framework import (
    Activity,
    Blueprint,
    Catalogue,
    ContentArea,
    CreditCategory,
    Development,
    Profile,
    RecertCategory,
    Recertification,
    Scale,
    Target,
)
from ctoprep.core.problems import Problem, did_you_mean
from ctoprep.formats.loading.documents import duplicates
from ctoprep.formats.toml_source import TomlDocument


def resolve_profiles(
    loaded: tuple[TomlDocument, ProfilesFile] | None,
    scale: Scale,
    all_areas: set[str],
    skill_area: dict[str, str],
    problems: list[Problem],
) -> tuple[Profile, ...]:
    if loaded is None:
        return ()
    doc, pf = loaded
    duplicates(doc, pf.profiles, "profiles", "profile", problems)
    defaults = [i for i, p in enumerate(pf.profiles) if p.default]
    for i in defaults[1:]:
        problems.append(
            doc.problem(
                ("profiles", i, "default"), "more than one profile is marked default", "mark one profile default = true"
            )
        )
    values = set(scale.values)
    out = []
    for pi, prof in enumerate(pf.profiles):
        area_targets: dict[str, Target] = {}
        own_targets: dict[str, Target] = {}
        for ti, t in enumerate(prof.targets):
            where = ("profiles", pi, "targets", ti)
            lo, hi = (t.level, t.level) if t.level is not None else (t.min, t.max)
            assert lo is not None
            assert hi is not None
            bad = [v for v in (lo, hi) if v not in values]
            if bad:
                problems.append(
                    doc.problem(
                        (*where, "level" if t.level is not None else ("min" if bad[0] == lo else "max")),
                        f"target level {bad[0]} is not on the scale {sorted(values)}",
                        "use a value of one of the scale's levels",
                    )
                )
            if t.area is not None:
                if t.area not in all_areas:
                    problems.append(
                        doc.problem((*where, "area"), f"unknown area {t.area!r}", did_you_mean(t.area, all_areas))
                    )
                elif t.area in area_targets:
                    problems.append(doc.problem(where, f"area {t.area!r} has two targets in profile {prof.id!r}"))
                else:
                    area_targets[t.area] = Target(
                        min=lo, max=hi, importance=t.importance, rationale=t.rationale, scope="area"
                    )
            elif t.skill is not None:
                if t.skill not in skill_area:
                    problems.append(
                        doc.problem((*where, "skill"), f"unknown skill {t.skill!r}", did_you_mean(t.skill, skill_area))
                    )
                elif t.skill in own_targets:
                    problems.append(doc.problem(where, f"skill {t.skill!r} has two targets in profile {prof.id!r}"))
                else:
                    own_targets[t.skill] = Target(
                        min=lo, max=hi, importance=t.importance, rationale=t.rationale, scope="skill"
                    )
        effective = {}
        for sid, aid in skill_area.items():
            if sid in own_targets:
                effective[sid] = own_targets[sid]
            elif aid in area_targets:
                effective[sid] = area_targets[aid]
        out.append(
            Profile(
                id=prof.id,
                title=prof.title,
                description=prof.description,
                rationale=prof.rationale,
                default=prof.default,
                area_targets=area_targets,
                skill_targets=effective,
            )
        )
    return tuple(out)


def resolve_blueprint(
    loaded: tuple[TomlDocument, BlueprintFile] | None,
    all_areas: set[str],
    category_ids: set[str],
    problems: list[Problem],
) -> Blueprint | None:
    if loaded is None:
        return None
    doc, bf = loaded
    bp = bf.blueprint
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    total = 0.0
    for ci, ca in enumerate(bp.content_areas):
        where = ("blueprint", "content_areas", ci)
        if ca.id in seen_ids:
            problems.append(doc.problem((*where, "id"), f"duplicate content area id {ca.id!r}"))
        seen_ids.add(ca.id)
        if ca.category is not None and ca.category not in category_ids:
            problems.append(
                doc.problem(
                    (*where, "category"), f"unknown category {ca.category!r}", did_you_mean(ca.category, category_ids)
                )
            )
        for aid, weight in ca.weights.items():
            total += weight
            if aid not in all_areas:
                problems.append(
                    doc.problem(
                        (*where, "weights", aid),
                        f"unknown area {aid!r} in blueprint weights",
                        did_you_mean(aid, all_areas),
                    )
                )
            elif aid in owner:
                problems.append(
                    doc.problem(
                        (*where, "weights", aid),
                        f"area {aid!r} is weighted in two content areas ({owner[aid]!r} and {ca.id!r})",
                    )
                )
            else:
                owner[aid] = ca.id
    if not math.isclose(total, 100.0, abs_tol=0.01):
        problems.append(
            doc.problem(
                ("blueprint", "content_areas"),
                f"blueprint weights sum to {total:g}, not 100",
                "weights are percentages of the exam",
            )
        )
    if bp.difficulty_mix is not None and not math.isclose(sum(bp.difficulty_mix), 100.0, abs_tol=0.01):
        problems.append(
            doc.problem(("blueprint", "difficulty_mix"), f"difficulty_mix sums to {sum(bp.difficulty_mix):g}, not 100")
        )
    for aid in sorted(all_areas - set(owner)):
        problems.append(
            doc.problem(
                ("blueprint",),
                f"area {aid!r} has no weight in the blueprint",
                "questions on it will never appear in a mock exam",
                warning=True,
            )
        )
    mix = bp.difficulty_mix
    three = (mix[0], mix[1], mix[2]) if mix else None  # the file model checked there are three
    return Blueprint(
        id=bp.id,
        title=bp.title,
        item_count=bp.item_count,
        time_limit_minutes=bp.time_limit_minutes,
        score_min=bp.score_min,
        score_max=bp.score_max,
        pass_score=bp.pass_score,
        difficulty_mix=three,
        content_areas=tuple(
            ContentArea(id=ca.id, title=ca.title, category_id=ca.category, weights=dict(ca.weights))
            for ca in bp.content_areas
        ),
    )


def resolve_recertification(
    loaded: tuple[TomlDocument, RecertificationFile] | None, problems: list[Problem]
) -> Recertification | None:
    if loaded is None:
        return None
    doc, rf = loaded
    meta = rf.recertification
    duplicates(doc, meta.categories, ("recertification", "categories"), "category", problems)
    return Recertification(
        id=meta.id,
        title=meta.title,
        body=meta.body,
        cycle_years=meta.cycle_years,
        required_hours=meta.required_hours,
        sources=tuple(meta.sources),
        last_verified=meta.last_verified,
        rules=tuple(meta.rules),
        categories=tuple(RecertCategory(**c.model_dump()) for c in meta.categories),
    )


def resolve_catalogue(
    loaded: tuple[TomlDocument, CatalogueFile] | None,
    all_areas: set[str],
    skill_area: dict[str, str],
    problems: list[Problem],
    extra_credit: set[str] | None = None,
) -> Catalogue:
    if loaded is None:
        return Catalogue()
    doc, cf = loaded
    duplicates(doc, cf.credit_categories, "credit_categories", "credit category", problems)
    duplicates(doc, cf.activities, "activities", "activity", problems)
    credit_ids = {c.id for c in cf.credit_categories} | (extra_credit or set())
    skills_of_area: dict[str, list[str]] = defaultdict(list)
    for sid, aid in skill_area.items():
        skills_of_area[aid].append(sid)
    activities = []
    for ai, act in enumerate(cf.activities):
        where = ("activities", ai)
        if act.credit_category is not None and act.credit_category not in credit_ids:
            problems.append(
                doc.problem(
                    (*where, "credit_category"),
                    f"unknown credit category {act.credit_category!r}",
                    did_you_mean(act.credit_category, credit_ids)
                    or "declare it under [[credit_categories]] or in recertification.toml",
                )
            )
        strength: dict[str, int] = {}
        for di, dev in enumerate(act.develops):
            if dev.skill is not None:
                if dev.skill not in skill_area:
                    problems.append(
                        doc.problem(
                            (*where, "develops", di),
                            f"unknown skill {dev.skill!r}",
                            did_you_mean(dev.skill, skill_area),
                        )
                    )
                    continue
                targets = [dev.skill]
            else:
                assert dev.area is not None
                if dev.area not in all_areas:
                    problems.append(
                        doc.problem(
                            (*where, "develops", di), f"unknown area {dev.area!r}", did_you_mean(dev.area, all_areas)
                        )
                    )
                    continue
                targets = skills_of_area[dev.area]
            for sid in targets:
                strength[sid] = max(strength.get(sid, 0), dev.strength)
        activities.append(
            Activity(
                id=act.id,
                title=act.title,
                description=act.description,
                format=act.format,
                cost_usd=act.cost_usd,
                hours=act.hours,
                months=act.months,
                cadence=act.cadence,
                credit_category=act.credit_category,
                produces=act.produces,
                develops=tuple(Development(skill_id=s, strength=v) for s, v in strength.items()),
                where_to_find=act.where_to_find,
                last_verified=act.last_verified,
            )
        )
    return Catalogue(
        credit_categories=tuple(
            CreditCategory(id=c.id, title=c.title, max_hours=c.max_hours) for c in cf.credit_categories
        ),
        activities=tuple(activities),
    )
