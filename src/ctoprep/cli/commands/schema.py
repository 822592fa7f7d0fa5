"""``ctoprep schema``: write JSON Schema files for the TOML formats (for Taplo / Even Better TOML)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import ModuleType

SCHEMA_FILES = {
    "framework.schema.json": ("ctoprep.core.models.files", "FrameworkFile"),
    "area.schema.json": ("ctoprep.core.models.files", "AreaFile"),
    "profiles.schema.json": ("ctoprep.core.models.files", "ProfilesFile"),
    "blueprint.schema.json": ("ctoprep.core.models.files", "BlueprintFile"),
    "catalogue.schema.json": ("ctoprep.core.models.files", "CatalogueFile"),
    "recertification.schema.json": ("ctoprep.core.models.files", "RecertificationFile"),
    "question-bank.schema.json": ("ctoprep.core.models.questions", "QuestionBankFile"),
    "assessment.schema.json": ("ctoprep.core.models.assessment_file", "Assessment"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema",
        description=(
            "Write JSON Schema files for the framework, bank and assessment formats, so an editor (Taplo, Even Better"
            " TOML, VS Code) can check and complete them as you type."
        ),
        help="write JSON Schema files for the TOML and JSON formats",
    )
    p.add_argument("-o", "--output", type=Path, default=Path("schemas"), help="folder to write (default: schemas)")
    p.add_argument("--check", action="store_true", help="exit 1 if the files in the folder are out of date")
    p.set_defaults(func=run)


def attribute_docstrings(modules: list[ModuleType]) -> None:
    """Give each file model's fields the docstring written under them as their description.

    The string literal after a field is read from the module's source, as pydantic's
    ``use_attribute_docstrings`` would, but only here: the schema is the one place that shows it. A
    description given explicitly wins. Every model of the modules is then rebuilt, in the order it was
    defined, so a model's schema holds its nested models' new descriptions.
    """
    import ast
    import inspect

    from pydantic import BaseModel

    from ctoprep.core.models.file_base import FileModel

    docs: dict[tuple[str, str], dict[str, str]] = {}
    for module in modules:
        for node in ast.parse(inspect.getsource(module)).body:
            if not isinstance(node, ast.ClassDef):
                continue
            found: dict[str, str] = {}
            for field, after in zip(node.body, [*node.body[1:], None], strict=True):
                if (
                    isinstance(field, ast.AnnAssign)
                    and isinstance(field.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    found[field.target.id] = inspect.cleandoc(after.value.value)
            docs[(module.__name__, node.name)] = found
    models = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, FileModel) and value.__module__ == module.__name__
    ]
    for model in models:
        for name, info in model.model_fields.items():
            if info.description is not None:
                continue
            for base in model.__mro__:  # the nearest class that wrote the field documents it
                if not (isinstance(base, type) and issubclass(base, BaseModel)):
                    continue
                text = docs.get((base.__module__, base.__name__), {}).get(name)
                if text is not None:
                    info.description = text
                    break
    for model in models:
        model.model_rebuild(force=True)


def schemas() -> dict[str, str]:
    import importlib

    modules = [importlib.import_module(module) for module, _ in SCHEMA_FILES.values()]
    attribute_docstrings([m for m in dict.fromkeys(modules) if m.__name__ != "ctoprep.core.models.assessment_file"])
    out = {}
    for name, (module, cls) in SCHEMA_FILES.items():
        model = getattr(importlib.import_module(module), cls)
        schema = model.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["$id"] = f"https://ctoprep.invalid/schemas/{name}"
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.formats.atomic import write_text_atomic

    folder: Path = args.output
    stale = []
    if not args.check:
        folder.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        path = folder / name
        if args.check:
            try:
                current = path.read_text(encoding="utf-8")
            except OSError:
                current = None
            if current != text:
                stale.append(name)
            continue
        write_text_atomic(path, text, mode=0o644)
        output.out().print(f"wrote {path}", markup=False)
    if stale:
        return output.fail(f"out of date in {folder}: {', '.join(stale)}", "run 'ctoprep schema'")
    return 0
