"""The application layer: what the screens and commands call. Keep this file empty (start-up cost)."""
