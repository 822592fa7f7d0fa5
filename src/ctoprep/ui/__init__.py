"""The Textual app. Screens call the core through :class:`ctoprep.services.context.Workspace`; no rules live here."""
