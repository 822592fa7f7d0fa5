"""Patterns across the items of one bank file: option lengths, cue words and answer positions (Q011,
Q012, Q015-Q017).

Each is a way to beat chance without reading the stem; a pattern is reported only when a binomial or
chi-square test says chance alone would rarely produce it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from ctoprep.core.models.questions import LETTERS
from ctoprep.core.problems import Problem
from ctoprep.formats.lint.rules import (
    CUE_GROUPS,
    CUE_MIN_OPTIONS,
    LONGEST_KEY_SHARE_LIMIT,
    POSITION_MIN_ITEMS,
    SHORTEST_KEY_SHARE_LIMIT,
    STRATEGY_SHARE_LIMIT,
    LintedQuestion,
)


def _pick_by_length(texts: Sequence[str], key: int, pick: Callable[[Sequence[int]], int]) -> float:
    """The chance that a candidate who rules out cue-word options, then picks by length, picks the key.

    Options carrying a cue word are set aside unless every option carries one; ties split the chance.
    """
    clean = [i for i, t in enumerate(texts) if not any(p.search(t) for p in CUE_GROUPS.values())]
    candidates = clean or list(range(len(texts)))
    lengths = [len(texts[i]) for i in candidates]
    best = pick(lengths)
    chosen = [i for i, length in zip(candidates, lengths, strict=True) if length == best]
    return 1 / len(chosen) if key in chosen else 0.0


def _lint_combined_strategies(
    items: Sequence[LintedQuestion], longest: int, shortest: int, p_chance: float
) -> list[Problem]:
    """Q017: cue words and length together can beat chance when neither does alone.

    Reported only when the combination scores more than length alone, so a file is not warned twice
    for the same cue.
    """
    n = len(items)
    if n < POSITION_MIN_ITEMS:
        return []
    out: list[Problem] = []
    for which, pick, alone in (("shortest", min, shortest), ("longest", max, longest)):
        hits = sum(_pick_by_length([o.text for o in it.question.options], it.question.key_index, pick) for it in items)
        share = hits / n
        if share > STRATEGY_SHARE_LIMIT and hits > alone and _binomial_tail(n, math.floor(hits), p_chance) < 0.01:
            first = items[0]
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q017] ruling out options with a cue word, then picking the {which} of the rest, "
                    f"finds the key in {share:.0%} of {n} items (chance is about {p_chance:.0%})",
                    "the cue words and option lengths together point to the key; "
                    "vary the lengths of cue-free options and put cue words in keys too",
                    warning=True,
                )
            )
    return out


def _binomial_tail(n: int, k: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


def _binomial_head(n: int, k: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))


def lint_bank_patterns(items: Sequence[LintedQuestion]) -> list[Problem]:
    """Patterns across the items of one file: option-length bias, cue words and answer positions.

    Each is a way to beat chance without reading the stem: pick the longest (or shortest) option, or
    rule out options that carry a word the writers mostly put in distractors.
    """
    if not items:
        return []
    out: list[Problem] = []
    first = items[0]
    n = len(items)
    longest = shortest = 0
    chance = 0.0
    cue_options = dict.fromkeys(CUE_GROUPS, 0)
    cue_keys = dict.fromkeys(CUE_GROUPS, 0)
    for it in items:
        texts = [o.text for o in it.question.options]
        lengths = [len(t) for t in texts]
        key = it.question.key_index
        if lengths.count(max(lengths)) == 1 and lengths[key] == max(lengths):
            longest += 1
        if lengths.count(min(lengths)) == 1 and lengths[key] == min(lengths):
            shortest += 1
        chance += 1 / len(lengths)
        for name, pattern in CUE_GROUPS.items():
            for i, text in enumerate(texts):
                if pattern.search(text):
                    cue_options[name] += 1
                    cue_keys[name] += i == key
    p_chance = chance / n
    out.extend(_lint_combined_strategies(items, longest, shortest, p_chance))
    for code, count, limit, which, hint in (
        ("Q011", longest, LONGEST_KEY_SHARE_LIMIT, "longest", "test-wise candidates pick the longest option"),
        ("Q015", shortest, SHORTEST_KEY_SHARE_LIMIT, "shortest", "padding distractors makes the short one stand out"),
    ):
        share = count / n
        if n >= POSITION_MIN_ITEMS and share > limit and _binomial_tail(n, count, p_chance) < 0.05:
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[{code}] the key is the {which} option in {count} of {n} items "
                    f"({share:.0%}; chance is about {p_chance:.0%})",
                    f"{hint}; even out option lengths",
                    warning=True,
                )
            )
    for name in CUE_GROUPS:
        carrying, keys = cue_options[name], cue_keys[name]
        if (
            carrying >= CUE_MIN_OPTIONS
            and keys < carrying * p_chance / 2
            and _binomial_head(carrying, keys, p_chance) < 0.01
        ):
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q016] {name} is in {carrying} options but only {keys} of them are keys "
                    f"({keys / carrying:.0%}; chance is about {p_chance:.0%})",
                    "candidates rule those options out unread; drop it from distractors or use it in keys too",
                    warning=True,
                )
            )
    if n >= POSITION_MIN_ITEMS:
        counts = Counter(it.question.answer for it in items)
        width = max(len(it.question.options) for it in items)
        letters = LETTERS[:width]
        expected = n / width
        chi2 = sum((counts.get(letter, 0) - expected) ** 2 / expected for letter in letters)
        # critical values of chi-square at p = 0.01 for 1..7 degrees of freedom
        critical = {1: 6.63, 2: 9.21, 3: 11.34, 4: 13.28, 5: 15.09, 6: 16.81, 7: 18.48}[width - 1]
        if chi2 > critical:
            spread = ", ".join(f"{letter} {counts.get(letter, 0)}" for letter in letters)
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q012] answer positions are unbalanced ({spread})",
                    "move keys so each position is used about equally",
                    warning=True,
                )
            )
    return out
