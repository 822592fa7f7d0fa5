"""A generated question bank for the mini framework, written as TOML where the app looks for banks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

SKILLS = ("alpha.one", "alpha.two", "beta.one", "beta.two")
LETTERS = "ABCD"


def question_id(skill: str, i: int) -> str:
    return f"{skill}-{i:02d}"


def key_of(i: int) -> int:
    """0-based index of the right option of question ``i`` of a skill (the same rule as practice_helpers)."""
    return i % 4


def bank_toml(per_skill: int = 10) -> str:
    lines = ["[bank]", 'id = "mini-generated"', 'framework = "mini"', ""]
    for skill in SKILLS:
        for i in range(per_skill):
            lines += [
                "[[questions]]",
                f'id = "{question_id(skill, i)}"',
                f'skills = ["{skill}"]',
                f"difficulty = {i % 3 + 1}",
                f'stem = "Question {i} on {skill}: which option is right?"',
                f'answer = "{LETTERS[key_of(i)]}"',
                f'explanation = "Option {LETTERS[key_of(i)]} is right for question {i}."',
            ]
            for c in LETTERS:
                lines += ["[[questions.options]]", f'text = "option {c}"', f'why = "why {c} for {i}"']
            lines.append("")
    return "\n".join(lines)


def write_bank(home: Path, per_skill: int = 10) -> Path:
    """Write the bank to ``home/question_banks/mini/generated.toml``; returns the file."""
    folder = home / "question_banks" / "mini"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "generated.toml"
    path.write_text(bank_toml(per_skill))
    return path


def key_for(question_id_: str) -> int:
    """The right option (0-based) of a generated question, from its id."""
    return key_of(int(question_id_.rsplit("-", 1)[1]))


def start_of_utc_day() -> datetime:
    """A practice clock for answers that must be due today: the start of the current UTC day.

    A question answered wrong comes back after a one-minute relearning step. Answered at the real time
    in the last minute before midnight UTC, it is due tomorrow, and a test counting "due today" failed
    only when run then (three tests in a CI run at 23:59:4x; answering at 23:59:30 reproduces it).
    """
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
