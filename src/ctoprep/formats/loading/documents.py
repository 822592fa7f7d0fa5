"""Reading and validating one TOML document: located problems with 'did you mean' hints, duplicate ids."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean
from ctoprep.formats.toml_source import TomlDocument, load_toml

M = TypeVar("M", bound=BaseModel)


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


def load_doc(path: Path, problems: list[Problem]) -> TomlDocument | None:
    try:
        return load_toml(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def duplicates(
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
