"""Console output for commands: rich when it helps, plain text when piped or NO_COLOR is set.

Text that came from a file or a person is never parsed as markup: print it with ``markup=False``
or wrap it in ``rich.text.Text``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctoprep.core.problems import Problem, Severity
from ctoprep.core.text import printable

if TYPE_CHECKING:
    from rich.console import Console  # imported when a console is first needed: JSON output never needs one

_stdout: Console | None = None
_stderr: Console | None = None


def out() -> Console:
    global _stdout
    if _stdout is None:
        import os
        import sys

        from rich.console import Console

        # piped or redirected output is not wrapped at 80 columns (unless COLUMNS asks for a width)
        wide = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 1000
        _stdout = Console(highlight=False, emoji=False, soft_wrap=False, width=wide)
    return _stdout


def err() -> Console:
    global _stderr
    if _stderr is None:
        from rich.console import Console

        _stderr = Console(stderr=True, highlight=False, emoji=False)
    return _stderr


def reset() -> None:
    """Forget the consoles (tests redirect stdout between calls)."""
    global _stdout, _stderr
    _stdout = _stderr = None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def print_problems(problems: Iterable[Problem]) -> tuple[int, int]:
    """Print problems to stderr, one per line; returns (errors, warnings)."""
    errors = warnings = 0
    for problem in problems:
        console = err()  # made on the first problem: most runs have none to print
        if problem.severity is Severity.ERROR:
            errors += 1
            style = "red"
        else:
            warnings += 1
            style = "yellow"
        console.print(printable(problem.format()), style=style, markup=False, highlight=False, soft_wrap=True)
    return errors, warnings


def fail(message: str, hint: str = "") -> int:
    """Print an error message (no traceback) and return exit status 1."""
    text = f"error: {message}"
    if hint:
        text += f"\n  hint: {hint}"
    err().print(printable(text), style="red", markup=False, soft_wrap=True)
    return 1


def write_file(path: Path, text: str, *, force: bool = False) -> int:
    """Write an export atomically; refuses to overwrite without ``force``. Returns an exit status."""
    from ctoprep.formats.atomic import OverwriteRefusedError, write_text_atomic

    try:
        write_text_atomic(path, text, overwrite=force)
    except OverwriteRefusedError:
        return fail(f"{path} exists", "use --force to overwrite it")
    except OSError as exc:
        return fail(f"cannot write {path}: {exc.strerror or exc}")
    err().print(f"wrote {path}", markup=False)
    return 0
