"""The warm-start cache of one question bank file: compact JSON, read back without pydantic.

The questions are written by column: one list per field (all ids, then all skill lists, ...), then the
number of options of each question and two lists of all the options' texts and whys. ``json.loads``
parses that faster than objects with keys, and each column is checked and built by loops that run in C
rather than by Python code run for each of a bank's 10,000 questions and 40,000 options (measured on the
bench's bank: about 60 ms to decode, where a list per question with ``[text, why]`` pairs, checked in a
Python loop, took 85-90 ms).

The cache is ctoprep's own file, written only after the TOML file validated, so :func:`decode` does not
validate it again field by field (string lengths and patterns are not checked). It does check every
value's type (bool is not int), the lengths of the columns, the enum values, the difficulty, the number
of options and that each answer is the letter of one of its options, so a corrupt or planted file raises
:class:`ValueError` (the caller then reads the TOML file) instead of building a bank that breaks later.
The models are built by :func:`~ctoprep.core.trusted.trusted` and ``trusted_each`` with every field
given: equal, field sets included, to what ``QuestionBankFile.model_validate_json`` builds from the same
bank.
"""

from __future__ import annotations

import json
from itertools import chain, islice, repeat
from operator import attrgetter, lt
from typing import Any

from pydantic_core import to_json

from ctoprep.core.models.questions import LETTERS, BankMeta, Cognitive, ItemKind, Option, Question, QuestionBankFile
from ctoprep.core.trusted import trusted, trusted_each

FORMAT = "ctoprep.bank-cache"

BANK_FIELDS = ("id", "framework", "title", "description", "retired")
QUESTION_FIELDS = ("id", "skills", "difficulty", "cognitive", "kind", "tags", "stem", "answer", "explanation")
"""The [bank] fields and the question fields written, in this order (the questions' options follow as
three more columns). A test checks they are the models' fields: changing a model needs a change here and
a new ``CACHE_SCHEMA`` in ``banks.py``."""

_QUESTION_VALUES_NAMES = (*QUESTION_FIELDS, "options")
_QUESTION_VALUES = attrgetter(*_QUESTION_VALUES_NAMES)

_COGNITIVE = {member.value: member for member in Cognitive}
_KIND = {member.value: member for member in ItemKind}
_KEY_INDEX = {letter: index for index, letter in enumerate(LETTERS)}
_DIFFICULTIES = {1, 2, 3}
_OPTION_COUNTS = set(range(2, 9))
_STR: set[type] = {str}
_INT: set[type] = {int}
_LIST: set[type] = {list}


class BankCacheError(ValueError):
    """The data is not a bank as :func:`encode` writes one."""


def encode(bank: QuestionBankFile) -> bytes:
    """The bank as the cache holds it (UTF-8 JSON, written by pydantic-core's ``to_json``: the same bytes
    as ``json.dumps`` with compact separators, in a fifth of the time).

    Raises:
        ValueError: a string that is not valid Unicode (a lone surrogate, which TOML cannot hold).
    """
    meta = bank.bank
    rows = list(map(_QUESTION_VALUES, bank.questions))  # one pass over the questions, in C, then by column
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in _QUESTION_VALUES_NAMES]
    *columns, options = columns
    for index in (QUESTION_FIELDS.index("cognitive"), QUESTION_FIELDS.index("kind")):
        columns[index] = [member.value for member in columns[index]]
    every_option = list(chain.from_iterable(options))
    columns += [list(map(len, options)), [o.text for o in every_option], [o.why for o in every_option]]
    document = [FORMAT, [meta.id, meta.framework, meta.title, meta.description, list(meta.retired)], columns]
    return to_json(document)


def decode(data: bytes) -> QuestionBankFile:
    """The bank :func:`encode` wrote.

    Raises:
        BankCacheError: a ValueError, for anything else (not JSON, a wrong type, a column of the wrong
            length, an unknown enum value, an answer that is not among the options); never another
            exception for any bytes.
    """
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deeply
        raise _fail(f"not JSON ({type(exc).__name__})") from None
    if type(document) is not list or len(document) != 3 or document[0] != FORMAT:
        raise _fail("not a bank cache")
    return trusted(QuestionBankFile, {"bank": _meta(document[1]), "questions": _questions(document[2])})


def _fail(what: str) -> BankCacheError:
    return BankCacheError(f"bank cache: {what}")


def _column(value: object, n: int | None, types: set[type], name: str) -> list[Any]:
    """A list (of ``n`` items, when given) whose items are all of exactly one of ``types``."""
    if type(value) is not list or (n is not None and len(value) != n) or not set(map(type, value)) <= types:
        raise _fail(f"{name}: not the column written")
    return value


def _meta(value: object) -> BankMeta:
    if type(value) is not list or len(value) != len(BANK_FIELDS):
        raise _fail("not a [bank] table")
    *texts, retired = value
    _column(texts, None, _STR, "[bank]")
    return trusted(BankMeta, dict(zip(BANK_FIELDS, (*texts, _column(retired, None, _STR, "retired")), strict=True)))


def _questions(value: object) -> list[Question]:
    if type(value) is not list or len(value) != len(QUESTION_FIELDS) + 3:
        raise _fail("not the questions' columns")
    ids, skills, difficulty, cognitive, kind, tags, stems, answers, explanations, counts, texts, whys = value
    n = len(_column(ids, None, _STR, "id"))
    for column, name in ((stems, "stem"), (answers, "answer"), (explanations, "explanation")):
        _column(column, n, _STR, name)
    if not all(_column(skills, n, _LIST, "skills")):
        raise _fail("a question has no skills")
    _column(list(chain.from_iterable(skills)), None, _STR, "skills")
    _column(list(chain.from_iterable(_column(tags, n, _LIST, "tags"))), None, _STR, "tags")
    if not set(_column(difficulty, n, _INT, "difficulty")) <= _DIFFICULTIES:
        raise _fail("a difficulty is not 1, 2 or 3")
    if not set(_column(counts, n, _INT, "options")) <= _OPTION_COUNTS:
        raise _fail("a question has fewer than 2 or more than 8 options")
    try:
        cognitive_members = list(map(_COGNITIVE.__getitem__, _column(cognitive, n, _STR, "cognitive")))
        kind_members = list(map(_KIND.__getitem__, _column(kind, n, _STR, "kind")))
        keys = list(map(_KEY_INDEX.__getitem__, answers))
    except KeyError:
        raise _fail("an unknown cognitive level, kind or answer letter") from None
    if not all(map(lt, keys, counts)):
        raise _fail("an answer is not the letter of one of its options")
    n_options = sum(counts)
    _column(texts, n_options, _STR, "option texts")
    _column(whys, n_options, _STR, "option whys")

    options = iter(trusted_each(Option, [{"text": text, "why": why} for text, why in zip(texts, whys, strict=True)]))
    grouped = map(list, map(islice, repeat(options), counts))
    rows = zip(
        ids,
        skills,
        difficulty,
        cognitive_members,
        kind_members,
        tags,
        stems,
        answers,
        explanations,
        grouped,
        strict=True,
    )
    return trusted_each(
        Question,
        [
            {
                "id": qid,
                "skills": q_skills,
                "difficulty": q_difficulty,
                "cognitive": q_cognitive,
                "kind": q_kind,
                "tags": q_tags,
                "stem": stem,
                "answer": answer,
                "explanation": explanation,
                "options": q_options,
            }
            for qid, q_skills, q_difficulty, q_cognitive, q_kind, q_tags, stem, answer, explanation, q_options in rows
        ],
    )
