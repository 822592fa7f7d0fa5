"""Closed vocabularies shared by the file models and the resolved models (no pydantic here, so the
resolved framework can be loaded from the cache without building every file model)."""

from __future__ import annotations

from enum import StrEnum


class ActivityFormat(StrEnum):
    MENTORING = "mentoring"
    COURSE = "course"
    JOB_EMBEDDED = "job-embedded"
    COMMUNITY = "community-of-practice"
    READING = "reading"
    CONFERENCE = "conference"
    CERTIFICATION = "certification"


class Cadence(StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SELF_PACED = "self-paced"


class AssessmentStatus(StrEnum):
    """Where a stored assessment stands (stored as its value)."""

    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


class AttemptStatus(StrEnum):
    """Where a practice attempt stands (stored as its value)."""

    IN_PROGRESS = "in-progress"
    FINISHED = "finished"
    ABANDONED = "abandoned"


__all__ = ["ActivityFormat", "AssessmentStatus", "AttemptStatus", "Cadence"]


AGREED_PROFILE_PREFIX = "review:"
"""Profile ids of targets agreed with a mentor start with this; a colon is not allowed in a framework's ids."""
