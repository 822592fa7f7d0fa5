"""Loading frameworks and question banks: parse, validate each file, then resolve references.

Every problem in every file is collected before giving up, and each one names the file, the line
and column, and what to do. Nothing here prints; callers decide how to show problems.
"""

from __future__ import annotations

import gc
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ctoprep.core.models.files import (
    AreaFile,
    BlueprintFile,
    CatalogueFile,
    FrameworkFile,
    ProfilesFile,
    RecertificationFile,
)
from ctoprep.core.models.framework import (
    Activity,
    Area,
    Blueprint,
    Catalogue,
    Category,
    ContentArea,
    CoreValue,
    CreditCategory,
    Development,
    Framework,
    Level,
    PdFocus,
    Profile,
    RecertCategory,
    Recertification,
    Scale,
    Skill,
    Target,
)
from ctoprep.core.models.questions import Question, QuestionBank, QuestionBankFile
from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean, display_path
from ctoprep.formats import framework_cache
from ctoprep.formats.toml_source import TomlDocument, decode_text, load_toml, parse_toml_text, read_bytes

FRAMEWORK_FILE = "framework.toml"
AREAS_DIR = "areas"
PROFILES_FILE = "profiles.toml"
BLUEPRINT_FILE = "blueprint.toml"
CATALOGUE_FILE = "catalogue.toml"
RECERTIFICATION_FILE = "recertification.toml"
CACHE_SCHEMA = "1"
"""Bump when a file model changes shape, so that stale warm-start caches are ignored."""

M = TypeVar("M", bound=BaseModel)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC around bulk loads: allocating many small objects triggers it needlessly."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded lives as long as the program: move it out of the collector's sight so
        # re-enabling the GC does not immediately walk a million fresh objects.
        gc.freeze()
        if was_enabled:
            gc.enable()


MAX_PROBLEMS_PER_FILE = 100
"""After this many problems in one file the rest are counted, not located: a file with 200,000 unknown
keys is reported in a moment, not in 20 seconds, and the first hundred are enough to see what is wrong."""


def _pydantic_problems(doc: TomlDocument, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    more = max(0, len(errors) - MAX_PROBLEMS_PER_FILE)
    for err in errors[:MAX_PROBLEMS_PER_FILE]:
        loc = tuple(err["loc"])
        kind = err["type"]
        msg = str(err["msg"]).removeprefix("Value error, ")
        hint = ""
        name = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            parent_fields = _fields_at(model, loc[:-1])
            msg = f"unknown key {name!r}"
            hint = did_you_mean(name, parent_fields) or (
                f"allowed keys here: {', '.join(sorted(parent_fields))}" if parent_fields else ""
            )
        elif kind == "missing":
            msg = f"missing required key {name!r}"
        elif loc and isinstance(loc[-1], str):
            msg = f"{name}: {msg}"
        problems.append(doc.problem(loc, msg, hint))
    if more:
        problems.append(
            Problem(
                doc.shown,
                f"{more:,} more problems in this file are not listed",
                hint="fix the ones listed first; the rest are often the same mistake",
                severity=Severity.WARNING,
            )
        )
    return problems


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found at ``loc`` (best effort, for 'did you mean' hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_document(doc: TomlDocument, model: type[M], problems: list[Problem]) -> M | None:
    """Validate a parsed document against its file model, appending problems; None if invalid."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(doc, exc, model))
        return None


def _load_doc(path: Path, problems: list[Problem]) -> TomlDocument | None:
    try:
        return load_toml(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def _duplicates(
    doc: TomlDocument, items: Sequence[Any], key: str | tuple[str, ...], what: str, problems: list[Problem]
) -> None:
    prefix = (key,) if isinstance(key, str) else key
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            line, _ = doc.locate((*prefix, seen[item.id], "id"))
            problems.append(
                doc.problem(
                    (*prefix, i, "id"),
                    f"duplicate {what} id {item.id!r} (first defined on line {line})",
                    "ids must be unique; rename one",
                )
            )
        else:
            seen[item.id] = i


# frameworks ----------------------------------------------------------------------------------


def load_framework(folder: Path, cache_dir: Path | None = None) -> Framework:
    """Load, validate and resolve a framework folder; raises :class:`ContentError` on any error.

    With ``cache_dir``, see :mod:`ctoprep.formats.framework_cache`: identical files load from the cache.
    """
    folder = Path(folder)
    if cache_dir is not None and (cached := framework_cache.read(folder, cache_dir)) is not None:
        return cached
    framework, problems = check_framework(folder)
    if framework is None or any(p.severity is Severity.ERROR for p in problems):
        raise ContentError(problems)
    if cache_dir is not None:
        framework_cache.write(folder, cache_dir, framework)
    return framework


def check_framework(folder: Path) -> tuple[Framework | None, list[Problem]]:
    """Load a framework folder, returning it (or None) with every problem and warning found."""
    with gc_paused():
        return _check_framework(folder)


def _check_framework(folder: Path) -> tuple[Framework | None, list[Problem]]:
    problems: list[Problem] = []
    folder = Path(folder)
    if folder.is_file() and folder.name == FRAMEWORK_FILE:
        folder = folder.parent
    main_path = folder / FRAMEWORK_FILE
    if not folder.is_dir():
        return None, [Problem(display_path(folder), "not a framework folder (no such folder)")]
    if not main_path.is_file():
        return None, [
            Problem(
                display_path(folder),
                f"not a framework folder: {FRAMEWORK_FILE} is missing",
                hint="a framework folder holds framework.toml and an areas/ folder",
            )
        ]
    hasher = hashlib.sha256()
    docs: dict[Path, TomlDocument] = {}

    def load(path: Path) -> TomlDocument | None:
        doc = _load_doc(path, problems)
        if doc is not None:
            docs[path] = doc
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + doc.text.encode())
        return doc

    main_doc = load(main_path)
    main = validate_document(main_doc, FrameworkFile, problems) if main_doc else None

    area_files: list[tuple[TomlDocument, AreaFile]] = []
    areas_dir = folder / AREAS_DIR
    if areas_dir.is_dir():
        for path in sorted(areas_dir.glob("*.toml")):
            doc = load(path)
            if doc is not None and (area := validate_document(doc, AreaFile, problems)) is not None:
                area_files.append((doc, area))
    elif main is not None:
        problems.append(
            Problem(
                display_path(areas_dir),
                "the areas/ folder is missing",
                hint="put one TOML file per skill area in areas/",
            )
        )

    optional: dict[str, tuple[TomlDocument, Any] | None] = {}
    for name, model in (
        (PROFILES_FILE, ProfilesFile),
        (BLUEPRINT_FILE, BlueprintFile),
        (CATALOGUE_FILE, CatalogueFile),
        (RECERTIFICATION_FILE, RecertificationFile),
    ):
        path = folder / name
        optional[name] = None
        if path.exists():
            doc = load(path)
            if doc is not None and (parsed := validate_document(doc, model, problems)) is not None:
                optional[name] = (doc, parsed)

    if main is None or main_doc is None:
        return None, problems
    if any(p.severity is Severity.ERROR for p in problems):
        # A file that does not read cleanly would make every reference to what it defines look
        # wrong too (one syntax error used to bring ~60 'unknown skill' lines): report the files first.
        problems.append(
            Problem(
                display_path(folder),
                "cross-references (skills, areas, profiles, activities) not checked yet",
                hint="fix the errors above, then validate again",
                severity=Severity.WARNING,
            )
        )
        return None, problems

    framework = _resolve(main_doc, main, area_files, optional, problems, folder)
    if framework is not None:
        framework = framework.model_copy(update={"content_hash": hasher.hexdigest()})
    return framework, problems


def _resolve(
    main_doc: TomlDocument,
    main: FrameworkFile,
    area_files: list[tuple[TomlDocument, AreaFile]],
    optional: dict[str, tuple[TomlDocument, Any] | None],
    problems: list[Problem],
    folder: Path,
) -> Framework | None:
    start = len(problems)
    scale = Scale(
        id=main.scale.id,
        title=main.scale.title,
        levels=tuple(Level(value=lv.value, label=lv.label, descriptor=lv.descriptor) for lv in main.scale.levels),
    )
    _duplicates(main_doc, main.pd_focuses, "pd_focuses", "PD focus", problems)
    _duplicates(main_doc, main.categories, "categories", "category", problems)
    _duplicates(main_doc, main.core_values, "core_values", "core value", problems)
    focus_ids = {f.id for f in main.pd_focuses}

    # areas and skills
    area_by_id: dict[str, tuple[TomlDocument, AreaFile]] = {}
    skill_seen: dict[str, str] = {}
    for doc, af in area_files:
        aid = af.area.id
        if aid in area_by_id:
            problems.append(
                doc.problem(
                    ("area", "id"),
                    f"area {aid!r} is defined twice (also in {area_by_id[aid][0].shown})",
                    "each area has exactly one file",
                )
            )
            continue
        area_by_id[aid] = (doc, af)
        if doc.path.stem != aid:
            problems.append(
                doc.problem(
                    ("area", "id"),
                    f"file name {doc.path.name!r} does not match area id {aid!r}",
                    f"rename the file to {aid}.toml",
                    warning=True,
                )
            )
        if not af.skills:
            problems.append(doc.problem(("area",), f"area {aid!r} has no skills", "add at least one [[skills]] table"))
        for j, focus in enumerate(af.area.pd_focuses):
            if focus not in focus_ids:
                problems.append(
                    doc.problem(
                        ("area", "pd_focuses", j),
                        f"unknown PD focus {focus!r}",
                        did_you_mean(focus, focus_ids) or "declare it in framework.toml under [[pd_focuses]]",
                    )
                )
        for i, sk in enumerate(af.skills):
            if sk.id in skill_seen:
                problems.append(
                    doc.problem(
                        ("skills", i, "id"),
                        f"duplicate skill id {sk.id!r} (also in {skill_seen[sk.id]})",
                        "skill ids are unique across the framework",
                    )
                )
            else:
                skill_seen[sk.id] = doc.shown
            if sk.level_descriptors is not None and len(sk.level_descriptors) != len(scale.levels):
                problems.append(
                    doc.problem(
                        ("skills", i, "level_descriptors"),
                        f"skill {sk.id!r} has {len(sk.level_descriptors)} level descriptors; the scale has "
                        f"{len(scale.levels)} levels",
                        "give one descriptor per scale level, lowest first",
                    )
                )

    listed: dict[str, str] = {}
    categories: list[Category] = []
    for ci, cat in enumerate(main.categories):
        areas: list[Area] = []
        for ai, aid in enumerate(cat.areas):
            if aid in listed:
                problems.append(
                    main_doc.problem(
                        ("categories", ci, "areas", ai),
                        f"area {aid!r} is listed by two categories ({listed[aid]!r} and {cat.id!r})",
                        "list each area in one category",
                    )
                )
                continue
            listed[aid] = cat.id
            if aid not in area_by_id:
                problems.append(
                    main_doc.problem(
                        ("categories", ci, "areas", ai),
                        f"unknown area {aid!r}",
                        did_you_mean(aid, area_by_id) or f"create {AREAS_DIR}/{aid}.toml",
                    )
                )
                continue
            _, af = area_by_id[aid]
            areas.append(
                Area(
                    id=aid,
                    code=af.area.code,
                    title=af.area.title,
                    description=af.area.description,
                    pd_focuses=tuple(af.area.pd_focuses),
                    aliases=tuple(af.area.aliases),
                    category_id=cat.id,
                    skills=tuple(
                        Skill.model_construct(
                            id=s.id,
                            title=s.title,
                            description=s.description,
                            indicators=tuple(s.indicators),
                            evidence=tuple(s.evidence),
                            level_descriptors=tuple(s.level_descriptors) if s.level_descriptors else None,
                            area_id=aid,
                            calibration=s.calibration,
                            mentor_questions=tuple(s.mentor_questions),
                            see_also=tuple(s.see_also),
                            crosswalk=tuple(s.crosswalk),
                        )
                        for s in af.skills
                    ),
                )
            )
        categories.append(
            Category(id=cat.id, code=cat.code, title=cat.title, description=cat.description, areas=tuple(areas))
        )
    for aid, (doc, _) in area_by_id.items():
        if aid not in listed:
            problems.append(
                doc.problem(
                    ("area", "id"),
                    f"area {aid!r} is not listed by any category",
                    "add its id to a category's 'areas' in framework.toml",
                )
            )

    skill_area = {s.id: a.id for c in categories for a in c.areas for s in a.skills}
    all_areas = {a.id for c in categories for a in c.areas}
    for doc, af in area_by_id.values():
        for i, sk in enumerate(af.skills):
            for j, other in enumerate(sk.see_also):
                if other not in skill_area or other == sk.id:
                    problems.append(
                        doc.problem(
                            ("skills", i, "see_also", j),
                            f"see_also names {'itself' if other == sk.id else repr(other) + ', an unknown skill'}",
                            did_you_mean(other, skill_area) or "name another skill's id",
                        )
                    )

    profiles = _resolve_profiles(optional.get(PROFILES_FILE), scale, all_areas, skill_area, problems)
    blueprint = _resolve_blueprint(optional.get(BLUEPRINT_FILE), all_areas, {c.id for c in categories}, problems)
    recertification = _resolve_recertification(optional.get(RECERTIFICATION_FILE), problems)
    extra_credit = {c.id for c in recertification.categories} if recertification else set()
    catalogue = _resolve_catalogue(optional.get(CATALOGUE_FILE), all_areas, skill_area, problems, extra_credit)

    if any(p.severity is Severity.ERROR for p in problems[start:]):
        return None
    meta = main.framework
    return Framework(
        id=meta.id,
        title=meta.title,
        short_title=meta.short_title,
        version=meta.version,
        source=meta.source,
        attribution=meta.attribution,
        licence=meta.licence,
        description=meta.description,
        scale=scale,
        pd_focuses=tuple(PdFocus(id=f.id, title=f.title) for f in main.pd_focuses),
        categories=tuple(categories),
        core_values=tuple(
            CoreValue(id=v.id, title=v.title, description=v.description, indicators=tuple(v.indicators))
            for v in main.core_values
        ),
        profiles=profiles,
        blueprint=blueprint,
        catalogue=catalogue,
        recertification=recertification,
        path=str(folder),
    )


def _resolve_profiles(
    loaded: tuple[TomlDocument, ProfilesFile] | None,
    scale: Scale,
    all_areas: set[str],
    skill_area: dict[str, str],
    problems: list[Problem],
) -> tuple[Profile, ...]:
    if loaded is None:
        return ()
    doc, pf = loaded
    _duplicates(doc, pf.profiles, "profiles", "profile", problems)
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


def _resolve_blueprint(
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
    mix = tuple(bp.difficulty_mix) if bp.difficulty_mix else None
    return Blueprint(
        id=bp.id,
        title=bp.title,
        item_count=bp.item_count,
        time_limit_minutes=bp.time_limit_minutes,
        score_min=bp.score_min,
        score_max=bp.score_max,
        pass_score=bp.pass_score,
        difficulty_mix=mix,
        content_areas=tuple(
            ContentArea(id=ca.id, title=ca.title, category_id=ca.category, weights=dict(ca.weights))
            for ca in bp.content_areas
        ),
    )


def _resolve_recertification(
    loaded: tuple[TomlDocument, RecertificationFile] | None, problems: list[Problem]
) -> Recertification | None:
    if loaded is None:
        return None
    doc, rf = loaded
    meta = rf.recertification
    _duplicates(doc, meta.categories, ("recertification", "categories"), "category", problems)
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


def _resolve_catalogue(
    loaded: tuple[TomlDocument, CatalogueFile] | None,
    all_areas: set[str],
    skill_area: dict[str, str],
    problems: list[Problem],
    extra_credit: set[str] | None = None,
) -> Catalogue:
    if loaded is None:
        return Catalogue()
    doc, cf = loaded
    _duplicates(doc, cf.credit_categories, "credit_categories", "credit category", problems)
    _duplicates(doc, cf.activities, "activities", "activity", problems)
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
            Activity.model_construct(
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
                develops=tuple(Development.model_construct(skill_id=s, strength=v) for s, v in strength.items()),
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


# question banks ------------------------------------------------------------------------------


def _bank_from_cache(cache_dir: Path | None, digest: str) -> QuestionBankFile | None:
    if cache_dir is None:
        return None
    path = cache_dir / f"bank-{CACHE_SCHEMA}-{digest}.json"
    try:
        return QuestionBankFile.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None


def _bank_to_cache(cache_dir: Path | None, digest: str, bank: QuestionBankFile) -> None:
    if cache_dir is None:
        return
    from ctoprep.formats.atomic import write_bytes_atomic

    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(cache_dir / f"bank-{CACHE_SCHEMA}-{digest}.json", bank.model_dump_json().encode())
    except OSError:
        pass  # a cache is an optimisation; failing to write one is not the user's problem


def parse_bank_file(
    path: Path, problems: list[Problem], cache_dir: Path | None = None
) -> tuple[TomlDocument | None, QuestionBankFile | None]:
    """Read and validate one bank file (from the warm-start cache when its content is unchanged)."""
    try:
        data = read_bytes(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None, None
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    cached = _bank_from_cache(cache_dir, digest)
    if cached is not None:
        return None, cached
    try:
        doc = parse_toml_text(decode_text(data, display_path(path)), path, digest)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None, None
    bank = validate_document(doc, QuestionBankFile, problems)
    if bank is not None:
        _bank_to_cache(cache_dir, digest, bank)
    return doc, bank


def check_question_banks(
    paths: Sequence[Path],
    framework: Framework | None,
    cache_dir: Path | None = None,
) -> tuple[QuestionBank | None, list[Problem]]:
    """Load bank files for one framework, checking ids, references and keys across all of them."""
    problems: list[Problem] = []
    parsed: list[tuple[Path, TomlDocument | None, QuestionBankFile]] = []
    with gc_paused():
        for path in paths:
            doc, bank = parse_bank_file(Path(path), problems, cache_dir)
            if bank is not None:
                parsed.append((Path(path), doc, bank))
    if framework is None:
        return None, problems
    skill_area = {s.id: s.area_id for s in framework.skills}
    first_seen: dict[str, tuple[Path, TomlDocument | None, int]] = {}
    questions: list[Question] = []
    area_of: dict[str, str] = {}
    retired: set[str] = set()
    for path, doc, bank in parsed:

        def where(
            key: tuple[str | int, ...],
            message: str,
            hint: str = "",
            *,
            path: Path = path,
            doc: TomlDocument | None = doc,
        ) -> Problem:
            if doc is None:  # came from the cache, which only holds files that validated: re-read to locate
                doc = load_toml(path)
            return doc.problem(key, message, hint)

        if bank.bank.framework != framework.id:
            problems.append(
                where(
                    ("bank", "framework"),
                    f"bank is for framework {bank.bank.framework!r}, not {framework.id!r}",
                    "put banks for a framework in question_banks/<framework-id>/",
                )
            )
            continue
        retired.update(bank.bank.retired)
        for qi, q in enumerate(bank.questions):
            ok = True
            if q.id in first_seen:
                other_path, other_doc, other_index = first_seen[q.id]
                other_doc = other_doc or load_toml(other_path)
                line = other_doc.locate(("questions", other_index, "id"))[0]
                other = display_path(other_path)
                problems.append(
                    where(
                        ("questions", qi, "id"),
                        f"duplicate question id {q.id!r} (first in {other}:{line})",
                        "question ids must be unique across all banks",
                    )
                )
                ok = False
            else:
                first_seen[q.id] = (path, doc, qi)  # the line is looked up only if a duplicate turns up
            for si, sid in enumerate(q.skills):
                if sid not in skill_area:
                    problems.append(
                        where(
                            ("questions", qi, "skills", si),
                            f"unknown skill {sid!r}",
                            did_you_mean(sid, skill_area)
                            or f"skills of {framework.id!r} are listed by 'ctoprep show {framework.id}'",
                        )
                    )
                    ok = False
            if ok:
                questions.append(q)
                area_of[q.id] = skill_area[q.skills[0]]
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return QuestionBank(
        framework_id=framework.id,
        questions=tuple(questions),
        area_of_question=area_of,
        source_files=tuple(display_path(p) for p in paths),
        retired=frozenset(retired - set(area_of)),
    ), problems


def load_question_banks(paths: Sequence[Path], framework: Framework, cache_dir: Path | None = None) -> QuestionBank:
    """Load and resolve question banks; raises :class:`ContentError` with every problem."""
    bank, problems = check_question_banks(paths, framework, cache_dir)
    if bank is None:
        raise ContentError(problems)
    return bank


def bank_framework_id(path: Path) -> str | None:
    """The framework a bank file declares, without validating the rest (None if unreadable)."""
    try:
        doc = load_toml(path)
    except ContentError:
        return None
    bank = doc.data.get("bank")
    if isinstance(bank, dict) and isinstance(bank.get("framework"), str):
        return str(bank["framework"])
    return None


def question_counts_by_area(bank: QuestionBank) -> Counter[str]:
    return Counter(bank.area_of_question.values())
