"""What the home screen shows, as five pieces of styled text that can be saved and painted again.

:func:`build_home_content` words the current state (framework, profile, scores and gaps) for the
home screen; :class:`HomeContent` round-trips through JSON so that the next start can paint the
home screen before the workspace has loaded (see :mod:`ctoprep.ui.home_snapshot`). Nothing here is
ever parsed as markup: text and spans are stored and restored as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.text import Span, Text

from ctoprep.core.models.value import Value, value_class
from ctoprep.ui.text import plain

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework, Profile
    from ctoprep.ui.app import CtoprepApp
    from ctoprep.ui.summary import Summary

FIELDS = ("title", "readiness", "gaps", "steps", "practice")


@value_class
class HomeContent(Value):
    """The home screen as five pieces of styled text: title, readiness, top gaps, next steps, practice line."""

    title: Text
    readiness: Text
    gaps: Text
    steps: Text
    practice: Text

    def to_json(self) -> dict[str, Any]:
        return {name: _text_to_json(getattr(self, name)) for name in FIELDS}

    @classmethod
    def from_json(cls, data: Any) -> HomeContent:
        """Raises ``ValueError`` for anything that is not content written by :meth:`to_json`."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return cls(**{name: _text_from_json(data.get(name)) for name in FIELDS})


def loading_content() -> HomeContent:
    """The home's first frame when there is no current snapshot (a first run, or the store changed
    since the app last closed): it says the workspace is loading and shows no figures, so nothing stale
    is ever on screen; the real home replaces it when the workspace arrives."""
    readiness = Text("Readiness", style="bold")
    readiness.append("\nLoading your workspace…", style="italic")
    return HomeContent(
        title=Text("ctoprep", style="bold"),
        readiness=readiness,
        gaps=Text("Top gaps", style="bold"),
        steps=Text("What to do next", style="bold"),
        practice=Text("Practice", style="bold"),
    )


def _text_to_json(text: Text) -> dict[str, Any]:
    return {
        "text": text.plain,
        "style": str(text.style),
        "spans": [[span.start, span.end, str(span.style)] for span in text.spans],
    }


def _text_from_json(data: Any) -> Text:
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("not a text")
    spans = data.get("spans", [])
    if not isinstance(spans, list):
        raise ValueError("spans not a list")
    text = Text(data["text"], style=_style(data.get("style", "")))
    length = len(text.plain)
    for item in spans:
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError("bad span")
        start, end, style = item
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
            raise ValueError("span out of range")
        text.spans.append(Span(start, end, _style(style)))
    return text


def _style(value: Any) -> str | Style:
    if not isinstance(value, str):
        raise ValueError("style not a string")
    if value in ("", "none"):
        return ""
    try:
        style = Style.parse(value)
    except StyleSyntaxError as exc:
        raise ValueError(str(exc)) from None
    if style.link or style.meta:
        raise ValueError("links and actions are never part of the home screen")
    return style


def build_home_content(app: CtoprepApp, practice: Text) -> HomeContent:
    """The home screen's text for the app's current workspace, assessment and profile."""
    workspace = app.workspace
    summary = app.summary() if app.assessment is not None else None
    return word_home(workspace.framework, workspace.profile, summary, practice)


def word_home(framework: Framework, profile: Profile | None, summary: Summary | None, practice: Text) -> HomeContent:
    """The home screen's text for ``summary`` (None: no assessment yet). Touches neither the app nor the
    store, so the loading thread can build the first real home while the snapshot is on screen."""
    title = plain(framework.short_title or framework.title, "bold", single_line=True)
    title.append("  ·  target profile: ", style="dim")
    title.append_text(plain(profile.title if profile else "none", single_line=True))
    title.append("  (t to change)", style="dim")

    readiness = Text()
    readiness.append("Readiness\n", style="bold")
    gaps = Text()
    steps = Text("What to do next\n", style="bold")
    if summary is None:
        readiness.append("No assessment yet.\n")
        gaps.append("Top gaps\n", style="bold")
        gaps.append("Your three most important gaps will appear here.\n")
        steps.append(
            "• Press a to start your self-assessment: "
            f"{len(framework.skills)} skills, about 30–40 minutes; "
            "you can stop at any time and resume exactly where you left off.\n"
        )
    else:
        readiness.append_text(summary.readiness_text())
        gaps.append("Top gaps", style="bold")
        gaps.append(f"  (against {profile.title if profile else 'no profile'})\n", style="dim")
        gaps.append_text(summary.top_gaps_text(3))
        for line in summary.next_steps():
            steps.append(f"• {line}\n")
    return HomeContent(title=title, readiness=readiness, gaps=gaps, steps=steps, practice=practice)
