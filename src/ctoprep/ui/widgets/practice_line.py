"""The home screen's practice line: how to practice, and (once a worker has looked) how many
questions are due for review today and which attempts are unfinished.

The first paint never waits for the question bank: the counts arrive from a thread worker with a
database connection of its own, and the worker also hands the loaded bank and the calibration
weights to the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static

from ctoprep.ui.base import ctoapp_of

if TYPE_CHECKING:
    from ctoprep.services.practice import HomeFacts

INVITATION = "Practice (p): mock exams to the blueprint, area drills, weak-spot drills and spaced review"


def facts_text(facts: HomeFacts | None) -> Text:
    text = Text(INVITATION)
    if facts is None:
        return text
    from ctoprep.core.practice import Mode
    from ctoprep.services.practice import MODE_TITLES

    if facts.problem:
        text.append("\nThe question bank has problems; run 'ctoprep validate' to see them.", style="italic")
        return text
    if facts.due_today or facts.attempts:
        text.append("\n")
        text.append(
            f"{facts.due_today} question{'' if facts.due_today == 1 else 's'} due for review today", style="bold"
        )
    for mode in facts.unfinished:
        text.append(f" · an unfinished {MODE_TITLES[Mode(mode)].lower()} to resume")
    if facts.attempts:
        text.append(" · g shows your progress", style="dim")
    return text


class PracticeLine(Static):
    class Gathered(Message):
        def __init__(self, framework_id: str, facts: HomeFacts) -> None:
            self.framework_id = framework_id
            self.facts = facts
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None, text: Text | None = None) -> None:
        self.text = text if text is not None else facts_text(None)
        """What the line shows now (the home screen's snapshot saves it)."""
        super().__init__(self.text, id=id, classes=classes)

    def show(self, text: Text) -> None:
        self.text = text
        self.update(text)

    @work(thread=True, exclusive=True, group="home-practice", exit_on_error=False)
    def gather(self) -> None:
        """Count what is due, off the UI thread (loading the bank can take a moment)."""
        from ctoprep.services.practice import HomeFacts, Practice

        app = ctoapp_of(self)
        workspace = app.workspace
        shared = app.practice()
        fid = workspace.framework.id
        try:
            with workspace.connection_for_worker() as store:
                practice = Practice(workspace.library, store, workspace.framework, now=shared.now, bank=shared.bank)
                facts = practice.home_facts(app.assessment)
        except Exception as exc:  # the home screen works without practice facts
            facts = HomeFacts(problem=str(exc))
        self.post_message(self.Gathered(fid, facts))

    @on(Gathered)
    def gathered(self, event: Gathered) -> None:
        app = ctoapp_of(self)
        if event.framework_id != app.workspace.framework.id:
            return  # the framework was switched meanwhile; a new count is on its way
        practice = app.practice()
        if practice.bank is None and event.facts.bank is not None:
            practice.bank = event.facts.bank
        self.show(facts_text(event.facts))
        app.practice_text = self.text
        app.practice_adjustments_changed(event.framework_id, dict(event.facts.adjustments))
