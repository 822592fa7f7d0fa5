"""Python's cyclic garbage collector paused around bulk work and while a ``ctoprep`` process starts (a
light module: the app's loading thread and the console script import it, so it must not bring pydantic
or the loaders with it)."""

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


_held_for_start = False
"""The collector was turned off by :func:`hold_for_start` and is still off."""


def hold_for_start() -> None:
    """Turn the collector off while a ``ctoprep`` process starts (the console script does this first).

    Starting makes objects that live as long as the process: modules, classes, the parser, Textual's
    stylesheet and the first screen's widgets. The collector, triggered by the count of objects made,
    walked them about a hundred times before the app's first frame and freed nothing: 13-15 ms, about
    7% of a bare Textual app's first frame. The app turns it back on after its first frame
    (:func:`release_after_start`); a scripting command runs to its end without it (what it makes is
    freed by reference counting, and the process ends). Nothing changes if it was already off.
    """
    global _held_for_start
    if gc.isenabled():
        gc.disable()
        _held_for_start = True


def release_after_start() -> None:
    """Move what was made so far out of the collector's sight (it lives as long as the process) and
    turn the collector back on, if :func:`hold_for_start` turned it off; else do nothing."""
    global _held_for_start
    if _held_for_start:
        _held_for_start = False
        gc.freeze()
        gc.enable()
