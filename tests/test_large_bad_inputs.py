"""Issue #16.15: large bad inputs stop after the first hundred problems and say how many more there were."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ctoprep.core.problems import ContentError, Severity
from ctoprep.core.ratings_csv import MAX_PROBLEMS, parse_ratings_csv
from ctoprep.formats.loading import MAX_PROBLEMS_PER_FILE, check_framework
from tests.conftest import write_mini


def test_a_toml_file_with_thousands_of_unknown_keys(tmp_path: Path) -> None:
    folder = write_mini(tmp_path)
    main = folder / "framework.toml"
    text = main.read_text(encoding="utf-8")
    extra = "".join(f"k{i} = 1\n" for i in range(20_000))
    main.write_text(text.replace("[framework]\n", "[framework]\n" + extra, 1), encoding="utf-8")
    started = time.perf_counter()
    _, problems = check_framework(folder)
    elapsed = time.perf_counter() - started
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == MAX_PROBLEMS_PER_FILE
    assert any("19,900 more problems in this file" in p.message for p in problems)
    assert elapsed < 10  # not a timing test: a guard against locating 20,000 keys one by one


def test_a_big_sheet_of_unknown_skills_stops_early(tmp_path: Path) -> None:
    from ctoprep.formats.loading import load_framework

    framework = load_framework(write_mini(tmp_path))
    sheet = "skill,level\n" + "".join(f"nope.{i},2\n" for i in range(30_000))
    with pytest.raises(ContentError) as caught:
        parse_ratings_csv(sheet.encode(), framework, "big.csv")
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert "stopped after 100 problems" in problems[-1].message
    assert "29,900 more rows were not checked" in problems[-1].message
