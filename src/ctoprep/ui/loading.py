"""What the loading thread does after the first frame: everything the home screen needs, in one go.

The app paints the home from a snapshot (or a "loading" frame), then calls :func:`load_workspace` in
a thread. It opens the workspace and finds the current assessment, and it also does what the UI
thread would otherwise do next, while the UI thread still has nothing to show:

- the practice facts, but only when something was practiced on this framework (``has_practice``):
  they carry the calibration weights, which move the gaps, so they must be in before the real home
  replaces the snapshot. With no practice answer there are no weights, and neither the practice
  service nor the question bank is imported or read here; the home's practice line then counts due
  reviews and unfinished attempts in its worker, after the real home is on screen, as it does each
  time the home is shown again;
- the real home's content (scores, gaps, what to do next), worded from the same values the UI
  thread would use.

The UI thread takes the result (:class:`Loaded`) when the thread posts ``WorkspaceLoaded``, or at
once if a key needs the workspace before that (it then waits for the thread).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING

from ctoprep.core.models.value import Value, value_class

if TYPE_CHECKING:
    from rich.text import Text

    from ctoprep.core.models.assessment import Assessment
    from ctoprep.services.context import Workspace
    from ctoprep.services.practice import Practice
    from ctoprep.ui.home_content import HomeContent


@value_class
class Loaded(Value):
    """The workspace and what the loading thread worked out for the home screen."""

    workspace: Workspace
    assessment: Assessment | None
    practice: Practice | None = None
    """The practice service, its bank loaded, when the practice facts were gathered here."""
    practice_text: Text | None = None
    """The home's practice line when the facts were gathered here; None: nothing practiced on this
    framework, so the line's worker counts them once the real home is shown."""
    adjustments: dict[str, float] = field(default_factory=dict)
    """Calibration weights from those facts (none without practice answers)."""
    home: HomeContent | None = None
    """The home's content for exactly this workspace, assessment and weights (None if it could not be built)."""


def load_workspace(opener: Callable[[], Workspace]) -> Loaded:
    """Open the workspace and prepare the home (call it from the loading thread).

    Raises what ``opener`` raises (e.g. a framework file broken since the last run).
    """
    workspace = opener()
    assessment = workspace.current()
    practice = practice_text = None
    adjustments: dict[str, float] = {}
    if workspace.has_practice():
        from ctoprep.services.practice import HomeFacts
        from ctoprep.ui.widgets.practice_line import facts_text

        practice = workspace.practice()
        try:
            facts = practice.home_facts(assessment)
        except Exception as exc:  # the home screen works without practice facts (as the line's worker does)
            facts = HomeFacts(problem=str(exc))
        practice_text = facts_text(facts)
        adjustments = dict(facts.adjustments)
    try:
        home = _word_home(workspace, assessment, adjustments, practice_text)
    except Exception:  # the UI thread words the home itself then (and meets the same problem there)
        home = None
    return Loaded(
        workspace=workspace,
        assessment=assessment,
        practice=practice,
        practice_text=practice_text,
        adjustments=adjustments,
        home=home,
    )


def _word_home(
    workspace: Workspace, assessment: Assessment | None, adjustments: dict[str, float], practice_text: Text | None
) -> HomeContent:
    from ctoprep.ui.home_content import word_home
    from ctoprep.ui.summary import Summary
    from ctoprep.ui.widgets.practice_line import facts_text

    framework = workspace.framework
    profile = workspace.profile
    summary = None
    if assessment is not None:
        summary = Summary.build(framework, assessment, profile, adjustments=adjustments)
    return word_home(framework, profile, summary, practice_text if practice_text is not None else facts_text(None))
