"""The base of the resolved values: equality and hashing over their fields, written once.

The resolved models (framework, assessment, scores, gaps, plans) are frozen dataclasses declared with
``eq=False, repr=False`` on this base. On Python 3.11 ``dataclass`` writes every method it adds as
source and runs ``exec`` on it; ``__eq__``, ``__hash__`` and ``__repr__`` are three of the six a frozen
class gets, and making the classes is the larger part of what importing the models costs, which
every command pays. The semantics are those ``dataclass`` would generate: equal when of the same
class with equal fields (compared as tuples), hashable when every field is, and shown as
``Name(field=value, ...)`` without the fields declared ``repr=False``.
"""

from __future__ import annotations

from typing import Any


def _fields(value: Any) -> tuple[Any, ...]:
    return tuple([getattr(value, name) for name in value.__dataclass_fields__])


class Value:
    """Equality, hashing and repr by field values (for frozen dataclasses declared with ``eq=False, repr=False``)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _fields(self) == _fields(other)

    def __hash__(self) -> int:
        return hash(_fields(self))

    def __repr__(self) -> str:
        fields = getattr(self, "__dataclass_fields__", {}).values()
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields if f.repr)
        return f"{self.__class__.__qualname__}({shown})"
