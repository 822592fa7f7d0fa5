"""Python's cyclic garbage collector paused around bulk work (a light module: the app's loading thread
imports it, so it must not bring pydantic or the loaders with it)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = True) -> Iterator[None]:
    """Pause the cyclic GC around bulk work, then restore it as it was.

    Making many small objects triggers the collector, which then walks the ones that live on again and
    again. With ``freeze`` (for what lives as long as the program: loaded content, the workspace),
    what was made is moved out of the collector's sight before it is re-enabled, so that re-enabling
    does not walk it all at once. Without it (a cohort read for one report), what was made stays
    collectable: it is freed by reference counting, and a cycle made anyway waits for the next collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
