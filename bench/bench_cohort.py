"""A cohort report over many mentee packets: read, check, fit and summarize them, then render.

Generates N sealed review packets of the bundled framework (each a different person, with its own
person id), writes them to a temporary folder, and times what ``ctoprep cohort FOLDER --format json``
does, in process: read and verify every packet, fit it to the framework, build the cohort, render JSON.
The baseline, in the same run, is reading and parsing the same files with ``json.loads`` alone.

Target (issue #20): a cohort report over 1,000 packets in under 1 s.

    python bench/bench_cohort.py [--packets 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_engine import cohort

from ctoprep.core.cohort import Anonymize
from ctoprep.core.packets import build_packet, packet_to_json
from ctoprep.reports.cohort import render_cohort_json
from ctoprep.services.content import Library
from ctoprep.services.mentoring import cohort_view, load_cohort_entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packets", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    library = Library()
    framework = library.framework("cosn-k12-cto")
    people = cohort(framework, args.packets, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, assessment in enumerate(people):
            packet = build_packet(framework, [assessment], person=f"Mentee {i}", person_id=f"person-{i:08d}")
            (folder / f"mentee-{i:04d}.json").write_text(packet_to_json(packet), encoding="utf-8")
        files = sorted(folder.glob("*.json"))
        size = sum(f.stat().st_size for f in files)

        def bare() -> object:
            return [json.loads(f.read_bytes()) for f in files]

        def report() -> str:
            loaded = load_cohort_entries([folder], library)
            view = cohort_view(
                loaded, profile_id=None, anonymize=Anonymize.NONE, salt="", today=date(2026, 12, 1), top=10
            )
            return render_cohort_json(view)

        doc = json.loads(report())
        assert doc["size"] == args.packets, doc["size"]
        base = statistics.median(_timed(bare) for _ in range(args.repeat))
        took = statistics.median(_timed(report) for _ in range(args.repeat))
    verdict = "ok" if took < 1.0 else "OVER TARGET"
    print(f"{args.packets} packets, {size / 1e6:.1f} MB, bundled framework ({len(framework.skills)} skills)")
    print(f"  json.loads of every file (baseline) {base * 1000:8.1f} ms")
    print(f"  cohort report (JSON)                {took * 1000:8.1f} ms  {took / base:5.1f}x   target < 1 s: {verdict}")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
