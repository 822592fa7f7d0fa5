"""A framework as a 1EdTech CASE 1.1 CFPackage (the getCFPackage payload).

Mapping (see docs/interchange.md):

- the framework is the CFDocument; categories, skill areas and skills are CFItems with
  ``CFItemType`` "Category", "Skill Area" and "Skill", joined to their parents by ``isChildOf``
  associations numbered by ``sequenceNumber``; core values are "Core Value" items at the top;
- the proficiency scale and every skill's level descriptors form one CFRubric: a first criterion
  for the scale itself, pointing to a CFItem that describes the scale (CASE consumers such as
  OpenSALT read every criterion's ``CFItemURI``), and one criterion per skill that has descriptors;
- identifiers are uuid5 values derived from the framework id and each item's kind and id, so they
  stay the same every time the framework is exported;
- what CASE has no place for (our ids, indicators, evidence, PD focuses, aliases) travels in
  ``extensions.ctoprep`` and, for people, in ``notes``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ctoprep.core.models.framework import Area, Category, CoreValue, Framework, Skill

CASE_VERSION = "1.1"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ctoprep.invalid/case")
"""Root of every identifier ctoprep exports; never change it, or identifiers stop being stable."""
EXTENSION_KEY = "ctoprep"
EXTENSION_FORMAT = 1
DEFAULT_BASE_URI = "urn:uuid:"

ITEM_TYPES: dict[str, tuple[str, str, str]] = {
    # kind: (CFItemType title, hierarchyCode, description)
    "category": ("Category", "1", "A top-level grouping of skill areas."),
    "area": ("Skill Area", "2", "A skill area: a group of related essential skills."),
    "skill": ("Skill", "3", "An essential skill, rated on the framework's proficiency scale."),
    "core-value": ("Core Value", "4", "A cross-cutting value, rated separately from the skills."),
    "scale": (
        "Proficiency Scale",
        "5",
        "The scale every skill is rated on; its levels are the rubric's first criterion.",
    ),
}


def case_identifier(framework_id: str, kind: str = "", key: str = "") -> str:
    """The stable CASE identifier of the framework (no ``kind``) or of one of its parts."""
    document = uuid.uuid5(NAMESPACE, framework_id)
    if not kind:
        return str(document)
    return str(uuid.uuid5(document, f"{kind}:{key}"))


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bullets(title: str, lines: Sequence[str]) -> str:
    return f"{title}:\n" + "\n".join(f"- {line}" for line in lines) if lines else ""


class _Exporter:
    def __init__(self, framework: Framework, changed_at: datetime, base_uri: str) -> None:
        self.framework = framework
        self.changed = _timestamp(changed_at)
        self.base_uri = base_uri
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.used_types: dict[str, None] = {}
        self.document = self.ident()

    def ident(self, kind: str = "", key: str = "") -> str:
        return case_identifier(self.framework.id, kind, key)

    def uri(self, identifier: str) -> str:
        return f"{self.base_uri}{identifier}"

    def link(self, identifier: str, title: str) -> dict[str, str]:
        return {"title": title, "identifier": identifier, "uri": self.uri(identifier)}

    def item(
        self,
        kind: str,
        key: str,
        *,
        title: str,
        description: str,
        code: str,
        parent: tuple[str, str],
        sequence: int,
        notes: str = "",
        extension: dict[str, Any],
    ) -> dict[str, str]:
        identifier = self.ident(kind, key)
        type_title = ITEM_TYPES[kind][0]
        self.used_types[kind] = None
        item: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "fullStatement": description or title,
            "abbreviatedStatement": title,
            "humanCodingScheme": code,
            "listEnumeration": str(sequence),
            "CFItemType": type_title,
            "CFItemTypeURI": self.link(self.ident("item-type", kind), type_title),
            "language": "en",
            "lastChangeDateTime": self.changed,
            "extensions": {EXTENSION_KEY: {"format": EXTENSION_FORMAT, "kind": kind, **extension}},
        }
        if notes:
            item["notes"] = notes
        self.items.append(item)
        me = self.link(identifier, title)
        parent_id, parent_title = parent
        association = self.ident("isChildOf", f"{identifier}>{parent_id}")
        self.associations.append(
            {
                "identifier": association,
                "associationType": "isChildOf",
                "sequenceNumber": sequence,
                "uri": self.uri(association),
                "originNodeURI": me,
                "destinationNodeURI": self.link(parent_id, parent_title),
                "lastChangeDateTime": self.changed,
            }
        )
        return me

    def category(self, category: Category, sequence: int) -> None:
        me = self.item(
            "category",
            category.id,
            title=category.title,
            description=category.description,
            code=category.code or category.id,
            parent=(self.document, self.framework.title),
            sequence=sequence,
            extension={"id": category.id, "code": category.code},
        )
        for position, area in enumerate(category.areas, start=1):
            self.area(area, (me["identifier"], me["title"]), position)

    def area(self, area: Area, parent: tuple[str, str], sequence: int) -> None:
        me = self.item(
            "area",
            area.id,
            title=area.title,
            description=area.description,
            code=area.code or area.id,
            parent=parent,
            sequence=sequence,
            extension={
                "id": area.id,
                "code": area.code,
                "pd_focuses": list(area.pd_focuses),
                "aliases": list(area.aliases),
            },
        )
        for position, skill in enumerate(area.skills, start=1):
            self.skill(skill, (me["identifier"], me["title"]), position)

    def skill(self, skill: Skill, parent: tuple[str, str], sequence: int) -> None:
        notes = "\n\n".join(
            part
            for part in (
                _bullets("Indicators", skill.indicators),
                _bullets("Evidence", skill.evidence),
                f"Level 2 or 3? {skill.calibration}" if skill.calibration else "",
                _bullets("Mentor questions", skill.mentor_questions),
                _bullets("Crosswalk", skill.crosswalk),
            )
            if part
        )
        self.item(
            "skill",
            skill.id,
            title=skill.title,
            description=skill.description,
            code=skill.id,
            parent=parent,
            sequence=sequence,
            notes=notes,
            extension={
                "id": skill.id,
                "indicators": list(skill.indicators),
                "evidence": list(skill.evidence),
                "calibration": skill.calibration,
                "mentor_questions": list(skill.mentor_questions),
                "see_also": list(skill.see_also),
                "crosswalk": list(skill.crosswalk),
            },
        )

    def core_value(self, value: CoreValue, sequence: int) -> None:
        self.item(
            "core-value",
            value.id,
            title=value.title,
            description=value.description,
            code=value.id,
            parent=(self.document, self.framework.title),
            sequence=sequence,
            notes=_bullets("Indicators", value.indicators),
            extension={"id": value.id, "indicators": list(value.indicators)},
        )

    def scale(self, sequence: int) -> None:
        """An item for the scale, so that the rubric's scale criterion has a CFItemURI like every other."""
        scale = self.framework.scale
        self.item(
            "scale",
            scale.id,
            title=scale.title,
            description=f"{scale.title}: " + "; ".join(f"{lv.value} {lv.label}" for lv in scale.levels),
            code=scale.id,
            parent=(self.document, self.framework.title),
            sequence=sequence,
            notes=_bullets("Levels", [f"{lv.value} {lv.label}: {lv.descriptor}" for lv in scale.levels]),
            extension={"id": scale.id},
        )

    def related(self) -> None:
        """``see_also`` between skills as isRelatedTo associations."""
        titles = {s.id: s.title for s in self.framework.skills}
        for skill in self.framework.skills:
            for other in skill.see_also:
                if other not in titles:
                    continue
                origin, destination = self.ident("skill", skill.id), self.ident("skill", other)
                association = self.ident("isRelatedTo", f"{origin}>{destination}")
                self.associations.append(
                    {
                        "identifier": association,
                        "associationType": "isRelatedTo",
                        "uri": self.uri(association),
                        "originNodeURI": self.link(origin, skill.title),
                        "destinationNodeURI": self.link(destination, titles[other]),
                        "lastChangeDateTime": self.changed,
                    }
                )

    def rubric(self) -> dict[str, Any]:
        scale = self.framework.scale
        rubric_id = self.ident("rubric", scale.id)

        def criterion(key: str, position: int, description: str, descriptors: Sequence[str]) -> dict[str, Any]:
            criterion_id = self.ident("criterion", key)
            levels = []
            for index, (level, descriptor) in enumerate(zip(scale.levels, descriptors, strict=True)):
                level_id = self.ident("criterion-level", f"{key}@{level.value}")
                entry: dict[str, Any] = {
                    "identifier": level_id,
                    "uri": self.uri(level_id),
                    "quality": level.label,
                    "score": level.value,
                    "position": index,
                    "rubricCriterionId": criterion_id,
                    "lastChangeDateTime": self.changed,
                }
                if descriptor:
                    entry["description"] = descriptor
                levels.append(entry)
            return {
                "identifier": criterion_id,
                "uri": self.uri(criterion_id),
                "description": description,
                "position": position,
                "rubricId": rubric_id,
                "lastChangeDateTime": self.changed,
                "CFRubricCriterionLevels": levels,
            }

        scale_criterion = criterion(
            "scale", 0, f"Proficiency scale: {scale.title}", [level.descriptor for level in scale.levels]
        )
        scale_criterion["category"] = "Proficiency scale"
        scale_criterion["CFItemURI"] = self.link(self.ident("scale", scale.id), scale.title)
        criteria = [scale_criterion]
        for skill in self.framework.skills:
            if not skill.level_descriptors:
                continue
            entry = criterion(f"skill:{skill.id}", len(criteria), skill.title, skill.level_descriptors)
            entry["category"] = "Skill level descriptors"
            item_id = self.ident("skill", skill.id)
            entry["CFItemURI"] = self.link(item_id, skill.title)
            criteria.append(entry)
        return {
            "identifier": rubric_id,
            "uri": self.uri(rubric_id),
            "title": scale.title,
            "description": f"Levels of the proficiency scale and what each level means for each skill of "
            f"{self.framework.title}.",
            "lastChangeDateTime": self.changed,
            "CFRubricCriteria": criteria,
            "extensions": {EXTENSION_KEY: {"format": EXTENSION_FORMAT, "scale_id": scale.id}},
        }

    def document_entry(self) -> dict[str, Any]:
        fw = self.framework
        notes = "\n\n".join(part for part in (f"Source: {fw.source}" if fw.source else "", fw.attribution) if part)
        document: dict[str, Any] = {
            "identifier": self.document,
            "uri": self.uri(self.document),
            "frameworkType": "Competency framework",
            "caseVersion": CASE_VERSION,
            "creator": "ctoprep",
            "title": fw.title,
            "lastChangeDateTime": self.changed,
            "version": fw.version,
            "language": "en",
            "adoptionStatus": "Draft",
            "extensions": {
                EXTENSION_KEY: {
                    "format": EXTENSION_FORMAT,
                    "id": fw.id,
                    "short_title": fw.short_title,
                    "source": fw.source,
                    "attribution": fw.attribution,
                    "licence": fw.licence,
                    "pd_focuses": [{"id": f.id, "title": f.title} for f in fw.pd_focuses],
                }
            },
        }
        if fw.description:
            document["description"] = fw.description
        if notes:
            document["notes"] = notes
        if fw.licence:
            document["licenseURI"] = self.link(self.ident("licence"), f"License of {fw.title}")
        return document

    def definitions(self) -> dict[str, Any]:
        types = []
        for kind in self.used_types:
            title, hierarchy, description = ITEM_TYPES[kind]
            identifier = self.ident("item-type", kind)
            types.append(
                {
                    "identifier": identifier,
                    "uri": self.uri(identifier),
                    "title": title,
                    "description": description,
                    "hierarchyCode": hierarchy,
                    "typeCode": kind,
                    "lastChangeDateTime": self.changed,
                }
            )
        out: dict[str, Any] = {"CFItemTypes": types}
        if self.framework.licence:
            identifier = self.ident("licence")
            out["CFLicenses"] = [
                {
                    "identifier": identifier,
                    "uri": self.uri(identifier),
                    "title": f"License of {self.framework.title}",
                    "licenseText": self.framework.licence,
                    "lastChangeDateTime": self.changed,
                }
            ]
        return out


def export_case(
    framework: Framework, *, changed_at: datetime | None = None, base_uri: str = DEFAULT_BASE_URI
) -> dict[str, Any]:
    """The CFPackage of ``framework`` as JSON-ready data.

    Args:
        framework: The resolved framework.
        changed_at: The ``lastChangeDateTime`` of every record (default: now).
        base_uri: Prefix of every record's ``uri``; the identifier is appended. The default,
            ``urn:uuid:``, makes URIs that resolve nowhere, which is right for an offline tool;
            give your publishing server's address to make them resolvable.
    """
    exporter = _Exporter(framework, changed_at or datetime.now(UTC), base_uri)
    document = exporter.document_entry()
    for position, category in enumerate(framework.categories, start=1):
        exporter.category(category, position)
    for offset, value in enumerate(framework.core_values, start=len(framework.categories) + 1):
        exporter.core_value(value, offset)
    exporter.scale(len(framework.categories) + len(framework.core_values) + 1)
    exporter.related()
    return {
        "CFDocument": document,
        "CFItems": exporter.items,
        "CFAssociations": exporter.associations,
        "CFDefinitions": exporter.definitions(),
        "CFRubrics": [exporter.rubric()],
    }
