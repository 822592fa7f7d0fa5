"""The store's assessments and their ratings: saving whole or one rating at a time, loading, listing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ctoprep.core.models.assessment import Assessment, Confidence, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.models.value import Value, value_class
from ctoprep.core.models.vocabulary import AssessmentStatus
from ctoprep.core.problems import Problem
from ctoprep.storage.store.connection import StoreError, _parse_ts, _ts
from ctoprep.storage.store.people import PeopleQueries


@value_class
class AssessmentSummary(Value):
    """One stored assessment as lists show it: whose, of which framework, who rated, its status and progress."""

    id: str
    person_id: str
    person_name: str
    framework_id: str
    framework_version: str
    rater_role: str
    rater_name: str
    profile: str | None
    status: AssessmentStatus
    origin: str
    created_at: datetime
    updated_at: datetime
    rated: int


class AssessmentQueries(PeopleQueries):
    """Saving, loading, listing and deleting assessments and their ratings."""

    # assessments ---------------------------------------------------------------------------
    def save_assessment(
        self,
        assessment: Assessment,
        *,
        person_id: str | None = None,
        status: AssessmentStatus = AssessmentStatus.IN_PROGRESS,
        origin: str = "local",
    ) -> str:
        """Insert or replace a whole assessment (one transaction); returns its id.

        Whose it is: ``person_id`` when given; else the person it already belongs to (same id); else, for
        a local self-assessment, the store's owner; else a new person. Never a match by name.
        """
        with self.transaction():
            if person_id is None:
                row = self.conn.execute("SELECT person_id FROM assessments WHERE id = ?", (assessment.id,)).fetchone()
                if row is not None:
                    person_id = str(row[0])
                elif origin == "local" and assessment.rater.role.value == "self":
                    person_id = self.self_person(assessment.person)
            pid = self.ensure_person(assessment.person, person_id)
            self.conn.execute("DELETE FROM ratings WHERE assessment_id = ?", (assessment.id,))
            # an update in place, not INSERT OR REPLACE: a replace deletes the row first, and the delete
            # cascaded to the mentor review sessions and comments that point at this assessment
            self.conn.execute(
                "INSERT INTO assessments (id, person_id, framework_id, framework_version, content_hash,"
                " rater_role, rater_name, person_name, profile, position, status, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET person_id = excluded.person_id, framework_id = excluded.framework_id,"
                " framework_version = excluded.framework_version, content_hash = excluded.content_hash,"
                " rater_role = excluded.rater_role, rater_name = excluded.rater_name,"
                " person_name = excluded.person_name, profile = excluded.profile, position = excluded.position,"
                " status = excluded.status, origin = excluded.origin, created_at = excluded.created_at,"
                " updated_at = excluded.updated_at",
                (
                    assessment.id,
                    pid,
                    assessment.framework.id,
                    assessment.framework.version,
                    assessment.framework.content_hash,
                    assessment.rater.role.value,
                    assessment.rater.name,
                    assessment.person,
                    assessment.profile,
                    assessment.position,
                    status,
                    origin,
                    _ts(assessment.created_at),
                    _ts(assessment.updated_at),
                ),
            )
            rows = [
                (
                    assessment.id,
                    "skill",
                    sid,
                    r.level,
                    r.evidence,
                    r.confidence.value if r.confidence else None,
                    _ts(r.rated_at),
                    int(r.skipped),
                )
                for sid, r in assessment.ratings.items()
            ]
            rows += [
                (
                    assessment.id,
                    "core",
                    cid,
                    r.level,
                    r.evidence,
                    r.confidence.value if r.confidence else None,
                    _ts(r.rated_at),
                    int(r.skipped),
                )
                for cid, r in assessment.core_values.items()
            ]
            self.conn.executemany(
                "INSERT INTO ratings (assessment_id, kind, item_id, level, evidence, confidence, rated_at, skipped)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return assessment.id

    def save_rating(
        self,
        assessment_id: str,
        skill_id: str,
        rating: Rating,
        *,
        core_value: bool = False,
        position: str | None = None,
    ) -> None:
        """Save one rating now (one small transaction, durable on return)."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO ratings"
                " (assessment_id, kind, item_id, level, evidence, confidence, rated_at, skipped)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    assessment_id,
                    "core" if core_value else "skill",
                    skill_id,
                    rating.level,
                    rating.evidence,
                    rating.confidence.value if rating.confidence else None,
                    _ts(rating.rated_at),
                    int(rating.skipped),
                ),
            )
            self.conn.execute(
                "UPDATE assessments SET updated_at = ?, position = COALESCE(?, position) WHERE id = ?",
                (_ts(rating.rated_at), position, assessment_id),
            )

    def set_position(self, assessment_id: str, position: str | None) -> None:
        self.conn.execute("UPDATE assessments SET position = ? WHERE id = ?", (position, assessment_id))

    def set_status(self, assessment_id: str, status: AssessmentStatus) -> None:
        self.conn.execute("UPDATE assessments SET status = ? WHERE id = ?", (status, assessment_id))

    def set_profile(self, assessment_id: str, profile: str | None) -> None:
        self.conn.execute("UPDATE assessments SET profile = ? WHERE id = ?", (profile, assessment_id))

    def load_assessment(self, assessment_id: str) -> Assessment:
        row = self.conn.execute(
            "SELECT id, framework_id, framework_version, content_hash, rater_role, rater_name, person_name, profile,"
            " position, created_at, updated_at FROM assessments WHERE id = ?",
            (assessment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(
                [Problem(assessment_id, "no assessment with this id in the store", hint="'ctoprep history' lists them")]
            )
        ratings: dict[str, Rating] = {}
        core: dict[str, Rating] = {}
        for kind, item, level, evidence, confidence, rated_at, skipped in self.conn.execute(
            "SELECT kind, item_id, level, evidence, confidence, rated_at, skipped FROM ratings WHERE assessment_id = ?",
            (assessment_id,),
        ):
            rating = Rating(
                level=level,
                evidence=evidence,
                confidence=Confidence(confidence) if confidence else None,
                rated_at=_parse_ts(rated_at),
                skipped=bool(skipped),
            )
            (core if kind == "core" else ratings)[item] = rating
        # our own rows, written from checked values: no pydantic on the way back
        return Assessment(
            id=row[0],
            framework=FrameworkRef(id=row[1], version=row[2], content_hash=row[3]),
            rater=Rater(role=RaterRole(row[4]), name=row[5]),
            person=row[6],
            profile=row[7],
            position=row[8],
            created_at=_parse_ts(row[9]),
            updated_at=_parse_ts(row[10]),
            ratings=ratings,
            core_values=core,
        )

    def find_assessment_id(self, prefix: str) -> str:
        """Resolve a full id or a unique prefix of at least 4 characters."""
        rows = self.conn.execute(
            "SELECT id FROM assessments WHERE id = ? OR (length(?) >= 4 AND id LIKE ? || '%')", (prefix, prefix, prefix)
        ).fetchall()
        ids = {str(r[0]) for r in rows}
        if prefix in ids:
            return prefix
        if len(ids) == 1:
            return ids.pop()
        if not ids:
            raise StoreError([Problem(prefix, "no assessment with this id", hint="'ctoprep history' lists them")])
        raise StoreError([Problem(prefix, f"{len(ids)} assessments start with this id", hint="give more of it")])

    def assessments(self, person_id: str | None = None, framework_id: str | None = None) -> list[AssessmentSummary]:
        sql = (
            "SELECT a.id, a.person_id, a.person_name, a.framework_id, a.framework_version, a.rater_role, a.rater_name,"
            " a.profile, a.status, a.origin, a.created_at, a.updated_at,"
            " (SELECT count(*) FROM ratings r WHERE r.assessment_id = a.id AND r.kind = 'skill'"
            "  AND r.level IS NOT NULL) FROM assessments a WHERE 1=1"
        )
        params: list[Any] = []
        if person_id:
            sql += " AND a.person_id = ?"
            params.append(person_id)
        if framework_id:
            sql += " AND a.framework_id = ?"
            params.append(framework_id)
        sql += " ORDER BY a.created_at, a.id"
        return [
            AssessmentSummary(
                id=r[0],
                person_id=r[1],
                person_name=r[2],
                framework_id=r[3],
                framework_version=r[4],
                rater_role=r[5],
                rater_name=r[6],
                profile=r[7],
                status=AssessmentStatus(r[8]),
                origin=r[9],
                created_at=_parse_ts(r[10]),
                updated_at=_parse_ts(r[11]),
                rated=r[12],
            )
            for r in self.conn.execute(sql, params)
        ]

    def latest_assessment(self, framework_id: str | None = None, *, role: str = "self") -> AssessmentSummary | None:
        rows = [a for a in self.assessments(framework_id=framework_id) if a.rater_role == role]
        return max(rows, key=lambda a: a.updated_at) if rows else None

    def delete_assessment(self, assessment_id: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
