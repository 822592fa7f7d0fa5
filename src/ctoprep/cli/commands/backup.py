"""``ctoprep backup -o FILE`` and ``ctoprep restore FILE``: everything, in one file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ctoprep.core.text import plural


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup",
        description=(
            "Write everything in your store (assessments, practice, reviews, settings) to one file, consistent even "
            "while the app is open. Restore it with 'ctoprep restore'."
        ),
        help="write the whole store to one file",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write ('-' for standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run_backup)
    r = sub.add_parser(
        "restore",
        description=(
            "Replace your whole store with a backup file. The backup is checked first, and the restore is refused "
            "while the app is open."
        ),
        help="replace the store with a backup (verified first)",
    )
    r.add_argument("file", type=Path)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.formats.atomic import OverwriteRefusedError
    from ctoprep.services.backup import backup_store

    if str(args.output) == "-":
        return _backup_to_stdout(args)
    try:
        count = backup_store(args.home, args.output, overwrite=args.force)
    except OverwriteRefusedError:
        return output.fail(f"{args.output} exists", "use --force to overwrite it")
    except OSError as exc:
        return output.fail(f"cannot write {args.output}: {exc.strerror or exc}")
    output.out().print(f"backed up {plural(count, 'assessment')} and all practice data to {args.output}", markup=False)
    return 0


def _backup_to_stdout(args: argparse.Namespace) -> int:
    import sys
    import tempfile

    from ctoprep.cli import output
    from ctoprep.services.backup import backup_store

    if sys.stdout.isatty():
        return output.fail("a backup is a binary file", "redirect it: ctoprep backup -o - > backup.db")
    with tempfile.TemporaryDirectory() as scratch:
        staged = Path(scratch) / "backup.db"
        count = backup_store(args.home, staged, overwrite=True)
        with staged.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    output.err().print(
        f"backed up {plural(count, 'assessment')} and all practice data to standard output", markup=False
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    import sys

    from ctoprep.cli import output
    from ctoprep.services.backup import restore_store

    if not args.yes:
        if not sys.stdin.isatty():
            return output.fail("restore replaces everything in the store", "add --yes to confirm")
        answer = input("Replace everything in your store with this backup? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            output.out().print("nothing changed", markup=False)
            return 1
    count = restore_store(args.home, args.file)
    output.out().print(f"restored {plural(count, 'assessment')} from {args.file}", markup=False)
    return 0
