"""The mentor menu: reviews you are giving and reviews you received."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ctoprep.core.problems import ContentError
from ctoprep.ui.base import CtoprepScreen
from ctoprep.ui.screens.mentor.common import desk, notify_problems, open_session_screen
from ctoprep.ui.screens.mentor.reveal import RevealScreen
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.footer import Footer

# the mentor menu ---------------------------------------------------------------------------------


class MentorScreen(CtoprepScreen):
    """Reviews you are giving and reviews you received; open a packet, import a review, export yours."""

    CSS_PATH = "mentor.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "open_packet", "Open"),
        Binding("i", "import_review", "Import"),
        Binding("e", "export_packet", "Export"),
        Binding("c", "app.cohort", "Cohort"),
        Binding("enter", "open_selected", "Open", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="mentor-body"):
            yield Static(id="mentor-intro")
            yield Label("Reviews you are giving (Enter to continue one)", classes="section-title")
            yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
            yield Label("Reviews you received (Enter to see one)", classes="section-title")
            yield DataTable(id="received-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        desk_ = desk(self.ctoapp)
        intro = Text("Mentor review, offline\n", style="bold")
        intro.append(
            "As a mentee: press e to export a review packet for your mentor, i to import the review they send back.\n"
            "As a mentor: press o to open a packet; you rate every skill blind before the self-ratings are shown.\n"
            "Press c for a cohort view of many packets."
        )
        self.query_one("#mentor-intro", Static).update(intro)
        sessions = self.query_one("#session-table", DataTable)
        sessions.clear(columns=True)
        sessions.add_columns("mentee", "rated", "stage", "updated", "id")
        for s in desk_.sessions():
            stage = "sent" if s.sent else ("revealed" if s.revealed else "blind rating")
            sessions.add_row(
                plain(s.person or "unnamed", single_line=True),
                Text(str(s.rated)),
                Text(stage),
                Text(s.updated_at.strftime("%Y-%m-%d")),
                Text(s.id[:8]),
                key=s.id,
            )
        received = self.query_one("#received-table", DataTable)
        received.clear(columns=True)
        received.add_columns("imported", "mentor", "comments", "plan", "id")
        for rid, when, review in desk_.received():
            received.add_row(
                Text(when.strftime("%Y-%m-%d")),
                plain(review.payload.mentor or "-", single_line=True),
                Text(str(len(review.payload.comments))),
                Text(f"{len(review.payload.plan.activities)} activities" if review.payload.plan else "-"),
                Text(rid[:8]),
                key=rid,
            )

    def action_open_selected(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable) or focused.row_count == 0:
            return
        key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
        if key is None:
            return
        if focused.id == "session-table":
            open_session_screen(self.ctoapp, key)
        else:
            review = desk(self.ctoapp).received_review(key)
            if review is not None:
                self.app.push_screen(RevealScreen(review=review))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_selected()

    def action_open_packet(self) -> None:
        from ctoprep.ui.modals.path_input import PathInputModal

        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.open_packet(paths[0])

        self.app.push_screen(PathInputModal("Open a review packet", "The .json file your mentee sent you:"), chosen)

    def open_packet(self, path: Path) -> None:
        try:
            opened = desk(self.ctoapp).open_packet(path)
        except ContentError as exc:
            notify_problems(self, exc, "This packet cannot be opened")
            return
        for warning in opened.warnings:
            self.notify(plain(warning.message).plain, severity="warning", markup=False, timeout=10)
        if opened.clash:
            self.notify(plain(opened.clash).plain, severity="warning", markup=False, timeout=15)
        open_session_screen(self.ctoapp, opened.session.id)

    def action_import_review(self) -> None:
        from ctoprep.ui.modals.path_input import PathInputModal

        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.import_review(paths[0])

        self.app.push_screen(PathInputModal("Import a review", "The review .json file your mentor sent:"), chosen)

    def import_review(self, path: Path) -> None:
        try:
            imported = desk(self.ctoapp).import_review(path)
        except ContentError as exc:
            notify_problems(self, exc, "This review cannot be imported")
            return
        review = imported.review
        message = f"Imported the review by {review.payload.mentor or 'your mentor'}."
        if review.payload.profile is not None and review.payload.profile.targets:
            message += " Its agreed targets are now a target profile: press t on the home screen to use them."
        self.notify(plain(message).plain, title="Review imported", markup=False)
        self.refresh_data()
        self.app.push_screen(RevealScreen(review=imported.review))

    def action_export_packet(self) -> None:
        app = self.ctoapp
        try:
            path = desk(app).export_packet(app.assessment.id if app.assessment is not None else None, app.today())
        except ContentError as exc:
            notify_problems(self, exc, "No packet written")
            return
        self.notify(f"Saved {path}: send this file to your mentor.", title="Packet exported", markup=False)
