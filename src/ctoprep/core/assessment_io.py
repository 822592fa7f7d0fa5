"""Assessment documents in and out: the trust boundary for files someone sent.

Everything read here may be hostile: it is size-limited, parsed as JSON, checked for its format
and schema version, validated, and then mapped onto a framework by skill id.

pydantic and the document models are imported only to read or write a file: mapping a stored
assessment onto its framework (every report) needs neither.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ctoprep.core.decoding import decode_utf8
from ctoprep.core.models.assessment import ASSESSMENT_FORMAT, ASSESSMENT_SCHEMA_VERSION, Assessment
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError, Problem, Severity, format_key_path

if TYPE_CHECKING:
    from pydantic import ValidationError

MAX_ASSESSMENT_BYTES = 5 * 1024 * 1024


def json_problem(shown: str, data: bytes, exc: json.JSONDecodeError) -> Problem:
    return Problem(
        shown,
        f"not valid JSON: {exc.msg}",
        line=exc.lineno,
        col=exc.colno,
        hint="the file may be truncated or edited by hand",
    )


def parse_json_document(data: bytes, shown: str, expected_format: str, known_version: int) -> dict[str, Any]:
    """Decode a JSON document and check its ``format`` and ``schema_version`` fields."""
    text = decode_utf8(data, shown, "JSON text")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError([json_problem(shown, data, exc)]) from None
    except RecursionError:
        raise ContentError([Problem(shown, "JSON is nested too deeply")]) from None
    if not isinstance(doc, dict):
        raise ContentError([Problem(shown, "expected a JSON object at the top level")])
    fmt = doc.get("format")
    if fmt != expected_format:
        raise ContentError(
            [
                Problem(
                    shown, f"not a {expected_format} file (format is {fmt!r})", hint="check you picked the right file"
                )
            ]
        )
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ContentError([Problem(shown, f"schema_version must be a positive whole number, got {version!r}")])
    if version > known_version:
        raise ContentError(
            [
                Problem(
                    shown,
                    f"this file uses schema version {version}; this ctoprep reads up to version {known_version}",
                    hint="upgrade ctoprep to open it",
                )
            ]
        )
    # an editor's pointer to the JSON Schema ("$schema": "...") is for the editor, not part of the data
    return {key: value for key, value in doc.items() if key != "$schema"}


def validation_problems(shown: str, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False, include_input=False, include_context=False):
        path = format_key_path(err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        out.append(Problem(shown, f"{path}: {msg}" if path else msg, key_path=path))
    return out


def parse_assessment(data: bytes, shown: str = "<assessment>") -> Assessment:
    """Parse and validate an assessment document (raises :class:`ContentError`)."""
    if len(data) > MAX_ASSESSMENT_BYTES:
        raise ContentError(
            [Problem(shown, f"file is too large for an assessment (limit {MAX_ASSESSMENT_BYTES // 1024 // 1024} MB)")]
        )
    from pydantic import ValidationError

    from ctoprep.core.models import assessment_file

    doc = parse_json_document(data, shown, ASSESSMENT_FORMAT, ASSESSMENT_SCHEMA_VERSION)
    try:
        document = assessment_file.Assessment.model_validate(doc)
    except ValidationError as exc:
        raise ContentError(validation_problems(shown, exc)) from None
    return assessment_file.to_resolved(document)


def assessment_to_json(assessment: Assessment) -> str:
    from ctoprep.core.models import assessment_file

    return assessment_file.to_document(assessment).model_dump_json(indent=2) + "\n"


@dataclass(frozen=True)
class FrameworkFit:
    """An assessment made to fit a framework, and what did not fit."""

    assessment: Assessment
    unmapped: list[str] = field(default_factory=list)
    out_of_scale: list[str] = field(default_factory=list)
    version_differs: bool = False

    def warnings(self, shown: str) -> list[Problem]:
        out = []
        if self.version_differs:
            out.append(
                Problem(
                    shown,
                    "assessment was made for another version of the framework; ratings were matched by skill id",
                    severity=Severity.WARNING,
                )
            )
        if self.unmapped:
            out.append(
                Problem(
                    shown,
                    f"{len(self.unmapped)} rating(s) name skills this framework does not have "
                    f"and were left out: {', '.join(sorted(self.unmapped))}",
                    severity=Severity.WARNING,
                )
            )
        if self.out_of_scale:
            out.append(
                Problem(
                    shown,
                    f"{len(self.out_of_scale)} rating(s) have levels outside the scale and were "
                    f"treated as not rated: {', '.join(sorted(self.out_of_scale))}",
                    severity=Severity.WARNING,
                )
            )
        return out


def map_to_framework(assessment: Assessment, framework: Framework) -> FrameworkFit:
    """Keep ratings whose skill the framework has and whose level is on its scale.

    Raises:
        ContentError: the assessment is for a different framework altogether.
    """
    if assessment.framework.id != framework.id:
        raise ContentError(
            [Problem(assessment.id, f"assessment is for framework {assessment.framework.id!r}, not {framework.id!r}")]
        )
    values = set(framework.scale.values)
    skills = framework.skill_by_id
    unmapped = [sid for sid in assessment.ratings if sid not in skills]
    out_of_scale = [
        sid for sid, r in assessment.ratings.items() if sid in skills and r.level is not None and r.level not in values
    ]
    core_ids = {v.id for v in framework.core_values}
    ratings = {
        sid: (r if sid not in out_of_scale else dataclasses.replace(r, level=None))
        for sid, r in assessment.ratings.items()
        if sid in skills
    }
    core = {
        cid: r
        for cid, r in assessment.core_values.items()
        if cid in core_ids and (r.level is None or r.level in values)
    }
    changed = bool(unmapped or out_of_scale) or len(core) != len(assessment.core_values)
    fitted = dataclasses.replace(assessment, ratings=ratings, core_values=core) if changed else assessment
    return FrameworkFit(fitted, unmapped, out_of_scale, assessment.framework.version != framework.version)
