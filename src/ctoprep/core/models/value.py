"""The base of the resolved values, and :func:`value_class`, the cheap way to declare one.

The resolved models (framework, assessment, scores, gaps, plans) are frozen, keyword-only dataclasses.
On Python 3.11 ``dataclass`` writes every method it adds as source and runs ``exec`` on it: about
0.4 ms a class, and making the classes was the larger part of what importing the models cost, which
every command and the app's loading thread pay (33 classes before the home is real). :func:`value_class`
makes the same dataclass without writing source:

- ``dataclass(init=False, eq=False, repr=False, slots=..., kw_only=True)`` still records the fields
  (``dataclasses.fields``, ``replace`` and ``asdict`` work as before) and makes the slots;
- ``__init__`` is one shared, keyword-only function per class, built from the fields (defaults,
  ``default_factory``, ``init=False`` fields, ``__post_init__``);
- :class:`Value` gives equality, hashing and repr over the fields, and refuses assignment as a frozen
  dataclass does (``FrozenInstanceError``).

A class costs about 0.05 ms instead of 0.4; building an instance that names every field costs what the
generated ``__init__`` costs (about 0.8 us for five fields), one that leaves fields to defaults about 1.3 us.
``typing.dataclass_transform`` tells type checkers that ``@value_class`` makes frozen, keyword-only
dataclasses, so constructor calls and assignments are checked as before.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from typing import Any, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound="Value")


def _fields(value: Any) -> tuple[Any, ...]:
    return tuple([getattr(value, name) for name in value.__dataclass_fields__])


class Value:
    """Equality, hashing, repr and immutability by field values (declare subclasses with :func:`value_class`)."""

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

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:  # copy and pickle: the frozen fields, set back in __setstate__
        return _fields(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, item in zip(self.__dataclass_fields__, state, strict=True):  # type: ignore[attr-defined]
            object.__setattr__(self, name, item)


def _init_for(cls: type[Value], slots: bool) -> Callable[..., None]:
    """The keyword-only ``__init__`` that ``dataclass(frozen=True, kw_only=True)`` would generate.

    The usual call names every field: then each value goes straight into its slot (through the slot's
    descriptor, as fast as the generated ``__init__``), or into ``__dict__`` for a class without slots.
    Any other call takes the general path: defaults, factories, and the same ``TypeError`` messages."""
    fields = dataclasses.fields(cast(Any, cls))
    spec = tuple((f.name, f.default, f.default_factory) for f in fields if f.init)
    later = tuple((f.name, f.default, f.default_factory) for f in fields if not f.init)
    accepted = frozenset(name for name, _, _ in spec)
    complete = len(accepted)
    slot_setters = tuple((getattr(cls, name).__set__, name) for name, _, _ in spec) if slots else ()
    post_init = hasattr(cls, "__post_init__")
    qualname = cls.__qualname__
    setter = object.__setattr__

    def init(self: Value, **kwargs: Any) -> None:
        filled = False
        if len(kwargs) == complete:  # every field named, the usual call: straight into place
            if slots:
                try:
                    for set_slot, name in slot_setters:
                        set_slot(self, kwargs[name])
                    filled = True
                except KeyError:  # as many names, one of them unknown: the general path says which
                    pass
            elif kwargs.keys() == accepted:
                self.__dict__.update(kwargs)
                filled = True
        if not filled:
            if not accepted.issuperset(kwargs):
                unexpected = next(name for name in kwargs if name not in accepted)
                raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument {unexpected!r}")
            for name, default, factory in spec:
                if name in kwargs:
                    setter(self, name, kwargs[name])
                elif default is not MISSING:
                    setter(self, name, default)
                elif factory is not MISSING:
                    setter(self, name, factory())
                else:
                    raise TypeError(f"{qualname}.__init__() missing 1 required keyword-only argument: {name!r}")
        if later:
            for name, default, factory in later:
                if default is not MISSING:
                    setter(self, name, default)
                elif factory is not MISSING:
                    setter(self, name, factory())
        if post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    init.__name__, init.__qualname__, init.__module__ = "__init__", f"{qualname}.__init__", cls.__module__
    return init


@overload
def value_class(cls: type[T], /) -> type[T]: ...
@overload
def value_class(*, slots: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(dataclasses.field,))
def value_class(cls: type[T] | None = None, /, *, slots: bool = True) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` (a :class:`Value` subclass) a frozen, keyword-only dataclass; ``slots=False`` for a
    class that keeps ``cached_property`` results in its ``__dict__``."""

    def make(cls: type[T]) -> type[T]:
        if not issubclass(cls, Value):
            raise TypeError(f"@value_class needs a subclass of Value, not {cls.__qualname__}")
        if cls.__doc__ is None:
            # dataclass would word one from inspect.signature(cls), which (with no __init__ yet) parses
            # object's text signature with tokenize: its regular expressions cost ~7 ms to compile
            fields = ", ".join(inspect.get_annotations(cls))
            cls.__doc__ = f"{cls.__name__}({fields})"
        made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots, kw_only=True)
        made.__init__ = _init_for(made, slots)  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)
