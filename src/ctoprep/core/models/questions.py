"""Question banks: the TOML mirror doubles as the resolved model (banks can hold 10,000 items)."""

from __future__ import annotations

import string
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ctoprep.core.models.file_base import FileModel, Id, ShortText, Text

LETTERS = string.ascii_uppercase


class Cognitive(StrEnum):
    RECALL = "recall"
    APPLY = "apply"
    JUDGE = "judge"


class ItemKind(StrEnum):
    """What an item tests: a specific rule or fact of the job, or judgment applied to a situation."""

    KNOWLEDGE = "knowledge"
    JUDGMENT = "judgment"


class Option(FileModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    why: Text = ""


class Question(FileModel):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
    skills: list[Id] = Field(min_length=1)
    difficulty: Annotated[int, Field(ge=1, le=3)] = 2
    cognitive: Cognitive = Cognitive.APPLY
    kind: ItemKind = ItemKind.JUDGMENT
    """``knowledge`` when the item tests a specific law, funding rule, standard, control or finance fact."""
    tags: list[Annotated[str, StringConstraints(max_length=60)]] = []
    stem: Annotated[str, StringConstraints(min_length=1, max_length=6000)]
    answer: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    explanation: Text = ""
    options: list[Option] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _key_among_options(self) -> Question:
        index = LETTERS.index(self.answer)
        if index >= len(self.options):
            last = LETTERS[len(self.options) - 1]
            raise ValueError(f"answer {self.answer!r} is not among the {len(self.options)} options (A..{last})")
        return self

    @property
    def key_index(self) -> int:
        """0-based position of the correct option."""
        return LETTERS.index(self.answer)

    @property
    def primary_skill(self) -> str:
        return self.skills[0]


class BankMeta(FileModel):
    id: Id
    framework: Id
    title: ShortText = "Questions"
    description: Text = ""
    retired: list[Annotated[str, StringConstraints(max_length=80)]] = []
    """Ids of items that were replaced by a different question. A retired id is never used again."""


class QuestionBankFile(FileModel):
    bank: BankMeta
    questions: list[Question] = []


class QuestionBank(BaseModel):
    """All questions available for one framework, gathered from one or more files."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    framework_id: str
    questions: tuple[Question, ...] = ()
    area_of_question: dict[str, str] = {}
    """Question id -> area id of its primary skill."""
    source_files: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    """The user's own bank files left out because they have errors (run ``ctoprep validate`` to see them)."""
    retired: frozenset[str] = frozenset()
    """Ids of questions replaced by different ones: stored results stand, review cards are dropped."""

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def in_area(self, area_id: str) -> list[Question]:
        return [q for q in self.questions if self.area_of_question.get(q.id) == area_id]
