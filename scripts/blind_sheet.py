"""Write a review sheet of question banks without their keys, for a blind reviewer to answer.

    python scripts/blind_sheet.py OUT.md question_banks/cosn-k12-cto/ethics-policies.toml [...]

Compare the reviewer's answers with the keys afterwards: an item two careful readers disagree on is a
bad item. (Keys, explanations and per-option notes are left out on purpose.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import tomli


def sheet(paths: list[Path]) -> tuple[str, int]:
    blocks = []
    for path in paths:
        for q in tomli.loads(path.read_text(encoding="utf-8"))["questions"]:
            options = "\n".join(f"  {'ABCDEFGH'[i]}. {o['text']}" for i, o in enumerate(q["options"]))
            blocks.append(f"### {q['id']}\n{q['stem'].strip()}\n{options}\n")
    return "\n".join(blocks), len(blocks)


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    text, count = sheet([Path(p) for p in sys.argv[2:]])
    Path(sys.argv[1]).write_text(text, encoding="utf-8")
    print(f"{count} questions written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
