"""Loading a framework folder: read and validate each file, then resolve references between them."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from ctoprep.core.models.files import (
    AreaFile,
    BlueprintFile,
    CatalogueFile,
    FrameworkFile,
    ProfilesFile,
    RecertificationFile,
)
from ctoprep.core.models.framework import (
    Area,
    Category,
    CoreValue,
    Framework,
    Level,
    PdFocus,
    Scale,
    Skill,
)
from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean, display_path
from ctoprep.formats import framework_cache
from ctoprep.formats.collector import gc_paused
from ctoprep.formats.loading.documents import duplicates, load_doc, validate_document
from ctoprep.formats.loading.sections import (
    resolve_blueprint,
    resolve_catalogue,
    resolve_profiles,
    resolve_recertification,
)
from ctoprep.formats.toml_source import TomlDocument

FRAMEWORK_FILE = "framework.toml"
AREAS_DIR = "areas"
PROFILES_FILE = "profiles.toml"
BLUEPRINT_FILE = "blueprint.toml"
CATALOGUE_FILE = "catalogue.toml"
RECERTIFICATION_FILE = "recertification.toml"


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
        doc = load_doc(path, problems)
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
        framework = dataclasses.replace(framework, content_hash=hasher.hexdigest())
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
    duplicates(main_doc, main.pd_focuses, "pd_focuses", "PD focus", problems)
    duplicates(main_doc, main.categories, "categories", "category", problems)
    duplicates(main_doc, main.core_values, "core_values", "core value", problems)
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
                        Skill(
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

    profiles = resolve_profiles(optional.get(PROFILES_FILE), scale, all_areas, skill_area, problems)
    blueprint = resolve_blueprint(optional.get(BLUEPRINT_FILE), all_areas, {c.id for c in categories}, problems)
    recertification = resolve_recertification(optional.get(RECERTIFICATION_FILE), problems)
    extra_credit = {c.id for c in recertification.categories} if recertification else set()
    catalogue = resolve_catalogue(optional.get(CATALOGUE_FILE), all_areas, skill_area, problems, extra_credit)

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
