"""The question bank cache: compact JSON read back without pydantic; anything but what ctoprep wrote is refused.

What :func:`decode` builds must be what ``QuestionBankFile.model_validate_json`` builds from the same
bank (the warm path's result before the codec), down to the field sets and the types of list fields.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from ctoprep.core.models.questions import (
    LETTERS,
    BankMeta,
    Cognitive,
    ItemKind,
    Option,
    Question,
    QuestionBankFile,
)
from ctoprep.formats.loading import CACHE_SCHEMA, banks, load_framework, load_question_banks, parse_bank_file
from ctoprep.formats.loading.bank_cache import BANK_FIELDS, QUESTION_FIELDS, BankCacheError, decode, encode
from ctoprep.storage.bundled import bundled_banks_dir


def assert_same(got: object, want: object, where: str = "bank") -> None:
    """Equal, of the same types all the way down (a list stays a list, an enum member a member), with the
    same field sets."""
    assert type(got) is type(want), f"{where}: {type(got).__name__} is not {type(want).__name__}"
    if isinstance(want, BaseModel):
        assert isinstance(got, BaseModel)
        assert got.model_fields_set == want.model_fields_set, where
        assert got.__pydantic_extra__ == want.__pydantic_extra__, where
        assert got.__pydantic_private__ == want.__pydantic_private__, where
        assert list(got.__dict__) == list(want.__dict__), where
        for name in type(want).model_fields:
            assert_same(getattr(got, name), getattr(want, name), f"{where}.{name}")
    elif isinstance(want, list):
        assert isinstance(got, list)
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_same(g, w, f"{where}[{i}]")
    else:
        assert got == want, where
    assert got == want, where


def round_trip(bank: QuestionBankFile) -> None:
    reference = QuestionBankFile.model_validate_json(bank.model_dump_json())
    decoded = decode(encode(bank))
    assert_same(decoded, reference)
    assert decoded == bank


def test_the_codec_knows_every_field_of_the_models() -> None:
    """A field added to a model must be added to the codec, with a new CACHE_SCHEMA."""
    assert tuple(QuestionBankFile.model_fields) == ("bank", "questions")
    assert tuple(BankMeta.model_fields) == BANK_FIELDS
    assert tuple(Question.model_fields) == (*QUESTION_FIELDS, "options")
    assert tuple(Option.model_fields) == ("text", "why")


# -- round trips ------------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # TOML holds no lone surrogates
_id = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,10}", fullmatch=True)


@st.composite
def question_dicts(draw: st.DrawFn, number: int) -> dict[str, Any]:
    n_options = draw(st.integers(2, 8))
    options = []
    for _ in range(n_options):
        option: dict[str, Any] = {"text": draw(_text.filter(lambda t: t.strip()))}
        if draw(st.booleans()):
            option["why"] = draw(_text)
        options.append(option)
    question: dict[str, Any] = {
        "id": f"q{number}",
        "skills": draw(st.lists(_id, min_size=1, max_size=3)),
        "stem": draw(_text.filter(lambda t: t.strip())),
        "answer": LETTERS[draw(st.integers(0, n_options - 1))],
        "options": options,
    }
    optional = {
        "difficulty": st.integers(1, 3),
        "cognitive": st.sampled_from([c.value for c in Cognitive]),
        "kind": st.sampled_from([k.value for k in ItemKind]),
        "tags": st.lists(_text, max_size=3),
        "explanation": _text,
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            question[name] = draw(strategy)
    return question


@st.composite
def banks_as_read(draw: st.DrawFn) -> QuestionBankFile:
    """A valid bank as validating a TOML file builds it (some fields given, some left to defaults)."""
    meta: dict[str, Any] = {"id": draw(_id), "framework": draw(_id)}
    if draw(st.booleans()):
        meta["title"] = draw(_text.filter(lambda t: t.strip()))
    if draw(st.booleans()):
        meta["description"] = draw(_text)
    if draw(st.booleans()):
        meta["retired"] = draw(st.lists(_id, max_size=3))
    data: dict[str, Any] = {"bank": meta}
    n = draw(st.integers(0, 6))
    if n or draw(st.booleans()):
        data["questions"] = [draw(question_dicts(i)) for i in range(n)]
    return QuestionBankFile.model_validate(data)


@settings(max_examples=200, deadline=None)
@given(bank=banks_as_read())
def test_generated_banks_round_trip_to_what_pydantic_builds(bank: QuestionBankFile) -> None:
    round_trip(bank)


def bundled_bank_files() -> list[Path]:
    return sorted(bundled_banks_dir().rglob("*.toml"))


@pytest.mark.parametrize("path", bundled_bank_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_banks_round_trip_to_what_pydantic_builds(path: Path) -> None:
    problems: list[Any] = []
    _, bank = parse_bank_file(path, problems)
    assert bank is not None, problems
    assert bank.questions
    round_trip(bank)


# -- damaged caches ---------------------------------------------------------------------------------

SMALL = QuestionBankFile.model_validate(
    {
        "bank": {"id": "small", "framework": "mini", "retired": ["old"]},
        "questions": [
            {
                "id": "q1",
                "skills": ["alpha.one"],
                "tags": ["t"],
                "stem": "What?",
                "answer": "B",
                "options": [{"text": "No", "why": "wrong"}, {"text": "Yes"}],
            },
            {
                "id": "q2",
                "skills": ["alpha.one", "beta.two"],
                "difficulty": 3,
                "cognitive": "judge",
                "kind": "knowledge",
                "stem": "Which?",
                "answer": "C",
                "options": [{"text": "A"}, {"text": "B"}, {"text": "C"}],
            },
        ],
    }
)

_OTHER_TYPES: list[object] = [None, True, 1, 1.5, "x", [], {}]


def _positions(value: object, path: tuple[int, ...] = ()) -> Iterator[tuple[int, ...]]:
    """Every place in a decoded cache document: each list item, nested."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, i)
            yield from _positions(item, (*path, i))


def _edited(document: Any, path: tuple[int, ...], value: object) -> Any:
    edited = copy.deepcopy(document)
    node = edited
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return edited


def _wrong_types() -> Iterator[tuple[str, Any]]:
    """The small bank's cache with one value replaced by one of another type, at every position."""
    document = json.loads(encode(SMALL))
    for path in _positions(document):
        node = document
        for step in path:
            node = node[step]
        for other in _OTHER_TYPES:
            if type(other) is not type(node):
                yield f"{path}={other!r}", _edited(document, path, other)


def _damaged() -> Iterator[tuple[str, Any]]:
    """The small bank's cache with one element added, removed or changed to a value of the right type
    that breaks what the code relies on."""
    document = json.loads(encode(SMALL))
    # an extra or a missing element in every list but the ones whose length is free
    free = {(1, 4), (2, 1, 0), (2, 1, 1), (2, 5, 0), (2, 5, 1)}  # retired, skill lists, tag lists
    for path in [(), *_positions(document)]:
        node = document
        for step in path:
            node = node[step]
        if isinstance(node, list) and path not in free and node:
            longer, shorter = [*node, node[-1]], node[:-1]
            yield f"{path} one more", _edited(document, path, longer) if path else longer
            yield f"{path} one fewer", _edited(document, path, shorter) if path else shorter
    breaks = {
        "another format": ((0,), "ctoprep.framework-cache"),
        "answer past the options": ((2, 7, 0), "C"),
        "answer not a letter": ((2, 7, 0), "b"),
        "answer two letters": ((2, 7, 0), "AB"),
        "answer empty": ((2, 7, 0), ""),
        "unknown cognitive": ((2, 3, 0), "remember"),
        "unknown kind": ((2, 4, 1), "Knowledge"),
        "difficulty 0": ((2, 2, 0), 0),
        "difficulty 4": ((2, 2, 1), 4),
        "bool difficulty": ((2, 2, 1), True),
        "bool option count": ((2, 9, 0), True),
        "one option": ((2, 9, 0), 1),
        "nine options": ((2, 9, 1), 9),
        "no skills": ((2, 1, 0), []),
        "a skill not a string": ((2, 1, 1), ["alpha.one", 5]),
        "a tag not a string": ((2, 5, 0), [None]),
        "a retired id not a string": ((1, 4), [1]),
    }
    for name, (path, value) in breaks.items():
        yield name, _edited(document, path, value)
    # five options in all still, but q2 now has two, and its answer is C
    yield "counts moved so an answer is past its options", _edited(document, (2, 9), [3, 2])


WRONG = [*_wrong_types(), *_damaged()]


@pytest.mark.parametrize(("name", "document"), WRONG, ids=[name for name, _ in WRONG])
def test_a_damaged_cache_is_refused_with_a_value_error(name: str, document: Any) -> None:
    with pytest.raises(BankCacheError):
        decode(json.dumps(document).encode())


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe",
        b"[1, 2",
        b"null",
        b"[" * 100_000,
        b"1e999999",
        b'["ctoprep.bank-cache"]',
        encode(SMALL)[:-1],
        encode(SMALL)[: len(encode(SMALL)) // 2],
    ],
    ids=["empty", "not utf-8", "truncated list", "null", "deep", "huge number", "short", "truncated", "half"],
)
def test_bytes_that_are_not_a_cache_are_refused_with_a_value_error(content: bytes) -> None:
    with pytest.raises(BankCacheError):
        decode(content)


@settings(max_examples=300, deadline=None)
@given(
    path=st.lists(st.integers(0, 12), max_size=4),
    value=st.recursive(
        st.none() | st.booleans() | st.integers(-2, 10) | st.floats() | st.sampled_from(["", "A", "D", "apply", "x"]),
        lambda inner: st.lists(inner, max_size=4),
        max_leaves=6,
    ),
)
def test_any_edit_decodes_to_a_usable_bank_or_raises_a_value_error(path: list[int], value: object) -> None:
    document: Any = json.loads(encode(SMALL))
    node = document
    for step in path[:-1]:
        try:
            node = node[step]
        except (IndexError, TypeError):
            break
    if path:
        with contextlib.suppress(IndexError, TypeError):
            node[path[-1]] = value
    else:
        document = value
    try:
        bank = decode(json.dumps(document).encode())
    except ValueError:
        return
    for q in bank.questions:  # what the app relies on holds
        assert q.options[q.key_index] is q.options[LETTERS.index(q.answer)]
        assert q.difficulty in (1, 2, 3)
        assert isinstance(q.primary_skill, str)
        assert {type(q.cognitive), type(q.kind)} == {Cognitive, ItemKind}
    assert bank.model_dump_json()


# -- the loader -------------------------------------------------------------------------------------


def _aged_bank(mini: Path) -> Path:
    bank_path = mini.parent / "bank.toml"
    then = time.time() - 60
    os.utime(bank_path, (then, then))
    return bank_path


def _cache_file(cache: Path) -> Path:
    (cached,) = cache.glob(f"bank-{CACHE_SCHEMA}-*.json")
    return cached


def test_the_warm_path_does_not_validate_with_pydantic(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fw = load_framework(mini)
    bank_path = _aged_bank(mini)
    cache = tmp_path / "cache"
    cold = load_question_banks([bank_path], fw, cache)
    _, as_read = parse_bank_file(bank_path, [])
    assert as_read is not None
    reference = QuestionBankFile.model_validate_json(as_read.model_dump_json())  # the warm path's old result

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pydantic validation on the warm path")

    monkeypatch.setattr(QuestionBankFile, "model_validate_json", refuse)
    monkeypatch.setattr(QuestionBankFile, "model_validate", refuse)
    monkeypatch.setattr(banks, "validate_document", refuse)
    warm = load_question_banks([bank_path], fw, cache)
    assert warm == cold
    assert_same(list(warm.questions), reference.questions)


@pytest.mark.parametrize(
    "content",
    [b"", b"[1, 2", json.dumps(WRONG[0][1]).encode(), json.dumps(dict(_damaged())["answer past the options"]).encode()],
    ids=["empty", "truncated", "wrong type", "answer past the options"],
)
def test_a_damaged_cache_file_falls_back_to_the_bank_file(mini: Path, tmp_path: Path, content: bytes) -> None:
    fw = load_framework(mini)
    bank_path = _aged_bank(mini)
    cache = tmp_path / "cache"
    cold = load_question_banks([bank_path], fw)
    load_question_banks([bank_path], fw, cache)
    cached = _cache_file(cache)
    good = cached.read_bytes()
    stamp, _, _ = good.partition(b"\n")
    cached.write_bytes(stamp + b"\n" + content)  # the bank file's stamp, so that the damage is what is read
    assert load_question_banks([bank_path], fw, cache) == cold
    assert cached.read_bytes() == good  # read from the TOML file, and the cache written again


def test_encode_writes_what_json_dumps_writes() -> None:
    bank = SMALL.model_copy(update={"bank": SMALL.bank.model_copy(update={"title": "Fragen über «Führung»\u2028"})})
    data = encode(bank)
    assert data == json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()
    assert decode(data) == bank


def test_a_bank_that_cannot_be_encoded_is_not_cached(tmp_path: Path) -> None:
    bank = SMALL.model_copy(update={"bank": SMALL.bank.model_copy(update={"title": "lone \ud800"})})
    with pytest.raises(ValueError, match="surrogates"):
        encode(bank)
    banks._bank_to_cache(tmp_path, banks.CacheSlot("bank-key.json", b"1 2"), bank)  # no error: an optimization
    assert not list(tmp_path.iterdir())
