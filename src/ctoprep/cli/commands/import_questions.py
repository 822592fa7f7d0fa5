"""``ctoprep import-questions FILE --format gift|aiken|csv``: another tool's questions as a bank."""

from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("gift", "aiken", "csv")
_SUFFIXES = {
    ".gift": "gift",
    ".gift.txt": "gift",
    ".aiken": "aiken",
    ".aiken.txt": "aiken",
    ".csv": "csv",
    ".tsv": "csv",
}


def format_from_name(name: str) -> str | None:
    """The format a file name's ending names (``quiz.gift.txt`` is GIFT, as Moodle writes it)."""
    lowered = name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-questions",
        help="turn a Moodle GIFT or Aiken file, or a spreadsheet (CSV), into a question bank",
        description="Read multiple-choice questions from GIFT, Aiken or CSV (layout in "
        "docs/interchange.md) and write a ctoprep question bank. Feedback becomes explanations, "
        "categories become skills (when they name one) or tags. Question types ctoprep does not "
        "support are listed and skipped. A question that cannot be read is reported as FILE:LINE:COL "
        "and left out; the others are imported (exit status 1 tells a script something was left "
        "out). By default the bank goes into your data folder, ready to use.",
    )
    p.add_argument("file", type=Path, help="the file to read ('-' for standard input, with --format)")
    p.add_argument("--format", choices=FORMATS, help="input format (default: from the file name's ending)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="bank file to write, '-' for standard output (default: <data folder>/question_banks/<framework>/)",
    )
    p.add_argument("--framework", help="framework the questions are for (default: the bundled CoSN framework)")
    p.add_argument("--skill", help="skill id for questions whose category or columns name none")
    p.add_argument("--bank-id", help="id of the new bank (default: from the file name)")
    p.add_argument("--title", help="title of the new bank (default: the file name)")
    p.add_argument("--id-prefix", help="prefix of made-up question ids (default: the bank id)")
    p.add_argument("--force", action="store_true", help="overwrite an existing bank file")
    p.add_argument("--json", action="store_true", help="print a machine-readable report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from ctoprep.cli import output
    from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean, display_path
    from ctoprep.formats.aiken import read_aiken
    from ctoprep.formats.common import ID_PATTERN, read_csv_file, read_text_file, slugify
    from ctoprep.formats.csv_questions import read_csv
    from ctoprep.formats.gift import read_gift
    from ctoprep.formats.loading import check_question_banks
    from ctoprep.formats.question_drafts import build_bank
    from ctoprep.formats.toml_writer import dumps, schema_reference
    from ctoprep.services.content import Library
    from ctoprep.services.folders import make_private_folder

    to_stdout = str(args.output) == "-"
    fmt = args.format or format_from_name(args.file.name)
    if fmt is None:
        shown_name = "standard input" if str(args.file) == "-" else args.file.name
        return output.fail(f"cannot tell the format of {shown_name}", "give --format gift, aiken or csv")
    stem = args.file.name.split(".")[0] if str(args.file) != "-" else ""
    bank_id = args.bank_id or slugify(stem) or "imported"
    if not ID_PATTERN.fullmatch(bank_id) or len(bank_id) > 80:
        return output.fail(f"--bank-id {bank_id!r} is not a usable id", "lower-case letters, digits, '.', '-', '_'")

    library = Library(args.home)
    framework = library.framework(args.framework)
    if args.skill is not None and args.skill not in framework.skill_by_id:
        hint = did_you_mean(args.skill, framework.skill_by_id) or f"'ctoprep show {framework.id}' lists the skills"
        return output.fail(f"{framework.id!r} has no skill {args.skill!r}", hint)
    default_target = library.user_banks_dir / framework.id / f"{bank_id}.toml"
    target: Path = default_target if to_stdout or args.output is None else args.output
    if not to_stdout and target.exists() and not args.force:
        return output.fail(f"{target} exists", "use --force to overwrite it")

    shown = display_path(args.file)
    reader = {"gift": read_gift, "aiken": read_aiken, "csv": read_csv}[fmt]
    decoding: list[Problem] = []
    if fmt == "csv":
        text = read_csv_file(args.file, decoding)
    else:
        text = read_text_file(args.file, what=f"a {fmt.upper()} file")
    parsed = reader(text, shown)
    unreadable = parsed.errors
    if unreadable and not parsed.drafts:
        raise ContentError(parsed.problems)

    others = [f for f in library.bank_files(framework.id) if f.resolve() != target.resolve()]
    existing, _ = check_question_banks(others, framework, library.cache_dir)
    taken = {q.id for q in existing.questions} if existing is not None else set()
    result = build_bank(
        parsed,
        framework=framework,
        shown=shown,
        bank_id=bank_id,
        title=args.title or stem or bank_id,
        default_skill=args.skill,
        id_prefix=args.id_prefix or bank_id,
        taken_ids=taken,
    )
    skipped = [
        Problem(shown, f"skipped {s.title}: {s.reason}", line=s.line, col=1, severity=Severity.WARNING)
        for s in result.skipped
    ]
    warnings = decoding + [p for p in parsed.problems if p.severity is Severity.WARNING] + result.warnings + skipped
    # the good questions are imported; each one that could not be read is reported with its line
    warnings = unreadable + warnings
    if not result.questions:
        output.print_problems(warnings)
        return output.fail(
            f"no question in {shown} could be imported",
            "see the reasons above; --skill ID gives questions without a matching category a skill",
        )
    schema = library.user_schema("question-bank.schema.json")
    text = dumps(
        result.data,
        schema=schema.as_uri() if to_stdout else schema_reference(target.parent, schema),
        comments=[f"Imported by ctoprep import-questions from {args.file.name} ({fmt})"],
    )
    with tempfile.TemporaryDirectory() as scratch:
        proof = Path(scratch) / target.name
        proof.write_text(text, encoding="utf-8")
        bank, problems = check_question_banks([proof], framework)
        if bank is None or len(bank.questions) != len(result.questions):
            raise ContentError(
                [Problem(shown, "internal error: the imported bank does not load; please report it"), *problems]
            )
    if to_stdout:
        output.print_problems(warnings)
        import sys

        sys.stdout.write(text)
        sys.stdout.flush()
        return 1 if unreadable else 0
    try:
        make_private_folder(target.parent, library.home)
    except OSError as exc:
        return output.fail(f"cannot create {target.parent}: {exc.strerror or exc}")
    status = output.write_file(target, text, force=args.force)
    if status:
        return status
    if args.json:
        output.print_json(
            {
                "ok": True,
                "path": str(target),
                "framework": framework.id,
                "imported": len(result.questions),
                "skipped": [{"line": s.line, "title": s.title, "reason": s.reason} for s in result.skipped],
                "unreadable": [p.to_json() for p in unreadable],
                "warnings": [p.to_json() for p in warnings],
            }
        )
        return 1 if unreadable else 0
    output.print_problems(warnings)
    output.out().print(
        f"imported {len(result.questions)} questions into {target} ({len(result.skipped)} skipped"
        + (f", {len(unreadable)} could not be read: see above)" if unreadable else ")"),
        markup=False,
    )
    return 1 if unreadable else 0
