"""Every key ctoprep keeps in the store's settings table, in one typed registry.

A key is a `Setting`: a pattern (with `{framework}`, `{person}` or `{rules}` where the value belongs
to one of them) and what it means. `Store.get_setting` and `Store.set_setting` take a `Setting`, so a
key cannot be misspelt in one module and read under another name elsewhere; a test checks that the
patterns are distinct.
"""

from __future__ import annotations

import string

from ctoprep.core.models.value import Value, value_class


@value_class
class Setting(Value):
    """A settings key: its pattern (with ``{fields}`` filled in by :meth:`key`) and what it holds."""

    pattern: str
    meaning: str

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.pattern) if name)

    def key(self, **parts: str) -> str:
        if set(parts) != self.fields:
            raise TypeError(f"setting {self.pattern!r} needs {sorted(self.fields)}, got {sorted(parts)}")
        return self.pattern.format(**parts)


THEME = Setting(pattern="ui-theme", meaning="the app's color theme, as the user last chose it")
CURRENT_ASSESSMENT = Setting(
    pattern="current-assessment:{framework}", meaning="the current assessment of one framework"
)
LAST_CURRENT = Setting(pattern="current-assessment", meaning="the assessment made current last, whatever its framework")
PROFILE = Setting(pattern="profile:{framework}", meaning="the target profile chosen for one framework")
EXAM_DATE = Setting(pattern="exam-date:{framework}", meaning="the planned exam date for one framework's certification")
SELF_PERSON = Setting(pattern="self-person", meaning="the id of the store's owner")
LEGACY_PRACTICE_PERSON = Setting(
    pattern="practice-person", meaning="the practice person of stores from before ids (read only)"
)
MENTOR_NAME = Setting(pattern="mentor-name", meaning="the name a mentor signs reviews with")
COHORT_CODE_KEY = Setting(pattern="cohort-code-key", meaning="the secret that turns mentee ids into cohort codes")
PLAN_LIMITS = Setting(pattern="plan-limits", meaning="budget, hours a month and months of the last plan")
RECERT_START = Setting(pattern="recert-start:{person}:{rules}", meaning="the start of a person's recertification cycle")

REGISTRY: tuple[Setting, ...] = (
    THEME,
    CURRENT_ASSESSMENT,
    LAST_CURRENT,
    PROFILE,
    EXAM_DATE,
    SELF_PERSON,
    LEGACY_PRACTICE_PERSON,
    MENTOR_NAME,
    COHORT_CODE_KEY,
    PLAN_LIMITS,
    RECERT_START,
)
