"""Writing GIFT: a bank's questions as a file Moodle imports, ctoprep's metadata in a comment.

Text is escaped for GIFT, the bank files' hard line breaks are joined, and each question carries a
``// ctoprep {...}`` comment that Moodle ignores and ``read_gift`` reads back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ctoprep.core.models.questions import Question
from ctoprep.formats.gift.text import _META, _WEIGHT


def unwrap(text: str) -> str:
    """Text with the bank files' hard line breaks joined: paragraphs and list items keep their breaks.

    The TOML banks wrap long lines for reading; in Moodle such a break would split a sentence.
    """
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    out = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.split("\n"):
            stripped = line.strip()
            if lines and not re.match(r"^([-*\u2022]|\d+[.)])\s", stripped):
                lines[-1] += " " + stripped
            else:
                lines.append(stripped)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped and line breaks as ``\\n``."""
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _piece(text: str) -> str:
    """One escaped text piece; a ``[plain]`` prefix keeps a leading ``[word]`` from being read as a format."""
    escaped = escape(text)
    return "[plain]" + escaped if text.startswith("[") else escaped


def _answer(text: str) -> str:
    escaped = _piece(text)
    # a wrong answer starting with %n% would be read as a weight: an explicit %0% keeps the text intact
    return "%0%" + escaped if _WEIGHT.match(text) else escaped


def question_to_gift(question: Question, *, category: str | None = None) -> str:
    """One question in GIFT, with its metadata in a ``// ctoprep {...}`` comment Moodle ignores."""
    meta = {
        "id": question.id,
        "skills": list(question.skills),
        "difficulty": question.difficulty,
        "cognitive": question.cognitive.value,
        "kind": question.kind.value,
        "tags": list(question.tags),
    }
    lines = []
    if category:
        lines += [f"$CATEGORY: {category}", ""]
    lines.append(f"// {_META} {json.dumps(meta, ensure_ascii=False)}")
    lines.append(f"::{escape(question.id)}::[plain]{escape(unwrap(question.stem))} {{")
    for index, option in enumerate(question.options):
        text = unwrap(option.text)
        if index == question.key_index:
            line = f"\t={'%100%' if _WEIGHT.match(text) else ''}{_piece(text)}"
        else:
            line = f"\t~{_answer(text)}"
        if option.why:
            line += f"#{_piece(unwrap(option.why))}"
        lines.append(line)
    if question.explanation or question.options[question.key_index].why:
        # an empty general feedback keeps the key's feedback from being read as the explanation
        lines.append(f"\t####{_piece(unwrap(question.explanation))}".rstrip())
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_gift(questions: Iterable[Question], *, categories: dict[str, str] | None = None, header: str = "") -> str:
    """A GIFT file of ``questions``; ``categories`` maps question id -> Moodle category path."""
    parts: list[str] = []
    if header:
        parts.append("".join(f"// {line}\n" for line in header.splitlines()))
    current: str | None = None
    for question in questions:
        category = (categories or {}).get(question.id)
        parts.append(question_to_gift(question, category=category if category != current else None))
        current = category or current
    return "\n".join(parts)
