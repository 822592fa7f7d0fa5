"""The store's schema: the database file's name and the migrations that move it forward.

The schema carries a version (``PRAGMA user_version``); migration ``n`` (0-based in :data:`MIGRATIONS`)
takes a store from version ``n`` to ``n + 1``. :meth:`~ctoprep.storage.store.Store.migrate` runs them.
"""

from __future__ import annotations

from ctoprep.storage import paths

DB_NAME = paths.DB_NAME

MIGRATIONS: list[str] = [
    # 1: people, assessments and their ratings, practice attempts, review schedule, plans, mentor reviews
    """
    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        rater_role TEXT NOT NULL DEFAULT 'self',
        rater_name TEXT NOT NULL DEFAULT '',
        person_name TEXT NOT NULL DEFAULT '',
        profile TEXT,
        position TEXT,
        status TEXT NOT NULL DEFAULT 'in-progress',
        origin TEXT NOT NULL DEFAULT 'local',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX assessments_person ON assessments(person_id, created_at);
    CREATE TABLE ratings (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'skill',
        item_id TEXT NOT NULL,
        level INTEGER,
        evidence TEXT NOT NULL DEFAULT '',
        confidence TEXT,
        rated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, kind, item_id)
    );
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'in-progress',
        config TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT '{}',
        result TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE INDEX attempts_person ON attempts(person_id, started_at);
    CREATE TABLE answers (
        attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        choice INTEGER,
        flagged INTEGER NOT NULL DEFAULT 0,
        correct INTEGER,
        answered_at TEXT,
        PRIMARY KEY (attempt_id, position)
    );
    CREATE TABLE reviews (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due_at TEXT NOT NULL,
        PRIMARY KEY (person_id, question_id)
    );
    CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        assessment_id TEXT,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL
    );
    CREATE TABLE mentor_reviews (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        direction TEXT NOT NULL,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: a mentor's review of a packet in progress (blind until revealed) and their per-skill comments
    """
    CREATE TABLE mentor_sessions (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        mentor_assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        packet TEXT NOT NULL,
        mentor_name TEXT NOT NULL DEFAULT '',
        revealed_at TEXT,
        profile TEXT NOT NULL DEFAULT '{}',
        plan TEXT,
        summary TEXT NOT NULL DEFAULT '',
        sent_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE mentor_comments (
        session_id TEXT NOT NULL REFERENCES mentor_sessions(id) ON DELETE CASCADE,
        skill_id TEXT NOT NULL,
        comment TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, skill_id)
    );
    """,
    # 3: "not rated" is said apart from notes typed before a level; the CETL recertification log
    """
    ALTER TABLE ratings ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
    UPDATE ratings SET skipped = 1 WHERE level IS NULL;
    CREATE TABLE recert_entries (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        earned_on TEXT NOT NULL,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        hours REAL NOT NULL,
        units REAL,
        evidence TEXT NOT NULL DEFAULT '',
        activity_id TEXT,
        created_at TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
"""The setting holding the id of the store's owner (see :meth:`Store.self_person`)."""


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
