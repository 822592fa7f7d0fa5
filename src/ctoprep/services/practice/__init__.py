"""Practice sessions: the seam between the practice screens (or a script) and the engine + store.

It loads the bank, starts and resumes attempts, saves every answer the moment it is given, moves
review cards, scores finished attempts and gathers progress. It holds no rules of its own: which
questions, how they are scored, when they come back and what the verdict is all come from
:mod:`ctoprep.core.practice`, :mod:`ctoprep.core.review` and :mod:`ctoprep.core.calibration`.
It imports no UI, so the CLI and tests use it directly.

The package holds ``values`` (options, the live session, progress values, the error, ``parse_areas``),
``base`` (the bank, the store's owner and settings, review cards), ``progress`` (accuracy, mock scores,
readiness, the home screen's facts), ``sessions`` (:class:`Practice`: starting, resuming, answering and
finishing attempts) and ``attempts`` (stored attempts as listed, no bank needed).
``ctoprep.services.practice`` re-exports the public names, each imported when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctoprep.services.practice.attempts import ESTIMATE_NOTE, AttemptRow, attempt_rows, result_document
    from ctoprep.services.practice.base import end_of_utc_day
    from ctoprep.services.practice.sessions import Practice
    from ctoprep.services.practice.values import (
        DEFAULT_COUNTS,
        MODE_TITLES,
        HomeFacts,
        MockScore,
        OpenedAttempt,
        PracticeError,
        Progress,
        QuizOptions,
        Session,
        parse_areas,
    )

_MODULE_OF = {
    "ESTIMATE_NOTE": "attempts",
    "AttemptRow": "attempts",
    "attempt_rows": "attempts",
    "result_document": "attempts",
    "end_of_utc_day": "base",
    "Practice": "sessions",
    **dict.fromkeys(
        (
            "DEFAULT_COUNTS",
            "MODE_TITLES",
            "HomeFacts",
            "MockScore",
            "OpenedAttempt",
            "PracticeError",
            "Progress",
            "QuizOptions",
            "Session",
            "parse_areas",
        ),
        "values",
    ),
}
"""Where each public name lives. They are imported when first asked for: listing stored attempts
(``ctoprep history``, ``attempts``) needs neither the sessions nor the engine behind them."""


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_COUNTS",
    "ESTIMATE_NOTE",
    "MODE_TITLES",
    "AttemptRow",
    "HomeFacts",
    "MockScore",
    "OpenedAttempt",
    "Practice",
    "PracticeError",
    "Progress",
    "QuizOptions",
    "Session",
    "attempt_rows",
    "end_of_utc_day",
    "parse_areas",
    "result_document",
]
