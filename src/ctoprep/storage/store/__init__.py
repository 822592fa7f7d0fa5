"""The local store: one SQLite database in the user's data folder, in WAL mode.

Every rating, note and answer is committed the moment it is given (``synchronous=FULL``), so a
crash loses at most the keystroke in flight. The folder is 0700 and the files 0600. The schema
carries a version (``PRAGMA user_version``) and moves forward through :data:`MIGRATIONS`.

The package holds ``schema`` (the file name and the migrations), ``connection`` (the guarded connection,
:class:`StoreError`, transactions and the identity check), ``documents`` (plans, mentor reviews and
settings), ``people``, ``assessments`` (with their ratings) and ``opening`` (:class:`Store`: opening,
migrating, the integrity check). :class:`Store` is one class built on those bases, and every
transaction is where it was. ``ctoprep.storage.store`` re-exports the public names and the timestamp
helpers the other storage modules use.
"""

from ctoprep.storage.store.assessments import AssessmentSummary
from ctoprep.storage.store.connection import GuardedConnection, StoreError, _parse_ts, _ts
from ctoprep.storage.store.opening import Store
from ctoprep.storage.store.schema import DB_NAME, MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "DB_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AssessmentSummary",
    "GuardedConnection",
    "Store",
    "StoreError",
    "_parse_ts",
    "_ts",
]
