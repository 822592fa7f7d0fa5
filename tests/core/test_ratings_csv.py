"""Ratings from a spreadsheet: every way a mentor's CSV can be right, and every way it can be wrong."""

from __future__ import annotations

import pytest

from ctoprep.core.models.assessment import Confidence
from ctoprep.core.problems import ContentError, Severity
from ctoprep.core.ratings_csv import assessment_from_csv, parse_ratings_csv
from tests.core.engine_helpers import make_framework

FW = make_framework({"sp": 3, "dm": 2}, scale=(0, 1, 2, 3, 4))


def levels(data: bytes) -> dict[str, int | None]:
    return {k: r.level for k, r in parse_ratings_csv(data, FW, "r.csv").ratings.items()}


def problems(data: bytes) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_ratings_csv(data, FW, "r.csv")
    return [p.format() for p in info.value.problems]


def test_header_columns_in_any_order_and_extra_columns_ignored() -> None:
    data = b"Notes,Rating,Area,Skill ID,Confidence\nwrote it,3,SP,sp.0,HIGH\n,,SP,sp.1,\n"
    parsed = parse_ratings_csv(data, FW, "r.csv")
    assert parsed.ratings["sp.0"].level == 3
    assert parsed.ratings["sp.0"].evidence == "wrote it"
    assert parsed.ratings["sp.0"].confidence is Confidence.HIGH
    assert parsed.ratings["sp.1"].level is None


@pytest.mark.parametrize(
    ("cell", "level"),
    [("3", 3), ("3.0", 3), ("L2", 2), ("l2", 2), ("", None), ("n/a", None), ("Not rated", None), ("-", None)],
)
def test_levels_by_value_or_label(cell: str, level: int | None) -> None:
    assert levels(f"sp.0,{cell},x\n".encode()) == {"sp.0": level}


def test_skills_by_exact_title_and_comments_and_blank_lines() -> None:
    data = b"# skill, level, evidence\n\nSkill sp.2,4,\n\n"
    assert levels(data) == {"sp.2": 4}


def test_quoted_evidence_spanning_lines_keeps_line_numbers_right() -> None:
    data = b'sp.0,1,"first line\nsecond line"\nsp.9,1,x\n'
    assert problems(data)[0].startswith("r.csv:3:1: error: unknown skill 'sp.9'")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"sp.0,5,x\n", "r.csv:1:2: error: level '5' for sp.0 is not on the scale (0 L0, 1 L1, 2 L2, 3 L3, 4 L4)"),
        (b"sp.0,2.5,x\n", "level '2.5' for sp.0 is not on the scale"),
        (b"sp.0,high,x\n", "level 'high' for sp.0 is not on the scale"),
        (b"sp.0,2,x,certain\n", "r.csv:1:4: error: confidence 'certain' for sp.0 is not low, medium or high"),
        (b",2,x\n", "r.csv:1:1: error: row has no skill id"),
        (b"skill,level\n", "no ratings found"),
        (b"", "no ratings found"),
        (b"\x00\x01\x02binary", "binary file"),
    ],
)
def test_bad_sheets(data: bytes, message: str) -> None:
    assert any(message in p for p in problems(data)), problems(data)


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = problems(b"sp.0,9,x\nsp.7,1,x\nsp.1,1,x\nsp.1,2,x\n")
    assert len(found) == 3


def test_windows_1252_is_read_with_a_warning() -> None:
    parsed = parse_ratings_csv("sp.0;2;Café plan\n".encode("cp1252"), FW, "r.csv")
    assert parsed.ratings["sp.0"].evidence == "Café plan"
    assert parsed.warnings[0].severity is Severity.WARNING
    assert "Windows-1252" in parsed.warnings[0].message


def test_tab_separated() -> None:
    assert levels(b"skill\tlevel\tevidence\nsp.0\t1\tx\ndm.1\t0\t\n") == {"sp.0": 1, "dm.1": 0}


def test_assessment_records_framework_and_people() -> None:
    assessment, warnings = assessment_from_csv(b"sp.0,2,x\n", FW, "r.csv", person="Jo", profile="p")
    assert warnings == []
    assert assessment.framework.id == FW.id
    assert assessment.framework.version == FW.version
    assert assessment.person == "Jo"
    assert assessment.rater.name == "Jo"
    assert assessment.profile == "p"
    assert assessment.ratings["sp.0"].level == 2


def test_too_large_is_refused() -> None:
    assert "too large" in problems(b"x" * (2 * 1024 * 1024 + 1))[0]
