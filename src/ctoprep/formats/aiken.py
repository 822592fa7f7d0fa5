"""Moodle Aiken: one multiple-choice question per group of lines, without feedback.

::

    What is the question?
    A. An option
    B) Another option
    ANSWER: B

The question text runs up to the first option line (it may span lines); options are a capital
letter, ``.`` or ``)``, an optional space and the text, in order from A; ``ANSWER:`` names the key. Blank
lines between questions are optional. Aiken has no feedback, categories or titles.
"""

from __future__ import annotations

import re

from ctoprep.core.models.questions import LETTERS
from ctoprep.core.problems import Problem
from ctoprep.formats.common import clean_text
from ctoprep.formats.question_drafts import DraftOption, ParsedQuestions, QuestionDraft, Skipped

_OPTION = re.compile(r"^([A-Z])[.)][ \t]*(\S.*)$")
"""``A. text``, ``B) text`` and, as Moodle's own tests have it, ``A)text`` with no space."""
_BARE_OPTION = re.compile(r"^([A-Z])[.)]$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


def read_aiken(text: str, shown: str) -> ParsedQuestions:
    """Parse Aiken text; ``shown`` names the file in problems."""
    result = ParsedQuestions()
    stem: list[str] = []
    options: list[str] = []
    start = 0
    broken = False

    def error(line: int, message: str, hint: str = "", col: int = 1) -> None:
        result.problems.append(Problem(shown, message, line=line, col=col, hint=hint))

    def reset() -> None:
        nonlocal stem, options, start, broken
        stem, options, start, broken = [], [], 0, False

    for lineno, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line) or _BARE_OPTION.match(line)
        if answer:
            if broken:
                reset()
                continue
            if not stem:
                error(lineno, "'ANSWER:' with no question before it")
                reset()
                continue
            if len(options) < 2:
                error(
                    lineno,
                    f"the question at line {start} has {len(options)} options; it needs at least two",
                    "options are lines like 'A. text'",
                )
                reset()
                continue
            letters = [x for x in re.split(r"[\s,;]+", answer.group(1).strip().upper()) if x]
            if len(letters) > 1:
                result.skipped.append(Skipped(start, f"question at line {start}", "more than one answer letter"))
                reset()
                continue
            letter = letters[0] if letters else ""
            if len(letter) != 1 or letter not in LETTERS[: len(options)]:
                error(
                    lineno,
                    f"answer {answer.group(1).strip()!r} is not one of the options A..{LETTERS[len(options) - 1]}",
                    col=raw.index(":") + 2,
                )
                reset()
                continue
            result.drafts.append(
                QuestionDraft(
                    line=start,
                    stem=clean_text("\n".join(stem)),
                    options=[DraftOption(clean_text(o)) for o in options],
                    answer=LETTERS.index(letter),
                )
            )
            reset()
        elif option and stem and (options or option.group(1) == "A"):
            if broken:
                continue
            letter = option.group(1)
            expected = LETTERS[len(options)] if len(options) < len(LETTERS) else "?"
            text_part = option.group(2) if option.re is _OPTION else ""
            if letter != expected:
                error(lineno, f"option {letter} where {expected} was expected", "options run A, B, C ... in order")
                broken = True
            elif not clean_text(text_part):
                error(lineno, f"option {letter} has no text")
                broken = True
            else:
                options.append(text_part)
        else:
            if broken:
                continue
            if options:
                error(
                    lineno,
                    f"expected 'ANSWER: X' after the options of the question at line {start}",
                    "each question ends with a line 'ANSWER: <letter>'",
                )
                broken = True
                continue
            if not stem:
                start = lineno
            stem.append(line)
    if stem and not broken:
        error(start, "the last question has no 'ANSWER:' line")
    return result
