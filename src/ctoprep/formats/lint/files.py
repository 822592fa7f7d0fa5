"""Rules across every file given (Q007, Q008, Q013, Q014, Q019, Q020) and ``lint_files``, which reads
the bank files and runs every rule."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.questions import ItemKind, QuestionBankFile
from ctoprep.core.problems import ContentError, Problem, Severity
from ctoprep.formats.lint.bank import lint_bank_patterns
from ctoprep.formats.lint.item import lint_question
from ctoprep.formats.lint.rules import (
    FORMS_WANTED,
    KNOWLEDGE_SHARE_WANTED,
    NEAR_DUPLICATE,
    POSITION_MIN_ITEMS,
    LintedQuestion,
    LintReport,
    item_problem,
)
from ctoprep.formats.lint.text import normalized, word_shingles
from ctoprep.formats.loading import validate_document
from ctoprep.formats.toml_source import TomlDocument, load_toml


def lint_retired(items: Sequence[LintedQuestion], retired: Sequence[str]) -> list[Problem]:
    """Q019: a retired id belongs to a question that was replaced; reusing it would mix two questions' history."""
    gone = set(retired)
    return [
        item_problem(
            it,
            ("id",),
            "Q019",
            f"{it.question.id}: this id is retired (listed in the bank's 'retired')",
            "give the item a new id; stored answers to the old question must not count for this one",
        )
        for it in items
        if it.question.id in gone
    ]


def lint_knowledge_share(items: Sequence[LintedQuestion], where: Path) -> list[Problem]:
    """Q020: a bank must test specific knowledge, not only judgment."""
    n = len(items)
    if n < POSITION_MIN_ITEMS:
        return []
    knowledge = sum(it.question.kind is ItemKind.KNOWLEDGE for it in items)
    if knowledge / n >= KNOWLEDGE_SHARE_WANTED:
        return []
    return [
        Problem(
            str(where),
            f'[Q020] only {knowledge} of {n} items ({knowledge / n:.0%}) are marked kind = "knowledge", '
            f"fewer than {KNOWLEDGE_SHARE_WANTED:.0%}",
            hint="write items on laws, funding rules, standards, controls and finance, and mark them",
            severity=Severity.WARNING,
        )
    ]


def lint_duplicates(items: Sequence[LintedQuestion]) -> list[Problem]:
    """Identical stems (error) and near-identical ones (warning), across every file given."""
    out: list[Problem] = []
    by_norm: dict[str, LintedQuestion] = {}
    shingles: list[tuple[LintedQuestion, frozenset[tuple[str, ...]]]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for it in items:
        norm = normalized(it.question.stem)
        if norm in by_norm:
            other = by_norm[norm]
            out.append(
                item_problem(
                    it,
                    ("stem",),
                    "Q007",
                    f"{it.question.id}: same stem as {other.question.id}",
                    "each item needs its own scenario",
                )
            )
            continue
        by_norm[norm] = it
        sh = word_shingles(it.question.stem)
        candidates: Counter[int] = Counter()
        for s in sh:
            for j in index[s]:
                candidates[j] += 1
        for j, common in candidates.items():
            other, other_sh = shingles[j]
            similarity = common / len(sh | other_sh)
            if similarity >= NEAR_DUPLICATE:
                out.append(
                    item_problem(
                        it,
                        ("stem",),
                        "Q008",
                        f"{it.question.id}: stem is {similarity:.0%} the same as {other.question.id}",
                        "vary the scenario or drop one",
                        warning=True,
                    )
                )
        for s in sh:
            index[s].append(len(shingles))
        shingles.append((it, sh))
    return out


def lint_coverage(items: Sequence[LintedQuestion], framework: Framework, where: Path) -> list[Problem]:
    """Skills with no questions, and whether the bank can fill full mock exams to the blueprint."""
    out: list[Problem] = []
    shown = str(where)
    tested = Counter(s for it in items for s in it.question.skills)
    missing = [s.id for s in framework.skills if not tested[s.id]]
    for sid in missing:
        out.append(
            Problem(
                shown, f"[Q013] skill {sid!r} has no questions", hint="write at least one", severity=Severity.WARNING
            )
        )
    blueprint = framework.blueprint
    if blueprint is None:
        return out
    per_area = Counter(
        framework.skill_by_id[it.question.skills[0]].area_id
        for it in items
        if it.question.skills[0] in framework.skill_by_id
    )
    forms = math.inf
    short = []
    for area_id, weight in blueprint.area_weights.items():
        needed = max(1, round(blueprint.item_count * weight / 100))
        have = per_area.get(area_id, 0)
        forms = min(forms, have // needed)
        if have < FORMS_WANTED * needed:
            short.append(f"{framework.area_by_id[area_id].title} {have}/{FORMS_WANTED * needed}")
    if forms < 1:
        out.append(
            Problem(
                shown,
                "[Q014] the bank cannot fill one mock exam to the blueprint: " + "; ".join(short),
                hint="add questions to the areas listed",
            )
        )
    elif short:
        out.append(
            Problem(
                shown,
                f"[Q014] enough for {int(forms)} mock exam(s) without repeats, fewer than "
                f"{FORMS_WANTED}: " + "; ".join(short),
                severity=Severity.WARNING,
            )
        )
    return out


def lint_files(
    paths: Sequence[Path], framework: Framework | None, documents: Mapping[Path, TomlDocument] | None = None
) -> LintReport:
    """Lint bank files; with their framework, also coverage rules. Unreadable files become problems.
    ``documents``: files the caller has already read and parsed, by path (the others are read here)."""
    problems: list[Problem] = []
    all_items: list[LintedQuestion] = []
    retired: list[str] = []
    for path in paths:
        given = documents.get(Path(path)) if documents else None
        try:
            doc = given or load_toml(Path(path))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        bank = validate_document(doc, QuestionBankFile, problems)
        if bank is None:
            continue
        items = [LintedQuestion(q, i, doc) for i, q in enumerate(bank.questions)]
        retired.extend(bank.bank.retired)
        for item in items:
            problems.extend(lint_question(item))
        problems.extend(lint_bank_patterns(items))
        all_items.extend(items)
    problems.extend(lint_duplicates(all_items))
    problems.extend(lint_retired(all_items, retired))
    if framework is not None and all_items:
        folder = Path(paths[0]).parent if len({Path(p).parent for p in paths}) == 1 else Path(".")
        problems.extend(lint_coverage(all_items, framework, folder))
        problems.extend(lint_knowledge_share(all_items, folder))
    return LintReport(problems, len(all_items), len(paths))
