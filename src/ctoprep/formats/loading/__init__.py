"""Loading frameworks and question banks: parse, validate each file, then resolve references.

Every problem in every file is collected before giving up, and each one names the file, the line
and column, and what to do. Nothing here prints; callers decide how to show problems.

The package holds ``documents`` (validating one TOML document, located problems and hints, duplicate
ids, pausing the GC for bulk loads), ``framework`` (reading a framework folder and resolving its
references), ``sections`` (resolving profiles, blueprint, recertification and catalogue) and ``banks``
(question banks and their warm-start cache). ``ctoprep.formats.loading`` re-exports the public names,
each imported from its module when it is first asked for: a warm bank load (``...loading.banks``, which
imports this package first) need not make the framework's two dozen file models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctoprep.formats.loading.banks import (
        CACHE_SCHEMA,
        banks_by_framework,
        check_question_banks,
        declared_framework_id,
        load_question_banks,
        parse_bank_file,
        question_counts_by_area,
    )
    from ctoprep.formats.loading.documents import MAX_PROBLEMS_PER_FILE, validate_document
    from ctoprep.formats.loading.framework import (
        AREAS_DIR,
        BLUEPRINT_FILE,
        CATALOGUE_FILE,
        FRAMEWORK_FILE,
        PROFILES_FILE,
        RECERTIFICATION_FILE,
        check_framework,
        load_framework,
    )

_MODULE_OF = {
    **dict.fromkeys(
        (
            "CACHE_SCHEMA",
            "banks_by_framework",
            "check_question_banks",
            "declared_framework_id",
            "load_question_banks",
            "parse_bank_file",
            "question_counts_by_area",
        ),
        "banks",
    ),
    **dict.fromkeys(("MAX_PROBLEMS_PER_FILE", "validate_document"), "documents"),
    **dict.fromkeys(
        (
            "AREAS_DIR",
            "BLUEPRINT_FILE",
            "CATALOGUE_FILE",
            "FRAMEWORK_FILE",
            "PROFILES_FILE",
            "RECERTIFICATION_FILE",
            "check_framework",
            "load_framework",
        ),
        "framework",
    ),
}

__all__ = [
    "AREAS_DIR",
    "BLUEPRINT_FILE",
    "CACHE_SCHEMA",
    "CATALOGUE_FILE",
    "FRAMEWORK_FILE",
    "MAX_PROBLEMS_PER_FILE",
    "PROFILES_FILE",
    "RECERTIFICATION_FILE",
    "banks_by_framework",
    "check_framework",
    "check_question_banks",
    "declared_framework_id",
    "load_framework",
    "load_question_banks",
    "parse_bank_file",
    "question_counts_by_area",
    "validate_document",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked for once
    return value
