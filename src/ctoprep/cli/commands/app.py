"""Opening the app (``ctoprep`` with no command). Textual is imported only here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def open_app(args: argparse.Namespace) -> int:
    from ctoprep.ui.app import run_app

    return run_app(args)
