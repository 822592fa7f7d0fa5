"""App fixtures: a workspace on the mini framework in a temporary home, nothing shared with the user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ctoprep.services.context import Workspace
from tests.conftest import write_mini


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    write_mini(home / "frameworks")
    monkeypatch.setenv("CTOPREP_HOME", str(home))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return home


@pytest.fixture
def workspace(home: Path) -> Iterator[Workspace]:
    ws = Workspace.open(home, "mini")
    yield ws
    ws.close()


@pytest.fixture
def bank_read_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that read a question bank (``Library.questions``), in order."""
    import threading

    from ctoprep.services.content import Library

    threads: list[str] = []
    real = Library.questions

    def spy(self: Library, framework: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(self, framework)

    monkeypatch.setattr(Library, "questions", spy)
    return threads
