"""Problems found in input files, reported as ``FILE:LINE:COL: message``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file.

    Attributes:
        file: The file the problem is in (or the folder, for a missing file).
        message: What is wrong, in plain words.
        line: 1-based line, or 0 when the problem has no place in the file.
        col: 1-based column, or 0.
        hint: What to do about it, when we can say.
        key_path: Dotted key path inside the file, e.g. ``questions[3].answer``.
        severity: Errors make the input unusable; warnings do not.
    """

    file: str
    message: str
    line: int = 0
    col: int = 0
    hint: str = ""
    key_path: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "key_path": self.key_path,
        }

    @classmethod
    def from_json(cls, data: object) -> Problem:
        """The problem :meth:`to_json` wrote; ``ValueError`` for anything else."""
        if type(data) is not dict or set(data) != _JSON_KEYS:
            raise ValueError("not a problem")
        text = [data[name] for name in ("file", "message", "hint", "key_path")]
        line, col = data["line"], data["col"]
        if not all(type(item) is str for item in text) or type(line) is not int or type(col) is not int:
            raise ValueError("not a problem")
        file, message, hint, key_path = text
        severity = Severity(data["severity"])
        return cls(file, message, line, col, hint, key_path, severity)


_JSON_KEYS = frozenset({"file", "line", "col", "severity", "message", "hint", "key_path"})


@dataclass
class ContentError(Exception):
    """Raised when input cannot be used; carries every problem found, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def error_count(problems: Iterable[Problem]) -> int:
    """How many of ``problems`` are errors (the rest are warnings)."""
    return sum(p.severity is Severity.ERROR for p in problems)


class Tallied:
    """``errors`` and ``warnings`` of a result that holds its ``problems``."""

    __slots__ = ()
    problems: Sequence[Problem]

    @property
    def errors(self) -> int:
        return error_count(self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working directory when inside it."""
    if str(path) == "-":
        return "<stdin>"
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known ids, or an empty string."""
    import difflib  # only when a hint is needed: it costs start-up time otherwise

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


def format_key_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
