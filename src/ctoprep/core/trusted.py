"""Result models built from values the core computed itself, without validating them again.

Scoring and gap analysis run on every re-rating and for whole cohorts; pydantic's
``model_construct`` costs about 2.5 µs an object, mostly in its generic handling of aliases and
defaults, which the result models do not use. :func:`trusted` does the rest of what it does, for
about a fifth of the time. Every field must be given: no defaults are filled in.
``tests/core/test_trusted.py`` checks it builds exactly what ``model_construct`` builds.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``values`` as they are (all fields, computed by the core)."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def check_trusted_model(cls: type[BaseModel]) -> None:
    """Raise if ``cls`` uses what :func:`trusted` skips (aliases, private attributes, post-init)."""
    fields = cls.model_fields
    if any(f.alias or f.validation_alias for f in fields.values()):
        raise TypeError(f"{cls.__name__} has field aliases; build it with model_construct")
    if cls.__private_attributes__ or cls.__pydantic_post_init__ or cls.__pydantic_root_model__:
        raise TypeError(f"{cls.__name__} needs pydantic's own construction; build it with model_construct")
