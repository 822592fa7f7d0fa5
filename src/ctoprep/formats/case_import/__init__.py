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

The package holds ``reading`` (the JSON file, fields read defensively, Markdown titles, exported
notes as bullets), ``tree`` (items and ``isChildOf`` associations rebuilt into a tree), ``rubrics``
(the scale and level descriptors) and ``build`` (``import_case``: folding the tree into the
framework folder's files). ``ctoprep.formats.case_import`` re-exports the public names.
"""

from ctoprep.formats.case_import.build import CaseImport, describe, import_case
from ctoprep.formats.case_import.reading import parse_bullets, plain_title, read_case_file
from ctoprep.formats.case_import.rubrics import DEFAULT_SCALE

__all__ = [
    "DEFAULT_SCALE",
    "CaseImport",
    "describe",
    "import_case",
    "parse_bullets",
    "plain_title",
    "read_case_file",
]
