"""``ctoprep import-case FILE.json [-o DIR]``: a CASE package from anyone as a ctoprep framework."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctoprep.services.content import Library

SCHEMAS = {"framework.toml": "framework.schema.json", "profiles.toml": "profiles.schema.json"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-case",
        help="turn a CASE package (JSON) into a framework you can assess yourself against",
        description="Read a 1EdTech CASE 1.0/1.1 package and write a ctoprep framework folder: the "
        "isChildOf tree folded into categories, areas and skills, the rubric mapped onto a scale. "
        "Everything that could not be mapped is listed. By default the framework goes into your "
        "data folder, ready to use. See docs/interchange.md.",
    )
    p.add_argument("file", type=Path, help="the CASE package (a CFPackage JSON file)")
    p.add_argument(
        "-o", "--output", type=Path, help="framework folder to write (default: <data folder>/frameworks/<id>)"
    )
    p.add_argument("--id", help="framework id to use (default: from the package's title)")
    p.add_argument("--force", action="store_true", help="replace an existing framework folder")
    p.add_argument("--json", action="store_true", help="print a machine-readable report")
    p.set_defaults(func=run)


def _write_folder(
    folder: Path, target: Path, files: dict[str, dict[str, object]], comment: str, library: Library
) -> None:
    from ctoprep.formats.atomic import write_text_atomic
    from ctoprep.formats.toml_writer import dumps, schema_reference

    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        schema_name = SCHEMAS.get(relative, "area.schema.json")
        schema = schema_reference((target / relative).parent, library.user_schema(schema_name))
        write_text_atomic(path, dumps(data, schema=schema, comments=[comment]), mode=0o600)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.problems import ContentError, Problem, Severity, display_path
    from ctoprep.formats.case_import import describe, import_case, read_case_file
    from ctoprep.formats.common import ID_PATTERN
    from ctoprep.formats.loading import FRAMEWORK_FILE, check_framework
    from ctoprep.services.content import Library
    from ctoprep.services.folders import make_private_folder

    if args.id is not None and not (ID_PATTERN.fullmatch(args.id) and len(args.id) <= 80):
        return output.fail(f"--id {args.id!r} is not a usable id", "lower-case letters, digits, '.', '-' and '_'")
    shown = display_path(args.file)
    result = import_case(read_case_file(args.file), shown=shown, framework_id=args.id)
    library = Library(args.home)
    target: Path = args.output or library.user_frameworks_dir / result.framework_id
    if args.output is None:
        entries, _ = library.entries()
        for entry in entries:
            if entry.id == result.framework_id and entry.path.resolve() != target.resolve():
                return output.fail(
                    f"a framework with id {result.framework_id!r} already exists ({entry.origin}, "
                    f"{display_path(entry.path)})",
                    "choose another id with --id",
                )
    if target.exists():
        if not args.force:
            return output.fail(f"{target} exists", "use --force to replace it")
        if not target.is_dir() or (any(target.iterdir()) and not (target / FRAMEWORK_FILE).is_file()):
            return output.fail(
                f"{target} is not a framework folder; refusing to replace it", "name a new or empty folder"
            )
    try:
        make_private_folder(target.parent, library.home)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=target.parent))
    except OSError as exc:
        return output.fail(f"cannot write into {target.parent}: {exc.strerror or exc}")
    try:
        comment = f"Imported by ctoprep import-case from {args.file.name}"
        _write_folder(staging, target, result.files, comment, library)
        framework, problems = check_framework(staging)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if framework is None or errors:
            raise ContentError(
                [Problem(shown, "internal error: the imported framework does not validate; please report it"), *errors]
            )
        if target.exists():
            old = target.with_name(f".{target.name}.replaced")
            if old.exists():
                shutil.rmtree(old)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    except OSError as exc:
        return output.fail(f"cannot write {target}: {exc.strerror or exc}")
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(staging)

    notes = [Problem(shown, note, severity=Severity.WARNING) for note in result.notes]
    if args.json:
        output.print_json(
            {
                "ok": True,
                "framework": result.framework_id,
                "title": result.title,
                "path": str(target),
                "counts": result.counts,
                "notes": result.notes,
            }
        )
        return 0
    output.print_problems(notes)
    console = output.out()
    console.print(f"imported {result.title!r} as framework {result.framework_id} into {target}", markup=False)
    for line in describe(result):
        console.print(f"  {line}", markup=False)
    user_dir = library.user_frameworks_dir
    if target.resolve().parent == user_dir.resolve():
        console.print(
            f"  ready to use: 'ctoprep frameworks' lists it, 'ctoprep show {result.framework_id}' prints it",
            markup=False,
        )
    else:
        console.print(f"  to use it, move the folder into {user_dir}", markup=False)
    return 0
