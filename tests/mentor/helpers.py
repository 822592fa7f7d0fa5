"""Generated mentees and mentors for the mentor and cohort tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.models.framework import Framework
from ctoprep.formats.loading import load_framework
from tests.conftest import write_mini

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def mini_framework(root: Path) -> Framework:
    return load_framework(write_mini(root))


def rated(
    framework: Framework,
    levels: Mapping[str, int | None],
    *,
    person: str = "Jordan Lee",
    role: RaterRole = RaterRole.SELF,
    rater: str = "",
    evidence: Mapping[str, str] | None = None,
    aid: str | None = None,
    when: datetime = T0,
    version: str | None = None,
) -> Assessment:
    """An assessment with these levels (``None`` = explicitly not rated), dated ``when``."""
    ratings = {
        sid: Rating(level=level, evidence=(evidence or {}).get(sid, ""), rated_at=when) for sid, level in levels.items()
    }
    extra = {"id": aid} if aid else {}
    return Assessment(
        framework=FrameworkRef(
            id=framework.id, version=version or framework.version, content_hash=framework.content_hash
        ),
        person=person,
        rater=Rater(role=role, name=rater or (person if role is RaterRole.SELF else "")),
        profile=framework.default_profile.id if framework.default_profile else None,
        created_at=when,
        updated_at=when,
        ratings=ratings,
        **extra,
    )


def later(days: int) -> datetime:
    return T0 + timedelta(days=days)
