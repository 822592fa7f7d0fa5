"""The mentor flows use the same app fixtures as the UI tests: the mini framework in a temporary home."""

from tests.ui.conftest import home, workspace

__all__ = ["home", "workspace"]
