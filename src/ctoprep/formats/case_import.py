"""A CASE package published by anyone, turned into a ctoprep framework folder's data.

Real packages are messy: optional fields missing, extra fields, items with no parent or with
several, several roots, cycles, Markdown, associations to other documents. Nothing here trusts
the input's shape: every field is read defensively, and whatever cannot be mapped is said in
:attr:`CaseImport.notes` instead of being dropped silently.

The hierarchy is rebuilt from ``isChildOf`` and folded into categories -> areas -> skills:

- a single top item over a deeper tree is only a wrapper: its children are used instead;
- a top item two or more levels deep is a category, its children are areas, and every leaf
  below an area is a skill (items in between become a "Part of:" line in the skill's description);
- a top item one level deep is an area, in a category named after the document;
- leaves found where an area was expected are gathered into an extra area.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctoprep.core.problems import ContentError, Problem, display_path
from ctoprep.formats.case_export import EXTENSION_KEY
from ctoprep.formats.common import (
    ID_PATTERN,
    MAX_TEXT,
    MAX_TITLE,
    IdAllocator,
    clean_text,
    read_text_file,
    shorten,
    slugify,
)

DEFAULT_SCALE: dict[str, Any] = {
    "id": "evidence-0-4",
    "title": "Evidence-anchored proficiency",
    "levels": [
        {"value": 0, "label": "Not yet", "descriptor": "Has not done this work and could not yet describe it."},
        {"value": 1, "label": "Aware", "descriptor": "Can explain what the work involves, but has not done it."},
        {"value": 2, "label": "With support", "descriptor": "Has done the work with guidance or a template."},
        {"value": 3, "label": "Independently", "descriptor": "Does the work alone, repeatedly, and can show it."},
        {"value": 4, "label": "Leads and teaches", "descriptor": "Leads others in the work and coaches peers."},
    ],
}
"""Used when the package has no rubric that maps onto a scale (ctoprep's own 0-4 scale)."""

_ROOT = "\0document"
_TITLE_SOFT_LIMIT = 120
_MAX_LEVELS = 11
_CODE_LIMIT = 20
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|`|~~)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_](?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s*|[-*+]\s+)")


@dataclass
class CaseImport:
    """What a package became: TOML-ready data per file of the framework folder, and notes."""

    framework_id: str
    title: str
    files: dict[str, dict[str, Any]]
    """Path inside the folder (``framework.toml``, ``areas/<id>.toml``, ``profiles.toml``) -> data."""
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def read_case_file(path: Path) -> Any:
    """Parse a CASE JSON file; malformed JSON is a :class:`ContentError` with line and column."""
    shown = display_path(path)
    text = read_text_file(path, what="JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError([Problem(shown, f"not valid JSON: {exc.msg}", line=exc.lineno, col=exc.colno)]) from None
    except RecursionError:
        raise ContentError([Problem(shown, "JSON is nested too deeply to be a CASE package", line=1, col=1)]) from None


# reading the package defensively ------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _strings(value: Any, limit: int = MAX_TEXT) -> list[str]:
    return [shorten(text, limit) for v in _list(value) if (text := clean_text(v, nfc=True))]


def _extension(obj: dict[str, Any]) -> dict[str, Any]:
    return _dict(_dict(obj.get("extensions")).get(EXTENSION_KEY))


def plain_title(text: str) -> str:
    """A one-line title from a statement that may hold Markdown."""
    lines = [_MD_HEADING.sub("", line) for line in text.split("\n")]
    flat = " ".join(" ".join(lines).split())
    flat = _MD_LINK.sub(r"\1", flat)
    flat = _MD_MARKS.sub("", flat)
    return _MD_EMPHASIS.sub(r"\1", flat).strip()


def _short_title(text: str) -> str:
    """A title from a (possibly long) full statement: its first sentence, shortened if need be."""
    title = plain_title(text)
    if len(title) <= _TITLE_SOFT_LIMIT:
        return title
    end = title.find(". ")
    if 0 < end < _TITLE_SOFT_LIMIT:
        return title[: end + 1]
    return shorten(title, _TITLE_SOFT_LIMIT)


_SECTIONS = {
    "indicators": "indicators",
    "evidence": "evidence",
    "mentor questions": "mentor_questions",
    "crosswalk": "crosswalk",
}
_CALIBRATION = "Level 2 or 3? "


def parse_bullets(notes: str) -> dict[str, list[str]] | None:
    """Indicators and evidence from notes written as ctoprep exports them, else ``None``::

    Indicators:
    - ...

    Evidence:
    - ...
    """
    found: dict[str, list[str]] = {}
    for section in notes.split("\n\n"):
        if section.strip().startswith(_CALIBRATION) and "calibration" not in found:
            found["calibration"] = [shorten(section.strip().removeprefix(_CALIBRATION).strip(), MAX_TEXT)]
            continue
        head, _, body = section.strip().partition("\n")
        key = _SECTIONS.get(head.strip().rstrip(":").casefold())
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        if key is None or key in found or not head.strip().endswith(":") or not lines:
            return None
        if not all(line.startswith("- ") for line in lines):
            return None
        found[key] = [shorten(line[2:].strip(), MAX_TEXT) for line in lines if line[2:].strip()]
    return found or None


@dataclass
class _Node:
    key: str
    order: int
    item: dict[str, Any]
    parent: str | None = None
    sequence: float | None = None
    association_order: int = 0
    placed: bool = False
    """An isChildOf association in this package placed it (under the document or an item)."""
    children: list[str] = field(default_factory=list)
    height: int = 0

    @property
    def extension(self) -> dict[str, Any]:
        return _extension(self.item)

    @property
    def code(self) -> str:
        return clean_text(self.item.get("humanCodingScheme"), single_line=True, nfc=True)

    @property
    def item_type(self) -> str:
        kind = clean_text(self.item.get("CFItemType"), single_line=True)
        return kind or clean_text(_dict(self.item.get("CFItemTypeURI")).get("title"), single_line=True)

    def title(self) -> str:
        abbreviated = plain_title(clean_text(self.item.get("abbreviatedStatement"), nfc=True))
        if abbreviated:
            return shorten(abbreviated, MAX_TITLE)
        full = clean_text(self.item.get("fullStatement"), nfc=True)
        if full:
            return shorten(_short_title(full), MAX_TITLE)
        return shorten(self.code, MAX_TITLE) or "Untitled item"

    def description(self, notes: list[str]) -> str:
        full = clean_text(self.item.get("fullStatement"), nfc=True)
        if plain_title(full) == self.title():
            full = ""
        extra = clean_text(self.item.get("notes"), nfc=True)
        if extra and not self.extension and parse_bullets(extra) is None:
            full = f"{full}\n\nNotes: {extra}" if full else f"Notes: {extra}"
        if len(full) > MAX_TEXT:
            notes.append(f"the statement of {self.label()} was shortened to {MAX_TEXT} characters")
        return shorten(full, MAX_TEXT)

    def label(self) -> str:
        code = self.code
        return f"'{shorten(self.title(), 60)}'" + (f" ({shorten(code, 30)})" if code else "")


class _Importer:
    def __init__(self, package: dict[str, Any], shown: str) -> None:
        self.shown = shown
        self.notes: list[str] = []
        self.document = _dict(package.get("CFDocument"))
        self.doc_id = _str(self.document, "identifier")
        self.doc_uri = _str(self.document, "uri")
        self.nodes: dict[str, _Node] = {}
        self.by_uri: dict[str, str] = {}
        self.package = package

    def error(self, message: str, hint: str = "") -> ContentError:
        return ContentError([Problem(self.shown, message, hint=hint)])

    # items and associations -----------------------------------------------------------------
    def read_items(self) -> None:
        raw_items = self.package.get("CFItems")
        if raw_items is not None and not isinstance(raw_items, list):
            raise self.error("CFItems is not a list", "a CASE package lists its items in CFItems: [...]")
        skipped = duplicates = unnamed = 0
        for order, raw in enumerate(_list(raw_items)):
            if not isinstance(raw, dict):
                skipped += 1
                continue
            key = _str(raw, "identifier").strip()
            if not key:
                unnamed += 1
                key = f"\0item-{order}"
            if key in self.nodes:
                duplicates += 1
                continue
            self.nodes[key] = _Node(key, order, raw)
            uri = _str(raw, "uri")
            if uri:
                self.by_uri.setdefault(uri, key)
        if skipped:
            self.notes.append(f"{skipped} entries of CFItems are not objects and were skipped")
        if duplicates:
            self.notes.append(f"{duplicates} CFItems repeat an identifier already used; the first of each was kept")
        if unnamed:
            self.notes.append(f"{unnamed} CFItems have no identifier; they were kept but nothing can refer to them")
        if not self.nodes:
            raise self.error("the package has no CFItems: there is nothing to import")

    def resolve(self, ref: Any, identifier: Any = None) -> str | None:
        """The node key a link points at, ``_ROOT`` for this document, ``None`` for anything else."""
        candidates: list[tuple[str, str]] = []
        if isinstance(ref, dict):
            candidates += [("id", _str(ref, "identifier")), ("uri", _str(ref, "uri"))]
        elif isinstance(ref, str):
            candidates += [("uri", ref), ("id", ref)]
        if isinstance(identifier, str):
            candidates.append(("id", identifier))
        for kind, value in candidates:
            if not value:
                continue
            if kind == "id" and value in self.nodes:
                return value
            if kind == "uri" and value in self.by_uri:
                return self.by_uri[value]
            if value in (self.doc_id, self.doc_uri):
                return _ROOT
        return None

    def read_associations(self) -> None:
        raw = self.package.get("CFAssociations")
        other_types: Counter[str] = Counter()
        outside_origin = outside_parent = self_links = 0
        candidates: dict[str, list[tuple[str, float | None, int]]] = {}
        for order, assoc in enumerate(_list(raw)):
            if not isinstance(assoc, dict):
                continue
            kind = _str(assoc, "associationType")
            if kind.casefold() != "ischildof":
                other_types[clean_text(kind, single_line=True)[:40] or "(no type)"] += 1
                continue
            child = self.resolve(assoc.get("originNodeURI"), assoc.get("originNodeIdentifier"))
            parent = self.resolve(assoc.get("destinationNodeURI"), assoc.get("destinationNodeIdentifier"))
            if child is None or child == _ROOT:
                outside_origin += 1
                continue
            if parent is None:
                outside_parent += 1
                continue
            if parent == child:
                self_links += 1
                continue
            candidates.setdefault(child, []).append((parent, _number(assoc.get("sequenceNumber")), order))
        if other_types:
            listed = ", ".join(f"{n} {kind!r}" for kind, n in other_types.most_common())
            self.notes.append(
                f"associations other than isChildOf are not mapped (ctoprep keeps only the tree): {listed}"
            )
        if outside_origin:
            self.notes.append(f"{outside_origin} isChildOf associations start outside this package and were ignored")
        if outside_parent:
            self.notes.append(
                f"{outside_parent} isChildOf associations point to a parent in another document; "
                "those items were kept under their parent here, if any, else at the top"
            )
        if self_links:
            self.notes.append(f"{self_links} isChildOf associations link an item to itself and were ignored")
        several = 0
        for child, options in candidates.items():
            in_items = [o for o in options if o[0] != _ROOT]
            chosen = (in_items or options)[0]
            if len({o[0] for o in in_items}) > 1:
                several += 1
            node = self.nodes[child]
            node.parent = None if chosen[0] == _ROOT else chosen[0]
            node.sequence = chosen[1]
            node.association_order = chosen[2]
            node.placed = True
        if several:
            self.notes.append(f"{several} items have more than one parent; each was placed under the first one")
        self.break_cycles()
        for node in self.nodes.values():
            if node.parent is not None:
                self.nodes[node.parent].children.append(node.key)
        for node in self.nodes.values():
            node.children.sort(key=self.sort_key)
        if not candidates and len(self.nodes) > 1:
            self.notes.append("the package has no isChildOf associations: its items were read as one flat list")

    def sort_key(self, key: str) -> tuple[bool, float, int, int]:
        node = self.nodes[key]
        seq = node.sequence
        return (seq is None, seq if seq is not None else 0.0, node.association_order, node.order)

    def break_cycles(self) -> None:
        state: dict[str, int] = {}
        broken = 0
        for start in self.nodes:
            path: list[str] = []
            on_path: set[str] = set()
            key: str | None = start
            while key is not None and state.get(key, 0) == 0 and key not in on_path:
                path.append(key)
                on_path.add(key)
                key = self.nodes[key].parent
            if key is not None and key in on_path:
                self.nodes[key].parent = None  # the loop is cut where the walk came back round
                broken += 1
            for visited in path:
                state[visited] = 2
        if broken:
            self.notes.append(f"{broken} loops of isChildOf were cut; an item of each loop was put at the top")

    def compute_heights(self) -> None:
        for root in (n for n in self.nodes.values() if n.parent is None):
            stack: list[tuple[str, bool]] = [(root.key, False)]
            while stack:
                key, done = stack.pop()
                node = self.nodes[key]
                if done:
                    node.height = 1 + max((self.nodes[c].height for c in node.children), default=-1)
                    continue
                stack.append((key, True))
                stack.extend((c, False) for c in node.children)

    def roots(self) -> list[str]:
        tops = [n.key for n in self.nodes.values() if n.parent is None]
        tops.sort(key=self.sort_key)
        unplaced = sum(1 for k in tops if not self.nodes[k].placed)
        if unplaced and len(tops) > unplaced:
            self.notes.append(f"{unplaced} items had no parent in this package and were placed at the top")
        return tops

    def leaves(self, key: str) -> list[tuple[str, list[str]]]:
        """Every leaf under ``key`` in order, with the titles of the items in between."""
        out: list[tuple[str, list[str]]] = []
        stack: list[tuple[str, list[str]]] = [(c, []) for c in reversed(self.nodes[key].children)]
        while stack:
            child, trail = stack.pop()
            node = self.nodes[child]
            if not node.children:
                out.append((child, trail))
                continue
            inner = [*trail, node.title()]
            stack.extend((c, inner) for c in reversed(node.children))
        return out


def _level_values(levels: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Levels in order with an integer value each: their scores when usable, else 0, 1, 2..."""
    scores = [_number(level.get("score")) for level in levels]
    positions = [_number(level.get("position")) for level in levels]
    if all(s is not None for s in scores) and len(set(scores)) == len(scores):
        ordered = sorted(zip(scores, range(len(levels)), strict=True))
        values = [s for s, _ in ordered]
        if all(v is not None and v.is_integer() and 0 <= v <= 100 for v in values):
            return [(int(s), levels[i]) for s, i in ordered if s is not None]
        return [(n, levels[i]) for n, (_, i) in enumerate(ordered)]
    if all(p is not None for p in positions) and len(set(positions)) == len(positions):
        ordered_p = sorted(zip(positions, range(len(levels)), strict=True))
        return [(n, levels[i]) for n, (_, i) in enumerate(ordered_p)]
    return list(enumerate(levels))


def _level_text(level: dict[str, Any]) -> str:
    return shorten(
        clean_text(level.get("description"), nfc=True) or clean_text(level.get("feedback"), nfc=True), MAX_TEXT
    )


class _RubricMap:
    """The scale and the per-item level descriptors found in the package's rubrics."""

    def __init__(self, importer: _Importer) -> None:
        self.importer = importer
        self.scale: dict[str, Any] = DEFAULT_SCALE
        self.by_item: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.partial = 0
        """Skills whose rubric describes some levels only."""
        self.build()

    def build(self) -> None:
        notes = self.importer.notes
        rubrics = [r for r in _list(self.importer.package.get("CFRubrics")) if isinstance(r, dict)]
        if not rubrics:
            notes.append(
                "the package has no CFRubrics: the default 0-4 scale was used and skills have no level descriptors"
            )
            return

        def linked(rubric: dict[str, Any]) -> int:
            return sum(
                1
                for c in _list(rubric.get("CFRubricCriteria"))
                if isinstance(c, dict) and self.importer.resolve(c.get("CFItemURI")) not in (None, _ROOT)
            )

        rubric = max(rubrics, key=linked)
        if len(rubrics) > 1:
            name = shorten(clean_text(rubric.get("title"), single_line=True), 60) or "the first"
            notes.append(f"the package has {len(rubrics)} CFRubrics; only '{name}' was used")
        criteria = [c for c in _list(rubric.get("CFRubricCriteria")) if isinstance(c, dict)]
        general: list[dict[str, Any]] = []
        per_item: list[tuple[str, list[dict[str, Any]]]] = []
        outside = 0
        for criterion in criteria:
            levels = [lv for lv in _list(criterion.get("CFRubricCriterionLevels")) if isinstance(lv, dict)]
            target = self.importer.resolve(criterion.get("CFItemURI"))
            node = self.importer.nodes.get(target) if target not in (None, _ROOT) else None
            describes_scale = node is not None and (
                _str(node.extension, "kind") == "scale" or node.item_type.casefold() == "proficiency scale"
            )
            if criterion.get("CFItemURI") is None or target == _ROOT or describes_scale:
                if not general:
                    general = levels
            elif target is None:
                outside += 1
            else:
                per_item.append((target, levels))
        if outside:
            notes.append(f"{outside} rubric criteria refer to items outside this package and were not mapped")
        scale_levels = _level_values(general) if general else []
        if not scale_levels and per_item:
            shapes = Counter(tuple(v for v, _ in _level_values(levels)) for _, levels in per_item if levels)
            if shapes:
                shape = shapes.most_common(1)[0][0]
                for _, levels in per_item:
                    mapped = _level_values(levels)
                    if tuple(v for v, _ in mapped) == shape:
                        scale_levels = [(v, {"quality": lv.get("quality")}) for v, lv in mapped]
                        break
        if not 2 <= len(scale_levels) <= _MAX_LEVELS:
            notes.append(
                f"the rubric has {len(scale_levels)} levels where ctoprep needs 2 to {_MAX_LEVELS}: the default "
                "0-4 scale was used"
            )
            scale_levels = []
        if scale_levels:
            title = plain_title(clean_text(rubric.get("title"), nfc=True)) or "Proficiency scale"
            self.scale = {
                "id": slugify(title) or "scale",
                "title": shorten(title, MAX_TITLE),
                "levels": [
                    {
                        "value": value,
                        "label": shorten(
                            plain_title(clean_text(level.get("quality"), nfc=True)) or f"Level {value}", MAX_TITLE
                        ),
                        "descriptor": _level_text(level),
                    }
                    for value, level in scale_levels
                ],
            }
            ext_scale = _str(_extension(rubric), "scale_id")
            if ID_PATTERN.fullmatch(ext_scale) and len(ext_scale) <= 80:
                self.scale["id"] = ext_scale
        values = [level["value"] for level in self.scale["levels"]]
        unmapped = 0
        for target, levels in per_item:
            mapped = _level_values(levels)
            if [v for v, _ in mapped] != values:
                if len(mapped) == len(values):
                    mapped = [(v, lv) for v, (_, lv) in zip(values, mapped, strict=True)]
                else:
                    unmapped += 1
                    continue
            self.by_item.setdefault(target, mapped)
        if unmapped:
            notes.append(f"{unmapped} rubric criteria have levels that do not fit the scale and were not mapped")

    def descriptors(self, key: str) -> list[str] | None:
        mapped = self.by_item.get(key)
        if mapped is None:
            return None
        texts = [_level_text(level) for _, level in mapped]
        if not any(texts):
            return None
        if not all(texts):
            self.partial += 1
        return texts


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
