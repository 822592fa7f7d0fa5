"""The pure domain core: models and rules. Imports neither textual nor rich."""
