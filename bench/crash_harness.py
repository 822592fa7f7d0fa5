"""SIGKILL a process that saves ratings (the real save path: Store.save_rating) at random moments.

Prints the kills, the writes the process acknowledged (printed after the save returned), the
acknowledged writes missing after restart, and integrity-check failures. A ctoprep promise: the last
two are always 0.

    python bench/crash_harness.py [--kills 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRITER = r"""
import sys
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.storage.store import Store
store = Store.open(sys.argv[1])
a = Assessment(id="crash", framework=FrameworkRef(id="mini", version="1"))
if not store.conn.execute("SELECT 1 FROM assessments WHERE id='crash'").fetchone():
    store.save_assessment(a)
start = int(sys.argv[2])
for i in range(start, start + 1_000_000):
    store.save_rating("crash", f"skill-{i}", Rating(level=i % 5, evidence="e" * (i % 300)))
    print(i, flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from ctoprep.storage.store import Store

    rng = random.Random(args.seed)
    acknowledged: set[int] = set()
    lost: set[int] = set()
    integrity_failures = 0
    next_start = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        for _ in range(args.kills):
            proc = subprocess.Popen(
                [sys.executable, "-c", WRITER, str(home), str(next_start)], stdout=subprocess.PIPE, text=True, env=env
            )
            time.sleep(rng.uniform(0.15, 0.6))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
            acked = [int(x) for x in out.split() if x.isdigit()]
            acknowledged.update(acked)
            next_start = (max(acked) + 1) if acked else next_start
            with Store.open(home) as store:
                if store.check_integrity():
                    integrity_failures += 1
                saved = {int(k.removeprefix("skill-")) for k in store.load_assessment("crash").ratings}
            lost |= acknowledged - saved
    print(
        f"kills {args.kills}, acknowledged writes {len(acknowledged)}, lost {len(lost)}, "
        f"integrity failures {integrity_failures}"
    )
    sys.exit(1 if lost or integrity_failures else 0)


if __name__ == "__main__":
    main()
