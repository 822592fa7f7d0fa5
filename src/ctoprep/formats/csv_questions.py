"""Questions in a spreadsheet (CSV), in the layout documented in docs/interchange.md.

One header row, then one question per row. Column names are matched without regard to case,
spaces or underscores:

==============  ==========================================================================
column          meaning
==============  ==========================================================================
stem            the question (required; alias ``question``)
A .. H          the options in order, at least A and B (aliases ``option A``, ``option_a``)
answer          the letter of the right option (required; aliases ``key``, ``correct``)
explanation     why the key is right (alias ``feedback``, ``general feedback``)
why A .. why H  why each option is right or wrong (alias ``feedback A``)
id              the question id (optional; made up when missing or unusable)
skills          skill ids, separated by ``;``, ``,`` or spaces
category        a path like GIFT's: ``Leadership/lv.vision``; a skill id or title in it picks the skill
tags            tags, separated by ``;``
difficulty      1, 2, 3 or easy, medium, hard
cognitive       recall, apply or judge
==============  ==========================================================================

The separator is a comma, a semicolon or a tab (whichever makes a header with a stem column);
files may start with a UTF-8 byte-order mark. Cells that a spreadsheet would run as a formula
are written with a leading apostrophe, which reading removes again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from ctoprep.core.models.questions import LETTERS, Cognitive, Question
from ctoprep.core.problems import Problem, Severity
from ctoprep.formats.common import clean_text
from ctoprep.formats.question_drafts import (
    MAX_OPTIONS,
    DraftOption,
    ParsedQuestions,
    QuestionDraft,
    Skipped,
    category_segments,
)

_DELIMITERS = (",", ";", "\t")
_FORMULA_START = "=+-@\t\r"
_DIFFICULTY = {"1": 1, "2": 2, "3": 3, "easy": 1, "medium": 2, "hard": 3}
_ALIASES = {
    "id": "id",
    "stem": "stem",
    "question": "stem",
    "question text": "stem",
    "answer": "answer",
    "key": "answer",
    "correct": "answer",
    "correct answer": "answer",
    "explanation": "explanation",
    "feedback": "explanation",
    "general feedback": "explanation",
    "skills": "skills",
    "skill": "skills",
    "category": "category",
    "tags": "tags",
    "tag": "tags",
    "difficulty": "difficulty",
    "cognitive": "cognitive",
    "cognitive level": "cognitive",
}
for _i, _letter in enumerate(LETTERS):
    for _name in (_letter.lower(), f"option {_letter.lower()}"):
        _ALIASES[_name] = f"option:{_i}"
    for _name in (f"why {_letter.lower()}", f"feedback {_letter.lower()}"):
        _ALIASES[_name] = f"why:{_i}"


def _normal(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("\ufeff", "").split()).casefold()


def _unguard(cell: str) -> str:
    """Remove the apostrophe written in front of formula-like cells (see :func:`_guard`)."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START + "'":
        return cell[1:]
    return cell


def _guard(cell: str) -> str:
    """Keep spreadsheets from running a cell as a formula: ``=1+1`` is written ``'=1+1``."""
    if cell and (cell[0] in _FORMULA_START or cell[0] == "'"):
        return "'" + cell
    return cell


def _records(text: str, delimiter: str, limit: int | None = None) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Rows with the line each starts on; a row the csv module cannot read ends the list."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        return rows, Problem("", f"cannot read this row: {exc}", line=start, col=1)
    return rows, None


def read_csv(text: str, shown: str) -> ParsedQuestions:
    """Parse CSV text; ``shown`` names the file in problems."""
    result = ParsedQuestions()

    def error(line: int, message: str, hint: str = "") -> None:
        result.problems.append(Problem(shown, message, line=line, col=1, hint=hint))

    header: list[str] | None = None
    delimiter = ","
    for candidate in _DELIMITERS:
        head, _ = _records(text, candidate, limit=1)
        first = head[0][1] if head else []
        if any(_ALIASES.get(_normal(name)) == "stem" for name in first):
            header, delimiter = first, candidate
            break
    if header is None:
        error(1, "no header row with a 'stem' column", "the first row names the columns: stem, A, B, ..., answer")
        return result
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _ALIASES.get(_normal(name))
        if key is None:
            if _normal(name):
                result.problems.append(
                    Problem(shown, f"column {name.strip()!r} is not used", line=1, col=1, severity=Severity.WARNING)
                )
            continue
        if key in columns:
            error(1, f"two columns mean {key.replace(':', ' ')}: {header[columns[key]]!r} and {name!r}")
            return result
        columns[key] = index
    if "answer" not in columns:
        error(1, "no 'answer' column", "add a column 'answer' with the letter of the right option")
        return result
    option_columns = sorted((int(k.split(":")[1]), i) for k, i in columns.items() if k.startswith("option:"))
    if [n for n, _ in option_columns[:2]] != [0, 1]:
        error(1, "the option columns must include A and B", "name the option columns A, B, C ...")
        return result

    records, broken = _records(text, delimiter)
    if broken is not None:
        error(broken.line, broken.message, "is a quote missing, or a cell over 100,000 characters?")
    records = records[1:]
    for line, row in records:
        cells = [_unguard(clean_text(c)) for c in row]
        if not any(cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        stem = cell("stem")
        if not stem:
            error(line, "a row with no stem", "fill in the 'stem' column or delete the row")
            continue
        options: list[DraftOption] = []
        gap: int | None = None
        bad = False
        for n, _ in option_columns:
            text = cell(f"option:{n}")
            if not text:
                gap = n if gap is None else gap
                continue
            if gap is not None:
                error(line, f"option {LETTERS[n]} is given but option {LETTERS[gap]} is empty")
                bad = True
                break
            options.append(DraftOption(text, cell(f"why:{n}")))
        if bad:
            continue
        answer = cell("answer").strip().upper()
        letters = [x for x in re.split(r"[\s,;]+", answer) if x]
        if len(letters) > 1:
            result.skipped.append(Skipped(line, cell("id") or f"row at line {line}", "more than one answer letter"))
            continue
        if len(answer) != 1 or answer not in LETTERS[: max(len(options), 1)]:
            last = LETTERS[len(options) - 1] if options else "A"
            error(line, f"answer {cell('answer')!r} is not one of the options A..{last}")
            continue
        difficulty_text = cell("difficulty").casefold()
        difficulty = _DIFFICULTY.get(difficulty_text)
        if difficulty_text and difficulty is None:
            error(line, f"difficulty {cell('difficulty')!r} is not 1, 2, 3, easy, medium or hard")
            continue
        cognitive = cell("cognitive").casefold() or None
        if cognitive is not None and cognitive not in {c.value for c in Cognitive}:
            error(line, f"cognitive {cell('cognitive')!r} is not recall, apply or judge")
            continue
        result.drafts.append(
            QuestionDraft(
                line=line,
                stem=stem,
                options=options,
                answer=LETTERS.index(answer),
                explanation=cell("explanation"),
                title=cell("id"),
                category=category_segments(cell("category")),
                skills=tuple(s for s in re.split(r"[\s,;]+", cell("skills")) if s),
                tags=tuple(t.strip() for t in cell("tags").split(";") if t.strip()),
                difficulty=difficulty,
                cognitive=cognitive,
            )
        )
    return result


def write_csv(questions: Iterable[Question]) -> str:
    """The questions in the documented CSV layout (read back by :func:`read_csv`)."""
    items = list(questions)
    width = max([len(q.options) for q in items] + [4])
    width = min(width, MAX_OPTIONS)
    header = ["id", "skills", "difficulty", "cognitive", "tags", "stem"]
    header += [LETTERS[n] for n in range(width)] + ["answer", "explanation"]
    header += [f"why {LETTERS[n]}" for n in range(width)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for q in items:
        options = [o.text for o in q.options] + [""] * (width - len(q.options))
        whys = [o.why for o in q.options] + [""] * (width - len(q.options))
        row = [q.id, " ".join(q.skills), str(q.difficulty), q.cognitive.value, "; ".join(q.tags), q.stem]
        row += [*options, q.answer, q.explanation, *whys]
        writer.writerow([_guard(c) for c in row])
    return out.getvalue()
