"""The Textual app. Screens call the core through :class:`ctoprep.workspace.Workspace`; no rules live here."""
