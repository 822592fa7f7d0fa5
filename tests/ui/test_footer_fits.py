"""Every screen's footer fits 80 columns: no key hint is cut (issue #18.8: 't Profil▏', 'j Jump to ar▏')."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.screen import Screen

import ctoprep.ui.modals
import ctoprep.ui.screens
from ctoprep.ui.app import CtoprepApp

WIDTH = 80
PALETTE = len(" ^p palette") + 1


def _screens() -> list[type[Screen[object]]]:
    found: dict[str, type[Screen[object]]] = {}
    for package in (ctoprep.ui.screens, ctoprep.ui.modals):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                    found[f"{cls.__module__}.{cls.__name__}"] = cls
    return list(found.values())


def _key_display(binding: Binding) -> str:
    key = binding.key.split(",")[0]
    if binding.key_display:
        return binding.key_display
    names = {"escape": "esc", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]"}
    if key.startswith("ctrl+"):
        return "^" + key.removeprefix("ctrl+")
    return names.get(key, key)


def footer_width(cls: type[Screen[object]]) -> int:
    shown: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        for binding in getattr(klass, "BINDINGS", []) or []:
            if isinstance(binding, Binding):
                shown[binding.key] = binding
    for binding in CtoprepApp.BINDINGS:
        if isinstance(binding, Binding):
            shown.setdefault(binding.key, binding)
    items = [b for b in shown.values() if b.show and b.description]
    return sum(len(_key_display(b)) + len(b.description) + 3 for b in items) + PALETTE


@pytest.mark.parametrize("screen", _screens(), ids=lambda c: c.__name__)
def test_footer_fits_80_columns(screen: type[Screen[object]]) -> None:
    assert footer_width(screen) <= WIDTH, f"{screen.__name__}: footer needs {footer_width(screen)} columns"
