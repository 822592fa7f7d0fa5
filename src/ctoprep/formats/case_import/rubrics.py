"""The proficiency scale and the per-skill level descriptors, from a CASE package's rubrics."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ctoprep.formats.case_import.reading import _extension, _list, _number, _str, plain_title
from ctoprep.formats.case_import.tree import _ROOT, _Importer
from ctoprep.formats.common import ID_PATTERN, MAX_TEXT, MAX_TITLE, clean_text, shorten, slugify

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

_MAX_LEVELS = 11


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
