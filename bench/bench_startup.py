"""Start-up: process start to the home screen painted and interactive, against a bare Textual hello.

Both are run headless in fresh processes, alternately, several times; medians are compared.
Target: ctoprep's home at most 1.3x the hello app measured in the same run.

    python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = """
from textual.app import App
from textual.widgets import Label
class Hello(App):
    def compose(self):
        yield Label("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Hello().run(headless=True)
"""

CTOPREP = """
import sys
from ctoprep.ui.app import CtoprepApp
from ctoprep.workspace import Workspace
ws = Workspace.open()
app = CtoprepApp(ws, ready=lambda: app.call_after_refresh(app.exit))
app.run(headless=True)
"""


def run(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "CTOPREP_HOME": home, "TEXTUAL_ANIMATIONS": "none"}
        run(CTOPREP, env)  # first run writes the caches and the store: not what a returning user pays
        hello, ours = [], []
        for _ in range(args.repeat):
            hello.append(run(HELLO, env))
            ours.append(run(CTOPREP, env))
        commands = {}
        for argv in (["frameworks"], ["show", "--no-questions"], ["validate"]):
            code = f"import sys; from ctoprep.cli.main import main; sys.exit(main({argv!r}))"
            commands[" ".join(argv)] = statistics.median(run(code, env) for _ in range(args.repeat))
    h, o = statistics.median(hello), statistics.median(ours)
    print(f"bare Textual hello (B_hello): {h:7.0f} ms")
    print(f"ctoprep home screen:          {o:7.0f} ms   ratio {o / h:.2f}x  (target <= 1.30x)")
    for name, ms in commands.items():
        print(f"ctoprep {name:<22}{ms:7.0f} ms   {ms / o:.2f}x the app's start-up (target well under 0.5x)")


if __name__ == "__main__":
    main()
