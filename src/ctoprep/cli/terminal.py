"""Whether the app can run here: it needs a terminal on both ends."""

from __future__ import annotations

import sys

NO_TERMINAL_EXIT = 2


def has_terminal() -> bool:
    """True when standard input and output are both a terminal (not a pipe, a file or cron)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def refuse_without_terminal(what: str) -> int | None:
    """Exit status 2 with a clear message when there is no terminal; None when there is one."""
    if has_terminal():
        return None
    from ctoprep.cli import output

    output.fail(
        f"{what} needs a terminal, and standard input or output is not one (a pipe, a file or a scheduled job)",
        "run it in a terminal; for scripts use the commands: report, plan, history, attempts, show, validate",
    )
    return NO_TERMINAL_EXIT
