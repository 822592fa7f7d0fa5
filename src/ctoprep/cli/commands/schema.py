"""``ctoprep schema``: write JSON Schema files for the TOML formats (for Taplo / Even Better TOML)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SCHEMA_FILES = {
    "framework.schema.json": ("ctoprep.core.models.files", "FrameworkFile"),
    "area.schema.json": ("ctoprep.core.models.files", "AreaFile"),
    "profiles.schema.json": ("ctoprep.core.models.files", "ProfilesFile"),
    "blueprint.schema.json": ("ctoprep.core.models.files", "BlueprintFile"),
    "catalogue.schema.json": ("ctoprep.core.models.files", "CatalogueFile"),
    "recertification.schema.json": ("ctoprep.core.models.files", "RecertificationFile"),
    "question-bank.schema.json": ("ctoprep.core.models.questions", "QuestionBankFile"),
    "assessment.schema.json": ("ctoprep.core.models.assessment", "Assessment"),
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


def schemas() -> dict[str, str]:
    import importlib

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
