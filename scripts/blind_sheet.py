"""Write a review sheet of question banks without their keys, for a blind reader to answer.

    python scripts/blind_sheet.py OUT.md FILE_OR_FOLDER [...] [--options-only] [--sample N] [--seed S]

- ``--options-only`` leaves the stems out: the reader sees only each item's options. A reader who
  beats chance this way has found a cue in the options, not knowledge of the job.
- ``--sample N --seed S`` draws N items at random (reproducibly) from all the files given.
- ``--ids A,B,C`` keeps only those items (a re-read of edited items), in an order shuffled by ``--seed``.

Keys, explanations and per-option notes are always left out. The sheet ends with the JSON shape the
reader should answer in; score it with ``scripts/blind_score.py``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import tomli

FULL_ANSWER = (
    '{"reader": "NAME", "mode": "full", "answers": {"ID": {"answer": "B", "confidence": "high|medium|low", '
    '"p_correct": 0.65, "discrimination": "good|fair|poor", "difficulty": "1-5", "defensible": ["C"], '
    '"flag": "optional note: CUE, FACT, AMBIGUOUS, WEAK, OVERLAP ..."}}}'
)
OPTIONS_ANSWER = (
    '{"reader": "NAME", "mode": "options-only", "answers": {"ID": {"answer": "B", '
    '"confidence": "high|medium|low", "flag": "the cue you used, if any"}}}'
)


def bank_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return out


def items(paths: list[Path]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in bank_files(paths):
        data = tomli.loads(path.read_text(encoding="utf-8"))
        found.extend(data.get("questions", []))
    return found


def sheet(chosen: list[dict[str, Any]], *, options_only: bool) -> str:
    blocks = []
    for q in chosen:
        options = "\n".join(f"  {'ABCDEFGH'[i]}. {o['text']}" for i, o in enumerate(q["options"]))
        stem = "" if options_only else q["stem"].strip() + "\n"
        blocks.append(f"### {q['id']}\n{stem}{options}\n")
    shape = OPTIONS_ANSWER if options_only else FULL_ANSWER
    return "\n".join(blocks) + f"\n---\nAnswer as JSON of this shape, one entry per item:\n\n{shape}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--options-only", action="store_true", help="leave the stems out")
    parser.add_argument("--sample", type=int, default=0, help="draw this many items at random (0: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random draw")
    parser.add_argument("--ids", default="", help="only these items (comma-separated ids), shuffled by --seed")
    args = parser.parse_args(argv)
    chosen = items(args.paths)
    if args.ids:
        wanted = set(args.ids.split(","))
        chosen = [item for item in chosen if item["id"] in wanted]
        missing = wanted - {item["id"] for item in chosen}
        if missing:
            parser.error(f"no such items: {', '.join(sorted(missing))}")
        random.Random(args.seed).shuffle(chosen)
    if args.sample:
        chosen = random.Random(args.seed).sample(chosen, min(args.sample, len(chosen)))
    args.out.write_text(sheet(chosen, options_only=args.options_only), encoding="utf-8")
    print(f"{len(chosen)} questions written to {args.out}")


if __name__ == "__main__":
    main()
