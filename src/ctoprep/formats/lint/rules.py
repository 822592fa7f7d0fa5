"""The linter's rule table, its thresholds, and the values every rule works on and reports.

``RULES`` maps each code to its one-line reason; the constants below are the limits the rules in
``item``, ``bank`` and ``files`` apply. ``LintedQuestion`` is one item with where it came from, so a
finding can name the file, line and column; ``LintReport`` is what ``lint_files`` returns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ctoprep.core.models.questions import Question
from ctoprep.core.problems import Problem, Tallied
from ctoprep.formats.toml_source import TomlDocument

MIN_OPTIONS = 3
LONGEST_KEY_SHARE_LIMIT = 0.35
"""Warn when the key is the (strictly) longest option in more than this share of a bank's items."""
LONGEST_KEY_RATIO = 1.6
"""Warn on an item whose key is this many times longer than its longest distractor."""
SHORTEST_KEY_SHARE_LIMIT = 0.35
"""Warn when the key is the (strictly) shortest option in more than this share of a bank's items."""
POSITION_MIN_ITEMS = 16
CUE_MIN_OPTIONS = 12
"""A cue word is judged only once this many options of a bank carry it."""
CUE_GROUPS = {
    "a justification clause (since, because, as it, given that)": re.compile(
        r"\b(since|because|as it|given that)\b", re.IGNORECASE
    ),
    "an absolute word (always, never, all, every, only, must, none, entirely, completely)": re.compile(
        r"\b(always|never|all|every|only|must|none|entirely|completely)\b", re.IGNORECASE
    ),
}
"""Words that, when they mark distractors far more than keys, let a candidate rule options out unread."""
STRATEGY_SHARE_LIMIT = 0.35
"""Warn when a combined option-only strategy (rule out cue words, pick by length) scores above this."""
NEAR_DUPLICATE = 0.7
"""Jaccard similarity of word 3-gram shingles above which two stems are near-duplicates."""
FORMS_WANTED = 3

RULES = {
    "Q001": "too few options",
    "Q002": "duplicate options",
    "Q003": "'all of the above' / 'none of the above'",
    "Q004": "missing explanation",
    "Q005": "option without a 'why'",
    "Q006": "negative stem not marked in capitals",
    "Q007": "duplicate stem",
    "Q008": "near-duplicate stem",
    "Q009": "key repeats the stem's words that no distractor does",
    "Q010": "key much longer than every distractor",
    "Q011": "key is the longest option too often",
    "Q012": "answer positions unbalanced",
    "Q013": "skill with no questions",
    "Q014": "blueprint coverage short of a mock exam",
    "Q015": "key is the shortest option too often",
    "Q016": "a cue word marks distractors far more often than keys",
    "Q017": "ruling out cue words, then picking by length, beats chance",
    "Q018": "every distractor is extreme or passive and the key is not",
    "Q019": "an item uses a retired id",
    "Q020": "too few knowledge items",
}

EXTREME_OR_PASSIVE = re.compile(
    r"\b(ban|bans|banning|banned|prohibit\w*|forbid\w*|refus\w*|declin\w* to|ignor\w*|disciplin\w*|"
    r"punish\w*|reprimand\w*|terminat\w*|fire (?:the|them|him|her)|suspend\w*|revok\w*|"
    r"wait (?:until|for)|postpon\w*|defer\w*|put off|do nothing|take no action|no action|leave it|"
    r"shut (?:down|off)|block (?:all|every)|replace (?:all|every|everything|the entire|the whole)|"
    r"scrap\w*|abandon\w*|start over|from scratch)\b",
    re.IGNORECASE,
)
"""Markers of an extreme, punitive or passive option: the kind of distractor a test-wise reader rules out unread."""
KNOWLEDGE_SHARE_WANTED = 0.25
"""The share of items that must test specific knowledge (law, funding rules, standards, controls, finance)."""


@dataclass(frozen=True)
class LintedQuestion:
    question: Question
    index: int
    doc: TomlDocument


@dataclass
class LintReport(Tallied):
    problems: list[Problem]
    questions: int
    files: int

    def counts(self) -> Counter[str]:
        return Counter(p.message.split("]", 1)[0].lstrip("[") for p in self.problems)


def item_problem(
    item: LintedQuestion, key: tuple[str | int, ...], code: str, message: str, hint: str = "", *, warning: bool = False
) -> Problem:
    return item.doc.problem(("questions", item.index, *key), f"[{code}] {message}", hint, warning=warning)
