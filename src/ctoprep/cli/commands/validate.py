"""``ctoprep validate [PATH...]``: check frameworks and question banks, reporting every problem."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.core.problems import ContentError, Problem, Severity, display_path
from ctoprep.core.text import plural

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework

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
    from ctoprep.formats.loading import bank_framework_id, check_framework, check_question_banks
    from ctoprep.services.content import Library

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

    problems = list(targets.problems)
    checked: list[dict[str, object]] = []
    loaded: dict[str, Framework] = {}
    for folder in dict.fromkeys(p.resolve() for p in targets.frameworks):
        framework, found = check_framework(folder)
        problems.extend(found)
        if framework is not None:
            loaded[framework.id] = framework
            checked.append(
                {
                    "kind": "framework",
                    "path": display_path(folder),
                    "id": framework.id,
                    "skills": len(framework.skills),
                    "areas": len(framework.areas),
                    "profiles": len(framework.profiles),
                    "activities": len(framework.catalogue.activities),
                }
            )
        else:
            checked.append({"kind": "framework", "path": display_path(folder), "id": None})

    by_framework: dict[str, list[Path]] = {}
    for bank_path in dict.fromkeys(p.resolve() for p in targets.banks):
        fid = bank_framework_id(bank_path)
        by_framework.setdefault(fid or "", []).append(bank_path)
    for fid, files in by_framework.items():
        framework = loaded.get(fid)
        if framework is None and fid:
            try:
                framework = library.framework(fid)
            except ContentError as exc:
                problems.extend(exc.problems)
        if framework is None and not fid:
            # unreadable files or no [bank] table: let the checker say precisely what is wrong
            _, found = check_question_banks(files, None)
            problems.extend(
                found
                or [
                    Problem(
                        display_path(f), "not a question bank: no [bank] table with a 'framework' id", line=1, col=1
                    )
                    for f in files
                ]
            )
            continue
        bank, found = check_question_banks(files, framework)
        problems.extend(found)
        checked.append(
            {
                "kind": "questions",
                "framework": fid,
                "files": len(files),
                "questions": len(bank.questions) if bank else None,
            }
        )

    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if args.json:
        output.print_json(
            {
                "ok": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "checked": checked,
                "problems": [p.to_json() for p in problems],
            }
        )
        return 1 if errors else 0
    output.print_problems(problems)
    console = output.out()
    for item in checked:
        if item["kind"] == "framework" and item["id"]:
            console.print(
                f"ok  framework {item['id']}: {item['areas']} areas, {item['skills']} skills, "
                f"{item['profiles']} profiles, {item['activities']} activities  ({item['path']})",
                markup=False,
            )
        elif item["kind"] == "questions" and item["questions"] is not None:
            console.print(
                f"ok  questions for {item['framework']}: {item['questions']} in {item['files']} files", markup=False
            )
    status = "passed" if not errors else "failed"
    console.print(f"validation {status}: {plural(errors, 'error')}, {plural(warnings, 'warning')}", markup=False)
    return 1 if errors else 0
