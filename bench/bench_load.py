"""Loading speed: bundled content and a generated 10,000-question bank, against bare ``tomli.loads``.

Prints milliseconds (median of several runs) and the ratio to parsing the same bytes with tomli alone,
measured in the same run. Targets: cold load <= 1.35x the parse; warm load (cache hit) <= 0.3x.

    python bench/bench_load.py [--questions 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tomli

from ctoprep.formats.loading import load_framework, load_question_banks
from ctoprep.services.content import Library


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def generate_bank(path: Path, skill_ids: list[str], n: int) -> None:
    lines = ['[bank]\nid = "generated"\nframework = "cosn-k12-cto"\ntitle = "Generated"\n']
    for i in range(n):
        skill = skill_ids[i % len(skill_ids)]
        lines.append(
            f'\n[[questions]]\nid = "gen-{i:05d}"\nskills = ["{skill}"]\ndifficulty = {i % 3 + 1}\n'
            f'cognitive = "apply"\ntags = ["generated", "bench"]\n'
            f'stem = """\nA district leader faces situation number {i} involving {skill}. The board wants an answer\n'
            f'by next week and two principals disagree about the approach. What should the leader do first?\n"""\n'
            f'answer = "{"ABCD"[i % 4]}"\nexplanation = "The best first step gathers evidence before deciding."\n'
        )
        for letter in "ABCD":
            lines.append(
                f'[[questions.options]]\ntext = "Option {letter} for item {i}, a plausible course of action"\n'
                f'why = "Explains why option {letter} is or is not the best first step."\n'
            )
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    library = Library(use_cache=False)
    entry = library.entry("cosn-k12-cto")
    framework_files = sorted(entry.path.rglob("*.toml"))
    framework_bytes = [p.read_bytes() for p in framework_files]
    parse_fw = median_ms(lambda: [tomli.loads(b.decode()) for b in framework_bytes], args.repeat)
    load_fw = median_ms(lambda: load_framework(entry.path), args.repeat)
    framework = load_framework(entry.path)
    bank_files = library.bank_files(framework.id)
    bank_bytes = [p.read_bytes() for p in bank_files]
    parse_bank = median_ms(lambda: [tomli.loads(b.decode()) for b in bank_bytes], args.repeat)
    load_bank = median_ms(lambda: load_question_banks(bank_files, framework), args.repeat)
    print(
        f"bundled framework ({len(framework_files)} files): tomli {parse_fw:7.1f} ms, "
        f"load+validate+resolve {load_fw:7.1f} ms, ratio {load_fw / parse_fw:.2f}x"
    )
    if bank_files:
        print(
            f"bundled banks ({len(bank_files)} files):     tomli {parse_bank:7.1f} ms, "
            f"load+validate+resolve {load_bank:7.1f} ms, ratio {load_bank / parse_bank:.2f}x"
        )

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.toml"
        generate_bank(big, [s.id for s in framework.skills], args.questions)
        data = big.read_bytes()
        parse = median_ms(lambda: tomli.loads(data.decode()), args.repeat)
        cold = median_ms(lambda: load_question_banks([big], framework), args.repeat)
        cache = Path(tmp) / "cache"
        load_question_banks([big], framework, cache)
        warm = median_ms(lambda: load_question_banks([big], framework, cache), args.repeat)
        print(f"generated bank ({args.questions} questions, {len(data) / 1e6:.1f} MB):")
        print(f"  tomli.loads           {parse:8.1f} ms  (baseline)")
        print(f"  cold load             {cold:8.1f} ms  ratio {cold / parse:.2f}x  (target <= 1.35x)")
        print(f"  warm load (cache hit) {warm:8.1f} ms  ratio {warm / parse:.2f}x  (target <= 0.30x)")


if __name__ == "__main__":
    main()
