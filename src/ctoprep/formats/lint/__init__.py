"""Item-quality linter: the item-writing flaws that test-wise candidates exploit and reviewers look for.

Each rule has a code, a severity and a one-line reason; every finding names the file, line and
column. Structural flaws are errors (the item is broken or gives itself away); statistical patterns
across a bank are warnings (worth a look, not always wrong).

The package holds ``rules`` (the rule table, thresholds, ``LintedQuestion`` and ``LintReport``),
``text`` (word, shingle and sentence helpers), ``item`` (rules on one item), ``bank`` (patterns
across one bank file) and ``files`` (rules across every file given, and ``lint_files``).
``ctoprep.formats.lint`` re-exports the public names.
"""

from ctoprep.formats.lint.bank import lint_bank_patterns
from ctoprep.formats.lint.files import (
    lint_coverage,
    lint_duplicates,
    lint_files,
    lint_knowledge_share,
    lint_retired,
)
from ctoprep.formats.lint.item import lint_question
from ctoprep.formats.lint.rules import (
    CUE_GROUPS,
    CUE_MIN_OPTIONS,
    EXTREME_OR_PASSIVE,
    FORMS_WANTED,
    KNOWLEDGE_SHARE_WANTED,
    LONGEST_KEY_RATIO,
    LONGEST_KEY_SHARE_LIMIT,
    MIN_OPTIONS,
    NEAR_DUPLICATE,
    POSITION_MIN_ITEMS,
    RULES,
    SHORTEST_KEY_SHARE_LIMIT,
    STRATEGY_SHARE_LIMIT,
    LintedQuestion,
    LintReport,
)
from ctoprep.formats.lint.text import question_sentence

__all__ = [
    "CUE_GROUPS",
    "CUE_MIN_OPTIONS",
    "EXTREME_OR_PASSIVE",
    "FORMS_WANTED",
    "KNOWLEDGE_SHARE_WANTED",
    "LONGEST_KEY_RATIO",
    "LONGEST_KEY_SHARE_LIMIT",
    "MIN_OPTIONS",
    "NEAR_DUPLICATE",
    "POSITION_MIN_ITEMS",
    "RULES",
    "SHORTEST_KEY_SHARE_LIMIT",
    "STRATEGY_SHARE_LIMIT",
    "LintReport",
    "LintedQuestion",
    "lint_bank_patterns",
    "lint_coverage",
    "lint_duplicates",
    "lint_files",
    "lint_knowledge_share",
    "lint_question",
    "lint_retired",
    "question_sentence",
]
