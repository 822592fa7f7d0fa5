"""The store's plans, mentor reviews (stored JSON documents) and settings (keys and values)."""

from __future__ import annotations

import json
from typing import Any

from ctoprep.core.models.assessment import new_token, utc_now
from ctoprep.storage.settings import Setting
from ctoprep.storage.store.connection import StoreConnection, _ts


class DocumentQueries(StoreConnection):
    """Saving and reading plans, mentor reviews and settings."""

    # plans, documents, settings -------------------------------------------------------------
    def save_plan(self, person_id: str, assessment_id: str | None, document: dict[str, Any]) -> str:
        pid = new_token(16)
        self.conn.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?)",
            (pid, person_id, assessment_id, _ts(utc_now()), json.dumps(document)),
        )
        return pid

    def plans(self, person_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, person_id, assessment_id, created_at, document FROM plans"
        rows = self.conn.execute(
            sql + (" WHERE person_id = ?" if person_id else "") + " ORDER BY created_at",
            (person_id,) if person_id else (),
        ).fetchall()
        return [
            {"id": r[0], "person_id": r[1], "assessment_id": r[2], "created_at": r[3], "document": json.loads(r[4])}
            for r in rows
        ]

    def save_mentor_review(self, person_id: str, direction: str, document: dict[str, Any]) -> str:
        rid = new_token(16)
        self.conn.execute(
            "INSERT INTO mentor_reviews VALUES (?, ?, ?, ?, ?)",
            (rid, person_id, direction, _ts(utc_now()), json.dumps(document)),
        )
        return rid

    def mentor_reviews(self, person_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, person_id, direction, created_at, document FROM mentor_reviews"
        rows = self.conn.execute(
            sql + (" WHERE person_id = ?" if person_id else "") + " ORDER BY created_at",
            (person_id,) if person_id else (),
        ).fetchall()
        return [
            {"id": r[0], "person_id": r[1], "direction": r[2], "created_at": r[3], "document": json.loads(r[4])}
            for r in rows
        ]

    def get_setting(self, setting: Setting, **parts: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (setting.key(**parts),)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, setting: Setting, value: str, **parts: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (setting.key(**parts), value))

    def delete_setting(self, setting: Setting, **parts: str) -> None:
        self.conn.execute("DELETE FROM settings WHERE key = ?", (setting.key(**parts),))
