"""Opening the app (``ctoprep`` with no command). Textual is imported only here."""

from __future__ import annotations

import argparse


def open_app(args: argparse.Namespace) -> int:
    try:
        from ctoprep.ui.app import run_app
    except ImportError:
        # The app is not built yet: show the bundled framework instead.
        from ctoprep.cli.commands.show import print_framework
        from ctoprep.library import Library

        library = Library(args.home)
        framework = library.framework(None)
        print_framework(framework, library.questions(framework))
        return 0
    return run_app(args)
