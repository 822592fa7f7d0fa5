"""Shared fixtures: a small, valid framework written to a temp folder, and helpers to break it."""

from __future__ import annotations

import gc
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

MINI_FRAMEWORK = """\
[framework]
id = "mini"
title = "Mini framework"
version = "1.0"

[scale]
id = "s"
title = "Scale"
[[scale.levels]]
value = 0
label = "None"
[[scale.levels]]
value = 1
label = "Some"
[[scale.levels]]
value = 2
label = "Lots"

[[pd_focuses]]
id = "planning"
title = "Planning"

[[categories]]
id = "cat"
title = "Category"
areas = ["alpha", "beta"]
"""

MINI_AREA = """\
[area]
id = "{aid}"
title = "Area {aid}"
pd_focuses = ["planning"]

[[skills]]
id = "{aid}.one"
title = "One"
level_descriptors = ["zero", "one", "two"]

[[skills]]
id = "{aid}.two"
title = "Two"
"""

MINI_PROFILES = """\
[[profiles]]
id = "p"
title = "Profile"
default = true

[[profiles.targets]]
area = "alpha"
level = 2
importance = 2

[[profiles.targets]]
skill = "beta.one"
min = 1
max = 2

[[profiles]]
id = "q"
title = "Beta first"

[[profiles.targets]]
area = "beta"
level = 2
importance = 3
"""

MINI_BLUEPRINT = """\
[blueprint]
id = "exam"
title = "Exam"
item_count = 10
pass_score = 60

[[blueprint.content_areas]]
id = "I"
title = "All"
weights = { alpha = 60, beta = 40 }
"""

MINI_CATALOGUE = """\
[[credit_categories]]
id = "learning"
title = "Learning"

[[activities]]
id = "read"
title = "Read a book"
format = "reading"
cost_usd = 0
hours = 5
credit_category = "learning"
develops = [{ skill = "alpha.one", strength = 2 }, { area = "beta", strength = 1 }]

[[activities]]
id = "course"
title = "A paid course"
format = "course"
cost_usd = 400
hours = 10
months = 2
credit_category = "learning"
produces = "A certificate and a project"
develops = [{ area = "alpha", strength = 3 }]
"""

MINI_BANK = """\
[bank]
id = "mini-bank"
framework = "mini"

[[questions]]
id = "q1"
skills = ["alpha.one"]
stem = "What?"
answer = "B"
explanation = "Because."
[[questions.options]]
text = "No"
[[questions.options]]
text = "Yes"
"""


def write_mini(root: Path) -> Path:
    """Write the mini framework and bank under ``root``; returns the framework folder."""
    folder = root / "mini"
    (folder / "areas").mkdir(parents=True)
    (folder / "framework.toml").write_text(MINI_FRAMEWORK)
    for aid in ("alpha", "beta"):
        (folder / "areas" / f"{aid}.toml").write_text(MINI_AREA.format(aid=aid))
    (folder / "profiles.toml").write_text(MINI_PROFILES)
    (folder / "blueprint.toml").write_text(MINI_BLUEPRINT)
    (folder / "catalogue.toml").write_text(MINI_CATALOGUE)
    (root / "bank.toml").write_text(MINI_BANK)
    return folder


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini(tmp_path)


def run_fresh(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (so its imports are its own) and require exit status 0."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result


def dedent(text: str) -> str:
    return textwrap.dedent(text)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Put Python's cyclic collector back as it was after a test that turns it off or on, and forget a
    hold for start (``formats.collector.hold_for_start``) the test left behind."""
    from ctoprep.formats import collector

    was_enabled = gc.isenabled()
    yield
    collector._held_for_start = False
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with outbound network connections refused: ctoprep must never need one."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"ctoprep tried to open a network connection to {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: guarded(socket.socket(), a[0]))


class WriteCounter:
    """Counts the durable commits a connection makes: explicit COMMITs and autocommitted writes.

    Use as a context manager around one user action (``with WriteCounter(conn) as w: ...``).
    """

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.statements: list[str] = []
        self.commits = 0
        self._open = False

    def _seen(self, statement: str) -> None:
        self.statements.append(statement)
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head == "BEGIN":
            self._open = True
        elif head in ("COMMIT", "END"):
            self._open = False
            self.commits += 1
        elif head == "ROLLBACK":
            self._open = False
        elif head in self.WRITES and not self._open:
            self.commits += 1  # autocommit: a write outside a transaction is a commit of its own

    def __enter__(self) -> WriteCounter:
        self.conn.set_trace_callback(self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.set_trace_callback(None)
