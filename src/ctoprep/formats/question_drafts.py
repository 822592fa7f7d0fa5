"""Questions read from another format, and how they become a ctoprep question bank.

The readers (:mod:`.gift`, :mod:`.aiken`, :mod:`.csv_questions`) turn text into
:class:`QuestionDraft` values, list what they skip (question types we do not support) and report
malformed input as problems. :func:`build_bank` then maps drafts onto a framework's skills, gives
them ids and checks every question against the bank model, so that what is written loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.questions import LETTERS, Cognitive, ItemKind, Question
from ctoprep.core.problems import Problem, Severity, did_you_mean
from ctoprep.formats.common import QUESTION_ID_PATTERN, IdAllocator, clean_text, slugify

MIN_OPTIONS = 2
MAX_OPTIONS = 8
MAX_TAG = 60
_CATEGORY_NOISE = {"$course$", "$system$", "$module$", "$cat1$", "$cat2$", "$cat3$", "top"}


@dataclass
class DraftOption:
    text: str
    why: str = ""


@dataclass
class QuestionDraft:
    """One question as read, before skills and ids are known."""

    line: int
    stem: str
    options: list[DraftOption]
    answer: int
    """0-based index of the key among ``options``."""
    explanation: str = ""
    title: str = ""
    category: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    difficulty: int | None = None
    cognitive: str | None = None
    kind: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    line: int
    title: str
    reason: str


@dataclass
class ParsedQuestions:
    drafts: list[QuestionDraft] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Errors in the input (malformed text) and warnings (e.g. ignored columns)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


@dataclass
class BankImport:
    data: dict[str, Any]
    """TOML-ready data of the bank file."""
    questions: list[Question]
    skipped: list[Skipped]
    warnings: list[Problem]


def category_segments(path: str) -> tuple[str, ...]:
    """``$course$/top/Leadership/lv.vision`` -> ``("Leadership", "lv.vision")``."""
    parts = [clean_text(p, single_line=True) for p in path.split("/")]
    return tuple(p for p in parts if p and p.casefold() not in _CATEGORY_NOISE)


class SkillMatcher:
    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.by_key: dict[str, str] = {}
        for skill in framework.skills:
            self.by_key.setdefault(skill.title.casefold(), skill.id)
        for skill in framework.skills:
            self.by_key[skill.id.casefold()] = skill.id

    def match(self, name: str) -> str | None:
        return self.by_key.get(name.strip().casefold())


def build_bank(
    parsed: ParsedQuestions,
    *,
    framework: Framework,
    shown: str,
    bank_id: str,
    title: str,
    default_skill: str | None = None,
    id_prefix: str = "q",
    taken_ids: set[str] | None = None,
) -> BankImport:
    """Map drafts onto ``framework``: skills, ids, tags; every question checked against the model."""
    matcher = SkillMatcher(framework)
    ids = IdAllocator(taken_ids, QUESTION_ID_PATTERN)
    prefix = slugify(id_prefix, 40) or "q"
    warnings: list[Problem] = []
    skipped = list(parsed.skipped)
    questions: list[Question] = []
    counter = 1
    renamed: list[tuple[int, str, str]] = []

    def warn(line: int, message: str, hint: str = "") -> None:
        warnings.append(Problem(shown, message, line=line, col=1, hint=hint, severity=Severity.WARNING))

    for draft in parsed.drafts:
        label = draft.title or f"question at line {draft.line}"
        if not MIN_OPTIONS <= len(draft.options) <= MAX_OPTIONS:
            skipped.append(
                Skipped(
                    draft.line,
                    label,
                    f"has {len(draft.options)} options; ctoprep allows {MIN_OPTIONS} to {MAX_OPTIONS}",
                )
            )
            continue
        skills: list[str] = []
        unknown: list[str] = []
        for name in draft.skills:
            found = matcher.match(name)
            if found:
                skills.append(found)
            else:
                unknown.append(name)
        if unknown and not skills:
            skipped.append(
                Skipped(
                    draft.line,
                    label,
                    f"unknown skill {unknown[0]!r} for framework {framework.id!r}"
                    + (f" ({hint})" if (hint := did_you_mean(unknown[0], matcher.by_key)) else ""),
                )
            )
            continue
        if unknown:
            warn(draft.line, f"{label}: unknown skills left out: {', '.join(unknown)}")
        tags = [clean_text(t, single_line=True) for t in draft.tags]
        if not skills:
            for segment in reversed(draft.category):
                found = matcher.match(segment)
                if found:
                    skills.append(found)
                    break
            else:
                if draft.category:
                    tags.insert(0, draft.category[-1])
        if not skills and default_skill:
            skills.append(default_skill)
        if not skills:
            where = f"its category {'/'.join(draft.category)!r} names" if draft.category else "it names"
            skipped.append(
                Skipped(
                    draft.line,
                    label,
                    f"no skill: {where} no skill of {framework.id!r}; give --skill ID, or use skill ids as categories",
                )
            )
            continue
        kept_tags: list[str] = []
        for tag in tags:
            if len(tag) > MAX_TAG:
                warn(draft.line, f"{label}: tag {tag[:40]!r}... is over {MAX_TAG} characters and was left out")
            elif tag and tag not in kept_tags:
                kept_tags.append(tag)
        if ids.usable(draft.title) and draft.title not in ids.taken:
            question_id = draft.title
            ids.taken.add(question_id)
        else:
            while f"{prefix}-{counter:03d}" in ids.taken:
                counter += 1
            question_id = f"{prefix}-{counter:03d}"
            ids.taken.add(question_id)
            if ids.usable(draft.title):
                renamed.append((draft.line, draft.title, question_id))
        data: dict[str, Any] = {
            "id": question_id,
            "skills": list(dict.fromkeys(skills)),
            "difficulty": draft.difficulty or 2,
            "cognitive": draft.cognitive or Cognitive.APPLY.value,
            "kind": draft.kind or ItemKind.JUDGMENT.value,
            "tags": kept_tags,
            "stem": draft.stem,
            "answer": LETTERS[draft.answer],
            "explanation": draft.explanation,
            "options": [{"text": o.text, "why": o.why} for o in draft.options],
        }
        try:
            question = Question.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            skipped.append(Skipped(draft.line, label, f"{where}: {first['msg']}"))
            ids.taken.discard(question_id)
            continue
        for note in draft.notes:
            warn(draft.line, f"{label}: {note}")
        questions.append(question)
    if len(renamed) > 3:
        line, old, new = renamed[0]
        warn(
            line,
            f"{len(renamed)} question ids are already used by other banks of {framework.id!r} and were given new "
            f"ones (the first: {old!r} is now {new!r})",
            "are these questions already imported?",
        )
    else:
        for line, old, new in renamed:
            warn(line, f"question id {old!r} is already used; this one is {new!r}")
    data = {
        "bank": {"id": bank_id, "framework": framework.id, "title": title},
        "questions": [q.model_dump(mode="json", exclude_defaults=False) for q in questions],
    }
    return BankImport(data, questions, skipped, warnings)
