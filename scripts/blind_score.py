"""Score blind readers' answers against the keys.

    python scripts/blind_score.py BANK_FILE_OR_FOLDER [...] --answers R1.json [R2.json ...]

For each reader: agreement with the key (or, for an options-only reader, accuracy with a 95% Wilson
interval against chance), the mean estimated share of directors answering correctly, the share of
items rated with good discrimination, items with a second defensible option, and every flag.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from blind_sheet import items


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a binomial proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def score(keys: dict[str, str], reader: dict[str, Any]) -> list[str]:
    answers: dict[str, dict[str, Any]] = reader.get("answers", {})
    mode = reader.get("mode", "full")
    known = {qid: a for qid, a in answers.items() if qid in keys}
    n = len(known)
    hits = sum(str(a.get("answer", "")).strip().upper()[:1] == keys[qid] for qid, a in known.items())
    lines = [f"## {reader.get('reader', '?')} ({mode}), {n} items"]
    unknown = sorted(set(answers) - set(keys))
    if unknown:
        lines.append(f"- not in the banks given (ignored): {', '.join(unknown)}")
    if n == 0:
        return lines
    low, high = wilson(hits, n)
    if mode == "options-only":
        sure = [qid for qid, a in known.items() if a.get("confidence") == "high"]
        sure_hits = [qid for qid in sure if str(known[qid].get("answer", "")).upper()[:1] == keys[qid]]
        lines.append(f"- options-only accuracy: {hits}/{n} = {hits / n:.0%} (95% CI {low:.0%}-{high:.0%}; chance 25%)")
        lines.append(f"- confident and right (rewrite these): {', '.join(sorted(sure_hits)) or 'none'}")
    else:
        lines.append(f"- agreement with the key: {hits}/{n} = {hits / n:.0%} (95% CI {low:.0%}-{high:.0%})")
        disagree = sorted(qid for qid, a in known.items() if str(a.get("answer", "")).upper()[:1] != keys[qid])
        said = [f"{q} (said {known[q].get('answer')}, key {keys[q]})" for q in disagree]
        lines.append(f"- disagreements: {', '.join(said) or 'none'}")
        ps = [float(a["p_correct"]) for a in known.values() if isinstance(a.get("p_correct"), (int, float))]
        if ps:
            lines.append(f"- mean estimated share of directors correct: {sum(ps) / len(ps):.2f} over {len(ps)} items")
        good = sum(a.get("discrimination") == "good" for a in known.values())
        lines.append(f"- discrimination rated good: {good}/{n} = {good / n:.0%}")
        second = sorted(qid for qid, a in known.items() if a.get("defensible"))
        lines.append(f"- a second defensible option: {len(second)}/{n} ({', '.join(second) or 'none'})")
    flags = [(qid, a["flag"]) for qid, a in sorted(known.items()) if str(a.get("flag", "")).strip()]
    lines.extend(f"- flag {qid}: {flag}" for qid, flag in flags)
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--answers", type=Path, nargs="+", required=True)
    args = parser.parse_args(argv)
    keys = {q["id"]: q["answer"] for q in items(args.paths)}
    for path in args.answers:
        print("\n".join(score(keys, json.loads(path.read_text(encoding="utf-8")))))
        print()


if __name__ == "__main__":
    main()
