"""Random bytes, random JSON and random TOML thrown at every loader: a clear error every time,
never a traceback (any exception other than ContentError), never a change to the store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctoprep.core.assessment_io import parse_assessment
from ctoprep.core.models.assessment import Assessment, FrameworkRef
from ctoprep.core.packets import parse_packet, parse_review
from ctoprep.core.problems import ContentError
from ctoprep.core.ratings_csv import parse_ratings_csv
from ctoprep.formats.loading import check_framework, check_question_banks
from ctoprep.services.content import Library
from ctoprep.storage.store import Store
from tests.conftest import write_mini

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)
keys = st.sampled_from(
    [
        "format",
        "schema_version",
        "id",
        "framework",
        "ratings",
        "level",
        "person",
        "rater",
        "checksum",
        "payload",
        "bank",
        "questions",
        "answer",
        "options",
        "skills",
        "x",
    ]
)
documents = st.dictionaries(keys, json_values, max_size=8)


def _expressible(value: object) -> bool:
    if isinstance(value, (bool, int, str)):
        return True
    return isinstance(value, list) and all(isinstance(v, (int, str)) and not isinstance(v, bool) for v in value)


def toml_text(doc: dict[str, object]) -> str:
    """Random values as TOML (top-level scalars and arrays of scalars); other values are left out."""
    values = {k: ("" if v is None else v) for k, v in doc.items()}
    return "".join(f"{json.dumps(k)} = {json.dumps(v)}\n" for k, v in values.items() if _expressible(v))


def expect_clear_error(fn: Callable[[], object]) -> None:
    """Anything but a ContentError with messages escapes and fails the test."""
    problems = []
    try:
        fn()
    except ContentError as exc:
        problems = exc.problems
    assert all(p.message for p in problems)


@pytest.fixture(scope="module")
def cosn():  # type: ignore[no-untyped-def]
    return Library(use_cache=False).framework("cosn-k12-cto")


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(cosn, data: bytes) -> None:  # type: ignore[no-untyped-def]
    for loader in (parse_assessment, parse_packet, parse_review):
        expect_clear_error(lambda loader=loader: loader(data, "fuzz"))
    expect_clear_error(lambda: parse_ratings_csv(data, cosn, "fuzz.csv"))


@FUZZ
@given(documents)
def test_random_json(doc: dict[str, object]) -> None:
    data = json.dumps(doc).encode()
    for loader in (parse_assessment, parse_packet, parse_review):
        expect_clear_error(lambda loader=loader: loader(data, "fuzz"))
    forged = dict(doc, format="ctoprep.assessment", schema_version=1)
    expect_clear_error(lambda: parse_assessment(json.dumps(forged).encode(), "fuzz"))


@FUZZ
@given(
    documents,
    st.sampled_from(
        ["framework.toml", "areas/alpha.toml", "profiles.toml", "blueprint.toml", "catalogue.toml", "bank.toml"]
    ),
    st.binary(max_size=300),
)
def test_random_toml_and_bytes_in_every_content_file(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, object], name: str, raw: bytes
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    folder = write_mini(root)
    target = root / name if name == "bank.toml" else folder / name
    for content in (toml_text(doc).encode(), raw):
        target.write_bytes(content)
        framework, _ = check_framework(folder)  # returns problems, never raises
        check_question_banks([root / "bank.toml"], framework)


def test_rejected_imports_never_change_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.save_assessment(Assessment(framework=FrameworkRef(id="cosn-k12-cto", version="2019.1"), person="Keep"))
    before = (home / "ctoprep.db").read_bytes()
    for raw in (b"\x00" * 100, b"{}", b'{"format": "ctoprep.assessment", "schema_version": 1, "ratings": 5}'):
        with pytest.raises(ContentError):
            parse_assessment(raw, "bad.json")
    with Store.open(home) as store:
        assert [a.person_name for a in store.assessments()] == ["Keep"]
    assert (home / "ctoprep.db").read_bytes() == before
