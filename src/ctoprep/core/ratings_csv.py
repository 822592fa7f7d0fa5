"""Ratings from a spreadsheet: ``skill, level, evidence[, confidence]`` rows into an assessment.

This is how many mentors collect ratings today. The file is untrusted: it is size-limited, decoded
(UTF-8 with or without a byte-order mark, else Windows-1252 as Excel writes it), its delimiter is
detected (comma, semicolon or tab), and every problem is reported as ``FILE:LINE:COL: message``.

A header row is optional. With one, columns are found by name (``skill``/``skill_id``/``id``,
``level``/``rating``, ``evidence``/``notes``, ``confidence``) in any order and other columns are
ignored; without one, the columns are skill, level, evidence, confidence in that order.
A level is a value of the scale or its label (``3`` or ``Independently``); an empty level, ``-``,
``n/a`` or ``not rated`` means explicitly not rated. A skill is named by its id or its exact title.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ctoprep.core.decoding import decode_csv
from ctoprep.core.models.assessment import (
    Assessment,
    Confidence,
    FrameworkRef,
    Rater,
    RaterRole,
    Rating,
    utc_now,
)
from ctoprep.core.models.framework import Framework
from ctoprep.core.problems import ContentError, Problem, did_you_mean
from ctoprep.core.text import unclosed_quote_line

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_EVIDENCE = 20_000
SKILL_HEADERS = {"skill", "skill_id", "skill id", "skill-id", "id", "skill title"}
LEVEL_HEADERS = {"level", "rating", "score", "proficiency"}
EVIDENCE_HEADERS = {"evidence", "notes", "note", "comment", "comments"}
CONFIDENCE_HEADERS = {"confidence"}
NOT_RATED = {"", "-", "n/a", "na", "not rated", "skip", "skipped", "none"}


@dataclass
class CsvRatings:
    """What a CSV file gave: ratings by skill id, and warnings worth showing."""

    ratings: dict[str, Rating]
    warnings: list[Problem] = field(default_factory=list)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _norm(cell: str) -> str:
    return " ".join(cell.strip().casefold().replace("_", " ").split())


MAX_PROBLEMS = 100
"""Problems reported before the rest of a sheet is skipped (a 2 MB sheet of unknown skills used to take 20 s)."""


def parse_ratings_csv(data: bytes, framework: Framework, shown: str = "<csv>") -> CsvRatings:
    """Read ratings of ``framework``'s skills from CSV bytes.

    Raises:
        ContentError: with every problem found (unknown skills, bad levels, duplicates, ...).
    """
    if len(data) > MAX_CSV_BYTES:
        raise ContentError(
            [Problem(shown, f"file is too large for a ratings sheet (limit {MAX_CSV_BYTES // 2**20} MB)")]
        )
    if b"\0" in data[:4096]:
        raise ContentError(
            [Problem(shown, "this looks like a binary file, not CSV text", hint="export the sheet as CSV")]
        )
    warnings: list[Problem] = []
    text = decode_csv(data, shown, warnings)
    dialect = _dialect(text)
    opened = unclosed_quote_line(text, getattr(dialect, "quotechar", '"') or '"')
    if opened is not None:
        raise ContentError(
            [
                Problem(
                    shown,
                    "a quote opens on this line and is never closed, so every row after it would be lost",
                    line=opened,
                    hint='close the quote (a quote inside a cell is written twice: "")',
                )
            ]
        )
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    problems: list[Problem] = []
    skills = framework.skill_by_id
    by_title = {s.title.casefold(): s.id for s in framework.skills}
    scale = framework.scale
    labels = {lv.label.casefold(): lv.value for lv in scale.levels}
    values = set(scale.values)
    scale_text = ", ".join(f"{lv.value} {lv.label}" for lv in scale.levels)

    columns: dict[str, int] = {"skill": 0, "level": 1, "evidence": 2, "confidence": 3}
    seen: dict[str, int] = {}
    ratings: dict[str, Rating] = {}
    now = utc_now()
    first = True
    try:
        rows = list(_rows(reader))
    except csv.Error as exc:
        raise ContentError([Problem(shown, f"not readable as CSV: {exc}", line=reader.line_num)]) from None
    for line, row in rows:
        if len(problems) >= MAX_PROBLEMS:
            # a sheet of a different kind, or of another framework: the first hundred say what is wrong
            left = sum(1 for ln, _ in rows if ln > line)
            problems.append(
                Problem(
                    shown,
                    f"stopped after {MAX_PROBLEMS} problems; {left + 1:,} more rows were not checked",
                    line=line,
                    hint="is this a ratings sheet for this framework? fix the rows listed first",
                )
            )
            break
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue  # blank lines and comment lines (a template may explain itself)
        if first:
            first = False
            header = [_norm(c) for c in row]
            if any(h in SKILL_HEADERS for h in header) and any(h in LEVEL_HEADERS for h in header):
                columns = {}
                for i, h in enumerate(header):
                    for name, names in (
                        ("skill", SKILL_HEADERS),
                        ("level", LEVEL_HEADERS),
                        ("evidence", EVIDENCE_HEADERS),
                        ("confidence", CONFIDENCE_HEADERS),
                    ):
                        if h in names and name not in columns:
                            columns[name] = i
                continue

        raw_skill = _cell(row, columns, "skill")
        if not raw_skill:
            problems.append(Problem(shown, "row has no skill id", line=line, col=_col(columns, "skill")))
            continue
        skill_id = raw_skill if raw_skill in skills else by_title.get(raw_skill.casefold())
        if skill_id is None:
            lowered = raw_skill.casefold()
            skill_id = lowered if lowered in skills else None
        if skill_id is None:
            problems.append(
                Problem(
                    shown,
                    f"unknown skill {raw_skill!r} for framework {framework.id}",
                    line=line,
                    col=_col(columns, "skill"),
                    hint=did_you_mean(raw_skill, skills) or "see 'ctoprep show' for the skill ids",
                )
            )
            continue
        if skill_id in seen:
            problems.append(
                Problem(
                    shown,
                    f"skill {skill_id!r} is rated twice (also on line {seen[skill_id]})",
                    line=line,
                    col=_col(columns, "skill"),
                    hint="keep one row per skill",
                )
            )
            continue
        seen[skill_id] = line

        raw_level = _cell(row, columns, "level")
        level: int | None
        if _norm(raw_level) in NOT_RATED:
            level = None
        elif _norm(raw_level) in labels:
            level = labels[_norm(raw_level)]
        else:
            try:
                number = float(raw_level.replace(",", "."))
            except ValueError:
                number = float("nan")
            if number.is_integer() and int(number) in values:
                level = int(number)
            else:
                problems.append(
                    Problem(
                        shown,
                        f"level {raw_level!r} for {skill_id} is not on the scale ({scale_text})",
                        line=line,
                        col=_col(columns, "level"),
                        hint="use a level value or its label; leave it empty for 'not rated'",
                    )
                )
                continue

        raw_confidence = _norm(_cell(row, columns, "confidence"))
        confidence: Confidence | None = None
        if raw_confidence:
            try:
                confidence = Confidence(raw_confidence)
            except ValueError:
                problems.append(
                    Problem(
                        shown,
                        f"confidence {_cell(row, columns, 'confidence')!r} for {skill_id} is not low, medium or high",
                        line=line,
                        col=_col(columns, "confidence"),
                    )
                )
                continue
        evidence = _cell(row, columns, "evidence")
        if len(evidence) > MAX_EVIDENCE:
            problems.append(
                Problem(
                    shown,
                    f"evidence for {skill_id} is longer than {MAX_EVIDENCE} characters",
                    line=line,
                    col=_col(columns, "evidence"),
                )
            )
            continue
        ratings[skill_id] = Rating(level=level, evidence=evidence, confidence=confidence, rated_at=now)

    if problems:
        raise ContentError(problems + warnings)
    if not ratings:
        raise ContentError(
            [
                Problem(
                    shown,
                    "no ratings found",
                    hint="one row per skill: skill id, level, evidence (a header row is optional)",
                )
            ]
        )
    return CsvRatings(ratings, warnings)


def _cell(row: Sequence[str], columns: dict[str, int], name: str) -> str:
    i = columns.get(name)
    return row[i].strip() if i is not None and i < len(row) else ""


def _col(columns: dict[str, int], name: str) -> int:
    """1-based column of a field, for problem messages."""
    return columns.get(name, 0) + 1


def _rows(reader: Any) -> list[tuple[int, list[str]]]:
    """Rows with the line each ends on (a quoted cell may span lines)."""
    return [(reader.line_num, row) for row in reader]


def assessment_from_csv(
    data: bytes,
    framework: Framework,
    shown: str = "<csv>",
    *,
    person: str = "",
    rater: Rater | None = None,
    profile: str | None = None,
    now: datetime | None = None,
) -> tuple[Assessment, list[Problem]]:
    """A new assessment of ``framework`` from CSV bytes, and any warnings."""
    parsed = parse_ratings_csv(data, framework, shown)
    when = now or utc_now()
    assessment = Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version, content_hash=framework.content_hash),
        person=person,
        rater=rater or Rater(role=RaterRole.SELF, name=person),
        profile=profile,
        created_at=when,
        updated_at=when,
        ratings=parsed.ratings,
    )
    return assessment, parsed.warnings
