"""Answering questions: one at a time, a navigator beside them and the clock above.

A mock exam shows nothing about right and wrong until it is submitted; drills and reviews show the
key, the explanation and why each option is right or wrong as soon as an answer is given. Every
answer, flag and move is saved the moment it happens, so quitting and coming back resumes exactly.

At about 430 lines it stays one screen: the question, navigator, clock and key bindings share one
session state; the navigator and clock are already their own widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ctoprep.core.models.questions import LETTERS
from ctoprep.core.text import plural, reflow
from ctoprep.services.practice import MODE_TITLES, PracticeError, Session
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer
from ctoprep.ui.widgets.navigator import LEGEND_FEEDBACK, LEGEND_MOCK, Navigator, State
from ctoprep.ui.widgets.timer import Countdown, ExamTimer

if TYPE_CHECKING:
    from textual.timer import Timer

    from ctoprep.services.practice import Practice

NOTICE_SECONDS = 6
"""How long a notice stays under the question."""

SAVE_EVERY_SECONDS = 15
"""How often the clock is saved between answers (answers and moves save it too)."""


class ExamScreen(CtoprepScreen):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        *(
            Binding(letter.lower(), f"choose({i})", f"Answer {letter}", show=False)
            for i, letter in enumerate("ABCDEFGH")
        ),
        *(Binding(str(i + 1), f"choose({i})", show=False) for i in range(8)),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "previous", "Prev", show=False),
        Binding("m", "flag", "Flag"),
        Binding("u", "next_blank", "Next blank", show=False),
        Binding("j", "navigator", "List"),
        Binding("t", "pause", "Pause"),
        Binding("s", "submit", "Submit"),
        Binding("escape", "leave", "Leave"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.countdown: Countdown | None = None
        self.finished = False
        self._last_saved = session.elapsed
        self._notice_timer: Timer | None = None

    @property
    def practice(self) -> Practice:
        return self.ctoapp.practice()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return self.session.pausable  # under exam conditions there is no pause to offer
        return True

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        session = self.session
        self.countdown = Countdown(
            session.time_limit, session.elapsed, self.ctoapp.clock, running=not (session.paused and session.pausable)
        )
        with Horizontal(id="exam-top"):
            yield Label(id="exam-where")
            yield ExamTimer(self.countdown, id="exam-timer")
        with Horizontal(id="exam-body"):
            with Vertical(id="exam-nav-pane"):
                yield Static(Text(LEGEND_FEEDBACK if session.feedback else LEGEND_MOCK), id="exam-legend")
                yield Navigator(feedback=session.feedback, id="exam-nav")
                yield Static(id="exam-counts")
            with Vertical(id="exam-question-pane"):
                yield Static(id="exam-reason")
                with VerticalScroll(id="exam-scroll"):
                    yield Static(id="exam-stem")
                    yield OptionList(id="exam-options")
                    yield Static(id="exam-feedback")
                yield Static(id="exam-paused")
                yield Static(id="exam-notice")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        self.query_one(Navigator).show(self.states(), session.current)
        self.show_question()
        self.show_pause()
        # focus without scrolling to the options: the first frame shows the question from its first line
        self.query_one("#exam-options", OptionList).focus(scroll_visible=False)

    def say(self, message: str) -> None:
        """A notice on its own line under the question: a toast would cover the options being read."""
        notice = self.query_one("#exam-notice", Static)
        notice.update(Text(message))
        notice.display = True
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(NOTICE_SECONDS, self.clear_notice)

    def clear_notice(self) -> None:
        self.query_one("#exam-notice", Static).display = False

    def states(self) -> list[State]:
        s = self.session
        return [(i in s.answers, s.correct(i), i in s.flagged) for i in range(s.total)]

    # display ------------------------------------------------------------------------------
    def show_question(self) -> None:
        session = self.session
        pos = session.current
        question = session.questions[pos]
        where = Text(f"{MODE_TITLES[session.mode]} · question {pos + 1} of {session.total}", style="bold")
        if pos in session.flagged:
            where.append("  ⚑ flagged", style="bold")
        self.query_one("#exam-where", Label).update(where)
        reason = self.query_one("#exam-reason", Static)
        reason.display = pos in session.reasons
        if pos in session.reasons:
            text = Text("Why this question: ", style="bold")
            text.append_text(plain(session.reasons[pos], single_line=True))
            reason.update(text)
        self.query_one("#exam-stem", Static).update(plain(reflow(question.stem)))
        self.show_options()
        self.show_feedback()
        self.show_counts()
        self.query_one(Navigator).set_current(pos)
        self.query_one("#exam-scroll", VerticalScroll).scroll_home(animate=False)

    def show_options(self) -> None:
        session = self.session
        pos = session.current
        question = session.questions[pos]
        chosen = session.answers.get(pos)
        reveal = session.feedback and chosen is not None
        options = self.query_one("#exam-options", OptionList)
        options.clear_options()
        for i, option in enumerate(question.options):
            if reveal and i == question.key_index:
                mark = "✓"
            elif reveal and i == chosen:
                mark = "✗"
            else:
                mark = "●" if i == chosen else "○"
            text = plain(option.text)
            if reveal and i == question.key_index:
                text.append("  (the answer)", style="italic")
            elif reveal and i == chosen:
                text.append("  (your answer)", style="italic")
            elif not reveal and i == chosen:
                text.append("  (chosen)", style="italic")
            # a hanging indent: wrapped lines start under the option's text, not under its letter
            prompt = Table.grid()
            prompt.add_column(width=5, no_wrap=True)
            prompt.add_column(ratio=1)
            prompt.add_row(Text(f"{mark} {LETTERS[i]}.", style="bold"), text)
            options.add_option(Option(prompt, id=f"option-{i}"))
        options.highlighted = chosen if chosen is not None else 0

    def show_feedback(self) -> None:
        session = self.session
        pos = session.current
        question = session.questions[pos]
        box = self.query_one("#exam-feedback", Static)
        chosen = session.answers.get(pos)
        if not session.feedback or chosen is None:
            box.display = False
            return
        box.display = True
        right = chosen == question.key_index
        text = Text(
            "✓ Right." if right else f"✗ Not this time: the answer is {LETTERS[question.key_index]}.", style="bold"
        )
        if question.explanation:
            text.append("\n")
            text.append_text(plain(reflow(question.explanation)))
        for i, option in enumerate(question.options):
            if option.why:
                text.append(f"\n{LETTERS[i]}: ", style="bold")
                text.append_text(plain(reflow(option.why)))
        more = "n for the next question" if pos < session.total - 1 else "n to see your results"
        text.append(f"\n\n{more}", style="dim")
        box.update(text)

    def show_counts(self) -> None:
        s = self.session
        text = Text(f"{len(s.answers)} answered\n{len(s.blanks)} blank\n{len(s.flagged)} flagged")
        self.query_one("#exam-counts", Static).update(text)

    def show_pause(self) -> None:
        paused = self.countdown is not None and not self.countdown.running
        self.query_one("#exam-scroll").display = not paused
        cover = self.query_one("#exam-paused", Static)
        cover.display = paused
        if paused:
            cover.update(Text("Paused. The question is hidden until you press t to carry on.", style="bold"))
        self.query_one(ExamTimer).check()

    def refresh_row(self, pos: int) -> None:
        s = self.session
        self.query_one(Navigator).mark(pos, (pos in s.answers, s.correct(pos), pos in s.flagged))
        self.show_counts()

    # time --------------------------------------------------------------------------------
    def sync_time(self) -> None:
        if self.countdown is not None:
            self.session.elapsed = self.countdown.elapsed

    @on(ExamTimer.Tick)
    def tick(self, event: ExamTimer.Tick) -> None:
        if self.finished:
            return
        self.session.elapsed = event.elapsed
        if abs(self.session.elapsed - self._last_saved) >= SAVE_EVERY_SECONDS:
            self.save_time()

    def save_time(self) -> None:
        if self.finished:
            return
        self.sync_time()
        self.practice.save_time(self.session)
        self._last_saved = self.session.elapsed

    @on(ExamTimer.Expired)
    def time_is_up(self) -> None:
        if self.finished:
            return
        self.notify("Time is up: your answers have been submitted.", title="Time", markup=False)
        self.finish(timed_out=True)

    def action_pause(self) -> None:
        countdown = self.countdown
        if countdown is None:
            return
        if not self.session.pausable:  # the key is hidden then; say why if it is pressed anyway
            self.say(
                "Under exam conditions the clock cannot be paused. Start a mock exam without exam conditions "
                "to allow pauses."
                if self.session.time_limit is not None
                else "This session is untimed: there is no clock to pause."
            )
            return
        if countdown.running:
            countdown.pause()
        else:
            countdown.resume()
        self.session.paused = not countdown.running
        self.save_time()
        self.show_pause()

    @property
    def paused(self) -> bool:
        return self.countdown is not None and not self.countdown.running

    # answering ---------------------------------------------------------------------------
    def action_choose(self, index: int) -> None:
        if self.paused or self.finished:
            return
        session = self.session
        pos = session.current
        question = session.questions[pos]
        if index >= len(question.options):
            return
        if session.feedback and pos in session.answers:
            self.say("This one is answered; press n for the next question.")
            return
        self.sync_time()
        self.practice.answer(session, pos, index)
        self._last_saved = session.elapsed
        self.show_options()
        self.show_feedback()
        self.refresh_row(pos)
        if session.feedback:  # the explanation comes into view: no mouse needed to read it
            feedback = self.query_one("#exam-feedback", Static)
            self.call_after_refresh(feedback.scroll_visible, animate=False, top=True)

    def action_page(self, direction: int) -> None:
        """PageDown / PageUp scroll the question, its options and the explanation as one page."""
        scroll = self.query_one("#exam-scroll", VerticalScroll)
        if direction > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    @on(OptionList.OptionSelected, "#exam-options")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index)

    def action_flag(self) -> None:
        if self.paused or self.finished:
            return
        self.sync_time()
        flagged = self.practice.toggle_flag(self.session, self.session.current)
        self.refresh_row(self.session.current)
        self.show_question()
        self.say("Flagged for review." if flagged else "Flag removed.")

    # moving ------------------------------------------------------------------------------
    def go(self, pos: int) -> None:
        if self.paused or self.finished:
            return
        self.sync_time()
        self.practice.move(self.session, pos)
        self._last_saved = self.session.elapsed
        self.show_question()
        self.query_one("#exam-options", OptionList).focus(scroll_visible=False)

    def action_next(self) -> None:
        session = self.session
        if session.current < session.total - 1:
            self.go(session.current + 1)
        elif session.feedback:
            if session.blanks:
                self.go(session.blanks[0])
                self.say(f"{plural(len(session.blanks), 'question')} still unanswered.")
            else:
                self.finish()
        else:
            self.say("That was the last question. Press s to submit, or j to review the list.")

    def action_previous(self) -> None:
        self.go(self.session.current - 1)

    def action_next_blank(self) -> None:
        session = self.session
        after = [b for b in session.blanks if b > session.current] or session.blanks
        if after:
            self.go(after[0])
        else:
            self.say("Every question has an answer.")

    def action_navigator(self) -> None:
        self.query_one(Navigator).focus()

    @on(Navigator.Jump)
    def jump(self, event: Navigator.Jump) -> None:
        self.go(event.position)

    # finishing ---------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.finished:
            return
        from ctoprep.ui.modals.choose import ChooseModal

        session = self.session
        blanks, flagged = len(session.blanks), len(session.flagged)
        warning = []
        if blanks:
            warning.append(f"{blanks} unanswered (they count as wrong)")
        if flagged:
            warning.append(f"{flagged} flagged")
        detail = ("; ".join(warning) + ".") if warning else "Every question has an answer."
        verb = "Submit" if not session.feedback else "Finish"

        def chosen(choice: str | None) -> None:
            if choice == "submit":
                self.finish()

        self.app.push_screen(
            ChooseModal(
                f"{verb} now?",
                [
                    ("submit", f"{verb} and see the results", detail),
                    ("back", "Keep working", "u goes to the next blank question, j opens the list"),
                ],
                "back" if blanks else "submit",
            ),
            chosen,
        )

    def finish(self, *, timed_out: bool = False) -> None:
        if self.finished:
            return
        from ctoprep.ui.screens.practice_results import PracticeResultsScreen

        self.sync_time()
        if self.countdown is not None:
            self.countdown.pause()
        self.finished = True
        try:
            result = self.practice.finish(self.session, timed_out=timed_out)
        except PracticeError as exc:  # e.g. a bank file broken while the exam was open
            self.finished = False
            self.say(str(exc))
            return
        self.app.switch_screen(
            PracticeResultsScreen(
                self.session.mode,
                result,
                {q.id: q for q in self.session.questions},
                elapsed=self.session.elapsed,
                timed_out=timed_out,
            )
        )

    def action_leave(self) -> None:
        if isinstance(self.focused, Navigator):
            self.query_one("#exam-options", OptionList).focus()
            return
        self.save_time()
        self.notify("Saved. Choose the same mode again to carry on where you left off.", markup=False)
        self.app.pop_screen()

    def on_unmount(self) -> None:
        # quitting the app mid-exam: keep the clock where it was
        if not self.finished:
            self.save_time()
