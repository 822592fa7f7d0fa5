"""Stored attempts as ``ctoprep attempts`` and ``ctoprep history`` list them: read from the store, no bank needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.storage import practice_store as ps
from ctoprep.storage.practice_store import StoredResult
from ctoprep.storage.store import Store

ESTIMATE_NOTE = "our estimate, not CoSN's scale"


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as listed by ``ctoprep attempts`` (from the stored result; no bank needed)."""

    id: str
    framework_id: str
    mode: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    total: int
    answered: int
    correct: int | None
    scaled: int | None
    passed: bool | None
    result: StoredResult | None


def result_document(stored: StoredResult) -> dict[str, Any]:
    """A stored result as printed by ``ctoprep attempts --json`` (read from the store, never re-scored)."""
    fields = ps.result_fields(stored)
    shown = (
        "correct",
        "answered",
        "total",
        "percent",
        "scaled_estimate",
        "passed_estimate",
        "score_min",
        "score_max",
        "pass_score",
    )
    document = {key: fields[key] for key in shown}
    document["estimate_note"] = ESTIMATE_NOTE if stored.result.scaled is not None else ""
    for key in ("areas", "content_areas", "timed_out", "elapsed_seconds"):
        document[key] = fields[key]
    return document


def attempt_rows(store: Store, framework_id: str | None = None, *, include_abandoned: bool = False) -> list[AttemptRow]:
    """Every attempt, oldest first, from what is stored (no bank needed)."""
    rows = []
    for record in ps.attempts(store, framework_id):
        if record.status is AttemptStatus.ABANDONED and not include_abandoned:
            continue
        result = record.result.result if record.result else None
        rows.append(
            AttemptRow(
                id=record.id,
                framework_id=record.framework_id,
                mode=record.mode,
                status=record.status,
                started_at=record.started_at,
                finished_at=record.finished_at,
                total=len(record.question_ids),
                answered=len(record.answers),
                correct=result.correct if result else None,
                scaled=result.scaled if result else None,
                passed=result.passed if result else None,
                result=record.result,
            )
        )
    return rows
