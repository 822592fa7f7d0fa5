"""``ctoprep lint [PATH...]``: item-writing flaws in question banks, as FILE:LINE:COL."""

from __future__ import annotations

import argparse
from pathlib import Path

from ctoprep.core.text import plural


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lint",
        help="check question banks for item-writing flaws (default: the bundled banks)",
        description="Flags item-writing flaws with FILE:LINE:COL. Errors exit 1; warnings are listed and counted.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="bank files or folders of them")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", "-q", action="store_true", help="errors and the summary only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.core.problems import ContentError, Problem, Severity, error_count
    from ctoprep.formats.lint import RULES, LintReport, lint_files
    from ctoprep.formats.loading import banks_by_framework
    from ctoprep.services.content import Library

    library = Library(args.home)
    files: list[Path] = []
    problems: list[Problem] = []
    if args.paths:
        for path in args.paths:
            if path.is_dir():
                files.extend(sorted(path.rglob("*.toml")))
            elif path.exists():
                files.append(path)
            else:
                problems.append(Problem(str(path), "no such file or folder"))
    else:
        entries, _ = library.entries()
        for entry in entries:
            files.extend(library.bank_files(entry.id))
    groups, documents = banks_by_framework(files)
    reports: list[LintReport] = []
    for fid, group in groups.items():
        framework = None
        if fid:
            try:
                framework = library.framework(fid)
            except ContentError as exc:
                problems.extend(exc.problems)
        report = lint_files(group, framework, documents)
        reports.append(report)
        problems.extend(report.problems)
    errors = error_count(problems)
    warnings = len(problems) - errors
    questions = sum(r.questions for r in reports)
    if args.json:
        output.print_json(
            {
                "ok": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "questions": questions,
                "files": len(files),
                "problems": [p.to_json() for p in problems],
            }
        )
        return 1 if errors else 0
    shown = [p for p in problems if p.severity is Severity.ERROR or not args.quiet]
    output.print_problems(shown)
    counts: dict[str, int] = {}
    for p in problems:
        code = p.message[1:5] if p.message.startswith("[Q") else "other"
        counts[code] = counts.get(code, 0) + 1
    console = output.out()
    for code, n in sorted(counts.items()):
        console.print(f"  {code} {RULES.get(code, '')}: {n}", markup=False)
    console.print(
        f"lint: {plural(questions, 'question')} in {plural(len(files), 'file')}: {plural(errors, 'error')}, "
        f"{plural(warnings, 'warning')}",
        markup=False,
    )
    return 1 if errors else 0
