"""Rules that look at one item on its own (Q001-Q006, Q009, Q010, Q018)."""

from __future__ import annotations

import re

from ctoprep.core.models.questions import LETTERS
from ctoprep.core.problems import Problem
from ctoprep.formats.lint.rules import (
    EXTREME_OR_PASSIVE,
    LONGEST_KEY_RATIO,
    MIN_OPTIONS,
    LintedQuestion,
    item_problem,
)
from ctoprep.formats.lint.text import content_words, normalized, question_sentence

_ABOVE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(not|except|least (?:likely|appropriate|effective|useful|important))\b", re.IGNORECASE)
_NEGATIVE_MARKED = re.compile(r"\b(NOT|EXCEPT|LEAST)\b")


def lint_question(item: LintedQuestion) -> list[Problem]:
    """Rules that look at one item on its own."""
    q = item.question
    out: list[Problem] = []
    if len(q.options) < MIN_OPTIONS:
        out.append(
            item_problem(
                item,
                ("options",),
                "Q001",
                f"{q.id}: only {len(q.options)} options",
                f"give at least {MIN_OPTIONS}: one key and plausible distractors",
            )
        )
    seen: dict[str, int] = {}
    for i, option in enumerate(q.options):
        norm = normalized(option.text)
        if norm in seen:
            out.append(
                item_problem(
                    item,
                    ("options", i, "text"),
                    "Q002",
                    f"{q.id}: option {LETTERS[i]} repeats option {LETTERS[seen[norm]]}",
                )
            )
        seen.setdefault(norm, i)
        if _ABOVE.search(option.text):
            out.append(
                item_problem(
                    item,
                    ("options", i, "text"),
                    "Q003",
                    f"{q.id}: option {LETTERS[i]} is an 'of the above' option",
                    "it rewards partial knowledge; write a real alternative",
                )
            )
        if not option.why.strip():
            out.append(
                item_problem(
                    item,
                    ("options", i),
                    "Q005",
                    f"{q.id}: option {LETTERS[i]} has no 'why'",
                    "say why it is right or why it is wrong",
                    warning=True,
                )
            )
    if not q.explanation.strip():
        out.append(
            item_problem(
                item,
                ("explanation",),
                "Q004",
                f"{q.id}: no explanation of the key",
                "explain why the key is the best answer",
            )
        )
    negative = _NEGATIVE.search(question_sentence(q.stem))
    if negative and not _NEGATIVE_MARKED.search(negative.group()):
        # 'except' almost always makes a negative stem; 'not' often belongs to the scenario instead
        certain = negative.group().lower() == "except"
        hint = "if the key is the option that does NOT apply, write NOT / EXCEPT in capitals; otherwise rephrase"
        message = f"{q.id}: the question asks with {negative.group()!r} in lower case"
        out.append(item_problem(item, ("stem",), "Q006", message, hint, warning=not certain))
    key = q.options[q.key_index].text
    distractors = [o.text for i, o in enumerate(q.options) if i != q.key_index]
    if distractors:
        stem_words = content_words(q.stem)
        in_key = stem_words & content_words(key)
        in_distractors = set().union(*(content_words(d) for d in distractors)) & stem_words
        clues = sorted(in_key - in_distractors)
        if len(clues) >= 2:
            out.append(
                item_problem(
                    item,
                    ("answer",),
                    "Q009",
                    f"{q.id}: only the key repeats the stem's words {', '.join(repr(c) for c in clues[:4])}",
                    "reword the key or echo those words in a distractor",
                    warning=True,
                )
            )
        longest_distractor = max(len(d) for d in distractors)
        if len(key) > LONGEST_KEY_RATIO * longest_distractor and len(key) - longest_distractor > 30:
            out.append(
                item_problem(
                    item,
                    ("answer",),
                    "Q010",
                    f"{q.id}: the key is {len(key) / longest_distractor:.1f}x as long as any distractor",
                    "make the distractors as specific as the key",
                    warning=True,
                )
            )
    markers = [bool(EXTREME_OR_PASSIVE.search(o.text)) for o in q.options]
    distractor_marks = [m for i, m in enumerate(markers) if i != q.key_index]
    if len(distractor_marks) >= 2 and all(distractor_marks) and not markers[q.key_index]:
        out.append(
            item_problem(
                item,
                ("answer",),
                "Q018",
                f"{q.id}: every distractor is extreme or passive (ban, refuse, wait until, ignore, discipline, "
                "replace everything, ...) and the key is not",
                "a reader picks the one measured option without the stem; make at least one distractor a sound "
                "action that is wrong for a reason the stem gives",
                warning=True,
            )
        )
    return out
