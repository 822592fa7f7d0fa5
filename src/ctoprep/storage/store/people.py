"""The store's people: matched by id only, the store's owner, looking people up, forgetting one."""

from __future__ import annotations

from ctoprep.core.models.assessment import new_token, utc_now
from ctoprep.core.problems import Problem, display_path
from ctoprep.storage.settings import LEGACY_PRACTICE_PERSON, SELF_PERSON
from ctoprep.storage.store.connection import StoreError, _ts
from ctoprep.storage.store.documents import DocumentQueries

ANSWERED_IN_FRAMEWORK = (
    "FROM answers a JOIN attempts t ON t.id = a.attempt_id"
    " WHERE t.framework_id = ? AND a.choice IS NOT NULL AND t.status != 'abandoned'"
)
"""The practice answers that count (one parameter: the framework id): given, in an attempt not abandoned.
:meth:`PeopleQueries.has_practice` and ``practice_store.answer_records`` share it, so "has practiced"
and the answers counted for accuracy cannot drift apart."""


class PeopleQueries(DocumentQueries):
    """Creating, finding, counting and forgetting people."""

    # people --------------------------------------------------------------------------------
    def ensure_person(self, name: str = "", person_id: str | None = None) -> str:
        """The person with this id, created (with this name as a label) if new; without an id, a new person.

        People are matched by id only, never by name: two mentees called "Sam", or a packet with an
        empty name, are different people from each other and from the store's owner.
        """
        if person_id:
            row = self.conn.execute("SELECT id FROM people WHERE id = ?", (person_id,)).fetchone()
            if row:
                return str(row[0])
        pid = person_id or new_token(16)
        self.conn.execute("INSERT INTO people (id, name, created_at) VALUES (?, ?, ?)", (pid, name, _ts(utc_now())))
        return pid

    def self_person(self, name: str = "") -> str:
        """The id of the store's owner: the person whose self-assessments and practice these are.

        Created once and kept in the settings. A store from before ids names the person of its earliest
        local self-assessment (or of its practice), so nobody is merged with anyone.
        """
        pid = self.get_setting(SELF_PERSON)
        if pid and self.conn.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone():
            return pid
        with self.transaction():
            row = self.conn.execute(
                "SELECT person_id FROM assessments WHERE rater_role = 'self' AND origin = 'local'"
                " ORDER BY created_at LIMIT 1"
            ).fetchone()
            legacy = self.get_setting(LEGACY_PRACTICE_PERSON)
            if row is not None:
                pid = str(row[0])
            elif legacy and self.conn.execute("SELECT 1 FROM people WHERE id = ?", (legacy,)).fetchone():
                pid = legacy
            else:
                pid = self.ensure_person(name)
            self.set_setting(SELF_PERSON, pid)
        return pid

    def person_named(self, name: str, *, other_than: str) -> list[str]:
        """Ids of people with this exact name other than ``other_than`` (to warn of a clash, never to merge)."""
        rows = self.conn.execute("SELECT id FROM people WHERE name = ? AND id != ?", (name, other_than))
        return [str(r[0]) for r in rows]

    def people(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT id, name FROM people ORDER BY created_at")]

    def forget_person(self, person_id: str) -> int:
        """Delete a person and everything about them from every file of the store; returns 0 or 1.

        Needs the store alone: with another process reading, the deleted rows would stay in the WAL
        (the checkpoint cannot finish) and in a copy of the database file.

        Raises:
            StoreError: another ctoprep process has the store open (nothing is deleted), or the data
                could not be cleared from every file (what remains is said).
        """
        with self._alone("forget"):
            with self.transaction():
                cur = self.conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
            # reclaim the space so the deleted text does not linger in free pages or the WAL
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.conn.execute("VACUUM")
            after = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if (busy and busy[0]) or (after and after[0]):
                raise StoreError(
                    [
                        Problem(
                            display_path(self.path),
                            "the person was deleted, but their data may remain in the store's log file "
                            f"({display_path(str(self.path) + '-wal')}) because another connection was reading",
                            hint="quit every ctoprep program, then run forget again to clear it",
                        )
                    ]
                )
        return int(cur.rowcount)

    # people, looked up for the commands ------------------------------------------------------
    def has_person(self, person_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is not None

    def has_practice(self, framework_id: str) -> bool:
        """Whether any practice question of this framework was answered (abandoned attempts aside)."""
        row = self.conn.execute(f"SELECT 1 {ANSWERED_IN_FRAMEWORK} LIMIT 1", (framework_id,)).fetchone()
        return row is not None

    def has_assessment(self, assessment_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM assessments WHERE id = ?", (assessment_id,)).fetchone() is not None

    def people_matching(self, text: str) -> list[tuple[str, str]]:
        """(id, name) of people whose id is ``text``, or whose id starts with it (8+ characters)."""
        rows = self.conn.execute(
            "SELECT id, name FROM people WHERE id = ? OR (length(?) >= 8 AND substr(id, 1, length(?)) = ?)",
            (text, text, text, text),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def person_of(self, assessment_id: str) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT p.id, p.name FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def person_counts(self, person_id: str) -> dict[str, int]:
        """How many rows of each kind belong to a person (what forget would delete)."""
        counts = {}
        for table in ("assessments", "attempts", "plans", "mentor_reviews", "mentor_sessions", "reviews"):
            counts[table] = int(
                self.conn.execute(f"SELECT count(*) FROM {table} WHERE person_id = ?", (person_id,)).fetchone()[0]
            )
        return counts

    def assessment_ids_of(self, person_id: str) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT id FROM assessments WHERE person_id = ?", (person_id,))]
