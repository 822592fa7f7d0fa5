"""``ctoprep validate [PATH...]``: check frameworks and question banks, reporting every problem."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ctoprep.core.problems import Problem, display_path
from ctoprep.core.text import plural

FRAMEWORK_FILE = "framework.toml"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check frameworks and question banks (default: the bundled content)",
        description="Check framework folders and question-bank files. Every problem is "
        "reported as FILE:LINE:COL: message. Exit status 1 if there is any error.",
    )
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="framework folders, bank files or folders holding them"
    )
    p.add_argument("--json", action="store_true", help="print a machine-readable report")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="validate every file in full, even when nothing changed since the last run "
        "(by default an unchanged set of files is answered from the last result)",
    )
    p.set_defaults(func=run)


@dataclass
class Targets:
    frameworks: list[Path] = field(default_factory=list)
    banks: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _framework_folder_of(path: Path) -> Path | None:
    for candidate in (path, path.parent, path.parent.parent):
        if (candidate / FRAMEWORK_FILE).is_file():
            return candidate
    return None


def classify(paths: list[Path], targets: Targets, depth: int = 0) -> None:
    for path in paths:
        if path.is_dir():
            if (path / FRAMEWORK_FILE).is_file():
                targets.frameworks.append(path)
                continue
            children = sorted(path.iterdir()) if depth < 2 else []
            sub_dirs = [c for c in children if c.is_dir()]
            tomls = [c for c in children if c.is_file() and c.suffix == ".toml"]
            if not sub_dirs and not tomls:
                targets.problems.append(
                    Problem(
                        display_path(path),
                        "nothing to validate in this folder",
                        hint="name a framework folder or a question-bank file",
                    )
                )
            targets.banks.extend(tomls)
            classify(sub_dirs, targets, depth + 1)
        elif (
            path.is_file()
            and (folder := _framework_folder_of(path)) is not None
            and (path.name == FRAMEWORK_FILE or path.parent.name == "areas" or path.parent == folder)
        ):
            targets.frameworks.append(folder)
        elif path.exists():
            targets.banks.append(path)
        else:
            targets.problems.append(Problem(display_path(path), "no such file or folder"))


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.services.content import Library
    from ctoprep.services.validation import results_cache, validate_content

    library = Library(args.home, use_cache=False)
    targets = Targets()
    if args.paths:
        classify(list(args.paths), targets)
    else:
        entries, problems = library.entries()
        targets.problems.extend(problems)
        for entry in entries:
            targets.frameworks.append(entry.path)
            targets.banks.extend(library.bank_files(entry.id))

    result = validate_content(
        library,
        targets.frameworks,
        targets.banks,
        targets.problems,
        cache_dir=None if args.no_cache else results_cache(library.home),
    )
    errors, warnings = result.errors, result.warnings
    if args.json:
        output.print_json(
            {
                "ok": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "checked": list(result.checked),
                "problems": [p.to_json() for p in result.problems],
            }
        )
        return 1 if errors else 0
    output.print_problems(result.problems)
    console = output.out()
    for item in result.checked:
        if item["kind"] == "framework" and item["id"]:
            console.print(
                f"ok  framework {item['id']}: {item['areas']} areas, {item['skills']} skills, "
                f"{item['profiles']} profiles, {item['activities']} activities  ({item['path']})",
                markup=False,
            )
        elif item["kind"] == "questions" and item["questions"] is not None:
            console.print(
                f"ok  questions for {item['framework']}: {item['questions']} in {plural(item['files'], 'file')}",
                markup=False,
            )
    status = "passed" if not errors else "failed"
    console.print(f"validation {status}: {plural(errors, 'error')}, {plural(warnings, 'warning')}", markup=False)
    return 1 if errors else 0
