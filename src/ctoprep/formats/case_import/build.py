"""From a parsed CASE package to the data of a ctoprep framework folder, with notes and counts.

The tree is folded into categories -> areas -> skills, the document's fields become the framework's
metadata (source, licence, attribution), and a starting profile is added.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ctoprep.core.problems import ContentError, Problem
from ctoprep.formats.case_import.reading import _dict, _extension, _list, _str, _strings, parse_bullets, plain_title
from ctoprep.formats.case_import.rubrics import _RubricMap
from ctoprep.formats.case_import.tree import _Importer, _Node
from ctoprep.formats.common import ID_PATTERN, MAX_TEXT, MAX_TITLE, IdAllocator, clean_text, shorten, slugify

_CODE_LIMIT = 20


@dataclass
class CaseImport:
    """What a package became: TOML-ready data per file of the framework folder, and notes."""

    framework_id: str
    title: str
    files: dict[str, dict[str, Any]]
    """Path inside the folder (``framework.toml``, ``areas/<id>.toml``, ``profiles.toml``) -> data."""
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def import_case(package: Any, *, shown: str = "package", framework_id: str | None = None) -> CaseImport:
    """Turn a parsed CASE package into the data of a ctoprep framework folder.

    Raises:
        ContentError: the input is not a CASE package at all, or holds no items.
    """
    if isinstance(package, dict) and "CFDocument" not in package and isinstance(package.get("CFPackage"), dict):
        package = package["CFPackage"]
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        raise ContentError(
            [Problem(shown, "not a CASE package: no CFDocument object", hint="export the framework as a CFPackage")]
        )
    importer = _Importer(package, shown)
    importer.read_items()
    importer.read_associations()
    importer.compute_heights()
    rubrics = _RubricMap(importer)
    return _fold(importer, rubrics, framework_id)


def _fold(importer: _Importer, rubrics: _RubricMap, framework_id: str | None) -> CaseImport:
    notes = importer.notes
    nodes = importer.nodes
    document = importer.document
    doc_ext = _extension(document)
    doc_title = shorten(plain_title(clean_text(document.get("title"), nfc=True)), MAX_TITLE) or "Imported framework"

    roots = importer.roots()
    core_keys = [
        k
        for k in roots
        if not nodes[k].children
        and (_str(nodes[k].extension, "kind") == "core-value" or nodes[k].item_type.casefold() == "core value")
    ]
    # the item ctoprep writes for the scale (so the rubric's scale criterion has a CFItemURI) is not a skill
    scale_keys = {
        k
        for k in roots
        if not nodes[k].children
        and (_str(nodes[k].extension, "kind") == "scale" or nodes[k].item_type.casefold() == "proficiency scale")
    }
    roots = [k for k in roots if k not in core_keys and k not in scale_keys]
    while len(roots) == 1 and nodes[roots[0]].height >= 3:
        notes.append(f"the top item {nodes[roots[0]].label()} only wraps the rest; the items under it were used")
        roots = nodes[roots[0]].children
    if not roots:
        raise ContentError([Problem(importer.shown, "the package has no items to use as skills")])

    category_ids = IdAllocator()
    area_ids = IdAllocator()
    skill_ids = IdAllocator()
    declared_focuses = {
        _str(f, "id"): clean_text(_str(f, "title"), single_line=True)
        for f in _list(doc_ext.get("pd_focuses"))
        if isinstance(f, dict) and ID_PATTERN.fullmatch(_str(f, "id")) and clean_text(_str(f, "title"))
    }

    def ext_id(node: _Node, kind: str) -> str:
        ext = node.extension
        return _str(ext, "id") if _str(ext, "kind") in ("", kind) else ""

    def code_of(node: _Node) -> str:
        ext_code = _str(node.extension, "code")
        if "code" in node.extension:
            return clean_text(ext_code, single_line=True)[:_CODE_LIMIT]
        code = node.code
        return code if len(code) <= _CODE_LIMIT else ""

    intermediate = 0
    skill_keys: set[str] = set()

    def skill(key: str, trail: list[str]) -> dict[str, Any]:
        nonlocal intermediate
        node = nodes[key]
        description = node.description(notes)
        if trail:
            intermediate += 1
            part_of = "Part of: " + " › ".join(trail)
            description = shorten(f"{description}\n\n{part_of}" if description else part_of, MAX_TEXT)
        ext = node.extension
        bullets = {} if ext else parse_bullets(clean_text(node.item.get("notes"), nfc=True)) or {}
        entry: dict[str, Any] = {
            "id": skill_ids.claim(ext_id(node, "skill"), slugify(node.code), slugify(node.title()), fallback="skill"),
            "title": node.title(),
            "description": description,
            "indicators": _strings(ext.get("indicators")) or bullets.get("indicators", []),
            "evidence": _strings(ext.get("evidence")) or bullets.get("evidence", []),
        }
        for name in ("mentor_questions", "see_also", "crosswalk"):
            values = _strings(ext.get(name)) or (bullets.get(name, []) if name != "see_also" else [])
            if values:
                entry[name] = values
        calibration = _str(ext, "calibration") or next(iter(bullets.get("calibration", [])), "")
        if calibration:
            entry["calibration"] = clean_text(calibration, nfc=True)
        skill_keys.add(key)
        descriptors = rubrics.descriptors(key)
        if descriptors is not None:
            entry["level_descriptors"] = descriptors
        return entry

    def area(node: _Node | None, *, fallback_title: str, leaves: list[tuple[str, list[str]]]) -> dict[str, Any]:
        if node is None:
            meta: dict[str, Any] = {
                "id": area_ids.claim(slugify(fallback_title), fallback="area"),
                "title": shorten(fallback_title, MAX_TITLE),
            }
        else:
            ext = node.extension
            meta = {
                "id": area_ids.claim(ext_id(node, "area"), slugify(node.code), slugify(node.title()), fallback="area"),
                "code": code_of(node),
                "title": node.title(),
                "description": node.description(notes),
                "pd_focuses": [f for f in _strings(ext.get("pd_focuses"), 80) if f in declared_focuses],
                "aliases": _strings(ext.get("aliases"), MAX_TITLE),
            }
        return {"area": meta, "skills": [skill(k, trail) for k, trail in leaves]}

    categories: list[dict[str, Any]] = []
    area_files: list[dict[str, Any]] = []
    synthetic: dict[str, Any] | None = None
    loose: list[tuple[str, list[str]]] = []

    def synthetic_category() -> dict[str, Any]:
        nonlocal synthetic
        if synthetic is None:
            synthetic = {"id": "", "title": doc_title, "areas": []}
            categories.append(synthetic)
        return synthetic

    for key in roots:
        node = nodes[key]
        if node.height == 0:
            loose.append((key, []))
        elif node.height == 1:
            made = area(node, fallback_title=node.title(), leaves=importer.leaves(key))
            area_files.append(made)
            synthetic_category()["areas"].append(made["area"]["id"])
        else:
            category: dict[str, Any] = {
                "id": category_ids.claim(
                    ext_id(node, "category"), slugify(node.code), slugify(node.title()), fallback="category"
                ),
                "code": code_of(node),
                "title": node.title(),
                "description": node.description(notes),
                "areas": [],
            }
            categories.append(category)
            direct: list[tuple[str, list[str]]] = []
            for child_key in node.children:
                child = nodes[child_key]
                if child.height == 0:
                    direct.append((child_key, []))
                    continue
                made = area(child, fallback_title=child.title(), leaves=importer.leaves(child_key))
                area_files.append(made)
                category["areas"].append(made["area"]["id"])
            if direct:
                notes.append(
                    f"{len(direct)} items directly under category {node.label()} were gathered into an area "
                    f"'{shorten(node.title(), 60)} (general)'"
                )
                made = area(None, fallback_title=f"{node.title()} (general)", leaves=direct)
                area_files.append(made)
                category["areas"].append(made["area"]["id"])
    if loose:
        if len(loose) != len(roots):
            notes.append(
                f"{len(loose)} top-level items with nothing under them were gathered into an area 'Other items'"
            )
        title = "Other items" if len(loose) != len(roots) else doc_title
        made = area(None, fallback_title=title, leaves=loose)
        area_files.append(made)
        synthetic_category()["areas"].append(made["area"]["id"])
    if synthetic is not None:
        synthetic["id"] = category_ids.claim(slugify(doc_title), fallback="general")
    if rubrics.partial:
        notes.append(
            f"{rubrics.partial} skills have descriptors for some levels only; the other levels' descriptors are empty"
        )
    off_skills = sum(1 for key in rubrics.by_item if key not in skill_keys)
    if off_skills:
        notes.append(
            f"{off_skills} rubric criteria describe items that are not skills here (groups or core values) and "
            "were not mapped; ctoprep keeps level descriptors for skills"
        )
    if intermediate:
        notes.append(
            f"{intermediate} skills sat more than one level below their area; the items in between are named in "
            "each skill's description ('Part of: ...')"
        )

    core_values = []
    core_ids = IdAllocator()
    for key in core_keys:
        node = nodes[key]
        core_values.append(
            {
                "id": core_ids.claim(
                    ext_id(node, "core-value"), slugify(node.code), slugify(node.title()), fallback="value"
                ),
                "title": node.title(),
                "description": node.description(notes),
                "indicators": _strings(node.extension.get("indicators"))
                or (parse_bullets(clean_text(node.item.get("notes"), nfc=True)) or {}).get("indicators", []),
            }
        )

    fw_id = framework_id or ""
    if not fw_id:
        ext_fw = _str(doc_ext, "id")
        fw_id = next(
            (
                c
                for c in (ext_fw, slugify(doc_title), f"case-{slugify(importer.doc_id)[:8]}")
                if ID_PATTERN.fullmatch(c)
            ),
            "imported-framework",
        )[:80]
    version = clean_text(document.get("version"), single_line=True)[:40] or _str(document, "lastChangeDateTime")[:10]
    source = clean_text(doc_ext.get("source"), nfc=True) if "source" in doc_ext else ""
    if "source" not in doc_ext:
        bits = [
            clean_text(document.get(k), single_line=True, nfc=True)
            for k in ("publisher", "creator", "officialSourceURL")
        ]
        seen = list(dict.fromkeys(b for b in bits if b))
        source = "; ".join(seen)
        if importer.doc_id:
            source += f"{'; ' if source else ''}CASE document {clean_text(importer.doc_id, single_line=True)[:80]}"
    licence = clean_text(doc_ext.get("licence"), nfc=True) if "licence" in doc_ext else ""
    if "licence" not in doc_ext:
        licences = {
            _str(lic, "identifier"): lic
            for lic in _list(_dict(importer.package.get("CFDefinitions")).get("CFLicenses"))
            if isinstance(lic, dict)
        }
        link = _dict(document.get("licenseURI"))
        found = licences.get(_str(link, "identifier"), {})
        licence = clean_text(found.get("licenseText"), nfc=True) or clean_text(link.get("title"), nfc=True)
        if _str(link, "uri") and not found:
            licence = f"{licence} ({_str(link, 'uri')})".strip() if licence else _str(link, "uri")
    attribution = (
        clean_text(doc_ext.get("attribution"), nfc=True)
        if "attribution" in doc_ext
        else f"Imported from the CASE package '{doc_title}'; the text is its publisher's."
    )
    framework_data: dict[str, Any] = {
        "framework": {
            "id": fw_id,
            "title": doc_title,
            "short_title": shorten(clean_text(doc_ext.get("short_title"), single_line=True), MAX_TITLE),
            "version": clean_text(version, single_line=True) or "1",
            "source": shorten(source, MAX_TEXT),
            "attribution": shorten(attribution, MAX_TEXT),
            "licence": shorten(licence, MAX_TEXT),
            "description": shorten(clean_text(document.get("description"), nfc=True), MAX_TEXT),
        },
        "scale": rubrics.scale,
        "pd_focuses": [{"id": k, "title": shorten(v, MAX_TITLE)} for k, v in declared_focuses.items()],
        "categories": categories,
        "core_values": core_values,
    }
    levels = [level["value"] for level in rubrics.scale["levels"]]
    target = levels[math.floor(0.75 * (len(levels) - 1) + 0.5)]
    profiles = {
        "profiles": [
            {
                "id": "proficient",
                "title": "Proficient across the framework",
                "description": "A starting point added by the import: the same target for every area. Edit it.",
                "default": True,
                "targets": [{"area": a["area"]["id"], "level": target} for a in area_files],
            }
        ]
    }
    files: dict[str, dict[str, Any]] = {"framework.toml": framework_data, "profiles.toml": profiles}
    for made in area_files:
        files[f"areas/{made['area']['id']}.toml"] = made
    notes.append(f"added a profile 'proficient' (target level {target} in every area) as a starting point")
    skills_with = sum(1 for a in area_files for s in a["skills"] if "level_descriptors" in s)
    counts = {
        "categories": len(categories),
        "areas": len(area_files),
        "skills": sum(len(a["skills"]) for a in area_files),
        "skills_with_descriptors": skills_with,
        "core_values": len(core_values),
        "levels": len(levels),
    }
    return CaseImport(fw_id, doc_title, files, notes, counts)


def describe(result: CaseImport) -> Iterable[str]:
    c = result.counts
    yield (
        f"{c['categories']} categories, {c['areas']} areas, {c['skills']} skills "
        f"({c['skills_with_descriptors']} with level descriptors), {c['core_values']} core values, "
        f"a {c['levels']}-level scale"
    )
