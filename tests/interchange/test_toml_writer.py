"""The TOML writer: whatever it writes, a TOML reader gives back exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.formats.toml_writer import dumps, schema_reference, toml_string

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
scalars = st.one_of(
    text.filter(bool),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
arrays = st.lists(st.one_of(text.filter(bool), st.integers(-100, 100)), min_size=1, max_size=5)


def tables(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    leaf = st.dictionaries(keys, st.one_of(scalars, arrays), max_size=4)
    if depth == 0:
        return leaf
    inner = tables(depth - 1).filter(bool)
    return st.dictionaries(keys, st.one_of(scalars, arrays, inner, st.lists(inner, min_size=1, max_size=3)), max_size=4)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_anything_written_reads_back_the_same(data: dict[str, Any]) -> None:
    assert tomli.loads(dumps(data)) == data


@settings(max_examples=500, deadline=None)
@given(text)
def test_every_string_survives(value: str) -> None:
    assert tomli.loads(f"v = {toml_string(value)}")["v"] == value


@pytest.mark.parametrize(
    "value",
    [
        '"""',
        'ends with a quote"',
        "back\\slash\\",
        "tab\tand\r\nCRLF",
        "\x00\x1b[31m\x7f",
        "line\n\n\nbreaks\n",
        "\\\n",
    ],
)
def test_awkward_strings(value: str) -> None:
    assert tomli.loads(f"v = {toml_string(value)}")["v"] == value


def test_lone_surrogates_become_replacement_characters() -> None:
    assert tomli.loads("v = " + toml_string("a\ud800b"))["v"] == "a\ufffdb"


def test_layout_starts_with_the_schema_line_and_leaves_out_empty_values() -> None:
    data = {"bank": {"id": "b", "framework": "f", "description": ""}, "questions": [{"id": "q", "tags": []}]}
    out = dumps(data, schema="../schemas/question-bank.schema.json", comments=["made by a \x1b test"])
    lines = out.splitlines()
    assert lines[0] == "#:schema ../schemas/question-bank.schema.json"
    assert lines[1] == "# made by a ? test"
    assert "description" not in out
    assert "tags" not in out
    assert "[[questions]]" in lines
    assert tomli.loads(out) == {"bank": {"id": "b", "framework": "f"}, "questions": [{"id": "q"}]}


def test_multiline_strings_are_readable() -> None:
    out = dumps({"q": {"stem": "First line\nsecond line"}})
    assert 'stem = """\nFirst line\nsecond line"""' in out


def test_schema_reference_is_relative(tmp_path: Path) -> None:
    schemas = tmp_path / "a" / "schemas"
    target = tmp_path / "b" / "frameworks" / "x"
    assert schema_reference(target, schemas / "framework.schema.json") == "../../../a/schemas/framework.schema.json"
