"""One module per command; each exposes ``register(subparsers)`` that sets ``func`` on its parser."""
