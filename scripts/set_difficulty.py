"""Set each item's difficulty (1-3) from blind expert readers' estimates.

    python scripts/set_difficulty.py BANK_FILE_OR_FOLDER [...] --answers R1.json [...] [--only ID,ID] [--dry-run]

Expert readers (``blind_sheet.py`` sheets, full mode) estimate for each item the share of practicing
district technology directors who would answer it correctly (``p_correct``). An item's difficulty is
set from the mean of its estimates in the answer files given:

- 1 (easy): at least ``EASY`` (0.80) would answer it correctly;
- 3 (hard): fewer than ``HARD`` (0.65);
- 2 otherwise.

The cut points can be given (``--easy``, ``--hard``): set them at the quantiles of the bank's estimates
that give the blueprint's difficulty mix, and a mock form can follow that mix (docs/practice.md).

Pass only readings of the items as they now are (a reading of an earlier wording says nothing about
the current one); ``--only`` limits the change to some items. The files are edited line by line, so
comments and layout stay as they are. Prints each change and a summary.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path

from blind_sheet import bank_files

EASY = 0.80
HARD = 0.65


def level(share: float, easy: float = EASY, hard: float = HARD) -> int:
    """The difficulty for a mean estimated share of directors answering correctly."""
    if share >= easy:
        return 1
    if share < hard:
        return 3
    return 2


def estimates(paths: list[Path]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = defaultdict(list)
    for path in paths:
        reader = json.loads(path.read_text(encoding="utf-8"))
        if reader.get("mode", "full") != "full":
            continue  # an options-only reader estimates nothing about the item
        for qid, answer in reader.get("answers", {}).items():
            if isinstance(answer, dict) and "p_correct" in answer:
                found[qid].append(float(answer["p_correct"]))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--answers", type=Path, nargs="+", required=True)
    parser.add_argument("--only", default="", help="comma-separated ids: change only these")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--easy", type=float, default=EASY, help=f"easy at or above this share (default {EASY})")
    parser.add_argument("--hard", type=float, default=HARD, help=f"hard below this share (default {HARD})")
    args = parser.parse_args(argv)
    shares = {qid: statistics.mean(values) for qid, values in estimates(args.answers).items()}
    only = set(args.only.split(",")) if args.only else None
    changed = kept = 0
    for path in bank_files(args.paths):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        current: str | None = None
        for n, line in enumerate(lines):
            if m := re.match(r'^id = "([^"]+)"', line):
                current = m.group(1)
            elif current is not None and (m := re.match(r"^difficulty = (\d+)", line)):
                qid, current = current, None
                if qid not in shares or (only is not None and qid not in only):
                    continue
                new = level(shares[qid], args.easy, args.hard)
                if int(m.group(1)) == new:
                    kept += 1
                    continue
                print(f"{qid}: {m.group(1)} -> {new} (mean estimate {shares[qid]:.2f})")
                lines[n] = f"difficulty = {new}\n"
                changed += 1
        if not args.dry_run:
            path.write_text("".join(lines), encoding="utf-8")
    print(f"{changed} changed, {kept} already right")


if __name__ == "__main__":
    main()
