"""Opening the app (``ctoprep`` with no command). Textual is imported only here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def open_app(args: argparse.Namespace) -> int:
    from ctoprep.cli.terminal import refuse_without_terminal

    refused = refuse_without_terminal("the app")
    if refused is not None:
        return refused
    from ctoprep.ui.app import run_app

    return run_app(args)
