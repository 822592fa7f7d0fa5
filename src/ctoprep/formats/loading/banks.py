"""Loading question banks: parse each file (warm-start cached), then check ids and skills across all of them."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.questions import Question, QuestionBank, QuestionBankFile
from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean, display_path
from ctoprep.core.trusted import trusted
from ctoprep.formats.collector import gc_paused
from ctoprep.formats.loading.bank_cache import decode, encode
from ctoprep.formats.loading.documents import validate_document
from ctoprep.formats.toml_source import TomlDocument, load_toml

CACHE_SCHEMA = "4"
"""Bump when a file model or the cache's format changes, so that stale warm-start caches are ignored (and
deleted when a new one is written). 3: compact JSON decoded without pydantic
(:mod:`ctoprep.formats.loading.bank_cache`); 4: one cache file per bank file, its stamp on the first line."""


RACY_NS = 2_000_000_000
"""Files modified this recently (in nanoseconds) are read, not taken from the cache."""


class CacheSlot(NamedTuple):
    """Where a bank file's warm-start cache lives and what says it is current."""

    name: str
    """The cache file's name: one per bank file (by its resolved path), so an edit replaces its cache
    instead of leaving the old one behind."""
    stamp: bytes
    """The bank file's size and modification time, the cache file's first line (as Python's own bytecode
    cache does, so a warm start neither reads nor hashes the bank file)."""


def _cache_slot(path: Path) -> CacheSlot | None:
    """The cache slot of a bank file; None for standard input or a file that cannot be examined (the cold
    path then reports why).

    A file changed in the last two seconds gets no slot: file times tick in milliseconds, so a second
    write of the same size could otherwise look unchanged (git's "racily clean" problem).
    """
    if str(path) == "-":
        return None
    try:
        st = path.stat()
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    if time.time_ns() - st.st_mtime_ns < RACY_NS:
        return None
    digest = hashlib.blake2b(str(resolved).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
    return CacheSlot(f"bank-{CACHE_SCHEMA}-{digest}.json", f"{st.st_size} {st.st_mtime_ns}".encode())


def _bank_from_cache(cache_dir: Path | None, slot: CacheSlot | None) -> QuestionBankFile | None:
    if cache_dir is None or slot is None:
        return None
    try:
        stamp, _, data = (cache_dir / slot.name).read_bytes().partition(b"\n")
        if stamp != slot.stamp:
            return None  # the bank file changed since: read it, and the cache is written again
        # types, shapes and answer keys checked: a corrupt or planted cache file can at worst be rejected
        return decode(data)
    except (OSError, ValueError):
        return None


def _bank_to_cache(cache_dir: Path | None, slot: CacheSlot | None, bank: QuestionBankFile) -> None:
    if cache_dir is None or slot is None:
        return
    from ctoprep.formats.atomic import write_cache_file

    try:
        data = encode(bank)
    except ValueError:  # a cache is an optimization: failing to write one is never the user's problem
        return
    write_cache_file(cache_dir, slot.name, slot.stamp + b"\n" + data)
    _forget_other_formats(cache_dir)


def _forget_other_formats(cache_dir: Path) -> None:
    """Delete bank caches of other cache formats (left by an earlier version): nothing reads them again."""
    current = f"bank-{CACHE_SCHEMA}-"
    try:
        stale = [p for p in cache_dir.glob("bank-*.json") if not p.name.startswith(current)]
    except OSError:
        return
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()


def parse_bank_file(
    path: Path, problems: list[Problem], cache_dir: Path | None = None, doc: TomlDocument | None = None
) -> tuple[TomlDocument | None, QuestionBankFile | None]:
    """Read and validate one bank file (from the warm-start cache when the file is unchanged);
    ``doc`` is the file already read and parsed (by :func:`load_toml`), when the caller has it."""
    slot = _cache_slot(path) if cache_dir is not None else None
    cached = _bank_from_cache(cache_dir, slot)
    if cached is not None:
        return None, cached
    if doc is None:
        try:
            doc = load_toml(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            return None, None
    bank = validate_document(doc, QuestionBankFile, problems)
    if bank is not None:
        _bank_to_cache(cache_dir, slot, bank)
    return doc, bank


def check_question_banks(
    paths: Sequence[Path],
    framework: Framework | None,
    cache_dir: Path | None = None,
    documents: Mapping[Path, TomlDocument] | None = None,
) -> tuple[QuestionBank | None, list[Problem]]:
    """Load bank files for one framework, checking ids, references and keys across all of them.

    ``documents``: files the caller has already read and parsed (``validate`` reads each bank once to
    learn its framework), by path; the others are read here."""
    problems: list[Problem] = []
    parsed: list[tuple[Path, TomlDocument | None, QuestionBankFile]] = []
    with gc_paused():
        for path in paths:
            given = documents.get(Path(path)) if documents else None
            doc, bank = parse_bank_file(Path(path), problems, cache_dir, given)
            if bank is not None:
                parsed.append((Path(path), doc, bank))
    if framework is None:
        return None, problems
    skill_area = {s.id: s.area_id for s in framework.skills}
    first_seen: dict[str, tuple[Path, TomlDocument | None, int]] = {}
    questions: list[Question] = []
    area_of: dict[str, str] = {}
    retired: set[str] = set()
    for path, doc, bank in parsed:

        def where(
            key: tuple[str | int, ...],
            message: str,
            hint: str = "",
            *,
            path: Path = path,
            doc: TomlDocument | None = doc,
        ) -> Problem:
            if doc is None:  # came from the cache, which only holds files that validated: re-read to locate
                doc = load_toml(path)
            return doc.problem(key, message, hint)

        if bank.bank.framework != framework.id:
            problems.append(
                where(
                    ("bank", "framework"),
                    f"bank is for framework {bank.bank.framework!r}, not {framework.id!r}",
                    "put banks for a framework in question_banks/<framework-id>/",
                )
            )
            continue
        retired.update(bank.bank.retired)
        ids = [q.id for q in bank.questions]
        known = {sid for q in bank.questions for sid in q.skills} <= skill_area.keys()
        if known and len(set(ids)) == len(ids) and first_seen.keys().isdisjoint(ids):
            # the usual case, checked by whole sets: no duplicate ids, no unknown skills
            first_seen.update((qid, (path, doc, qi)) for qi, qid in enumerate(ids))
            questions.extend(bank.questions)
            area_of.update((q.id, skill_area[q.skills[0]]) for q in bank.questions)
            continue
        for qi, q in enumerate(bank.questions):
            ok = True
            if q.id in first_seen:
                other_path, other_doc, other_index = first_seen[q.id]
                other_doc = other_doc or load_toml(other_path)
                line = other_doc.locate(("questions", other_index, "id"))[0]
                other = display_path(other_path)
                problems.append(
                    where(
                        ("questions", qi, "id"),
                        f"duplicate question id {q.id!r} (first in {other}:{line})",
                        "question ids must be unique across all banks",
                    )
                )
                ok = False
            else:
                first_seen[q.id] = (path, doc, qi)  # the line is looked up only if a duplicate turns up
            for si, sid in enumerate(q.skills):
                if sid not in skill_area:
                    problems.append(
                        where(
                            ("questions", qi, "skills", si),
                            f"unknown skill {sid!r}",
                            did_you_mean(sid, skill_area)
                            or f"skills of {framework.id!r} are listed by 'ctoprep show {framework.id}'",
                        )
                    )
                    ok = False
            if ok:
                questions.append(q)
                area_of[q.id] = skill_area[q.skills[0]]
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    # every question was validated as its file was read (or came from the cache of validated files):
    # the bank that gathers them is built without validating them all a second time
    return trusted(
        QuestionBank,
        {
            "framework_id": framework.id,
            "questions": tuple(questions),
            "area_of_question": area_of,
            "source_files": tuple(display_path(p) for p in paths),
            "skipped": (),
            "retired": frozenset(retired - set(area_of)),
        },
    ), problems


def load_question_banks(paths: Sequence[Path], framework: Framework, cache_dir: Path | None = None) -> QuestionBank:
    """Load and resolve question banks; raises :class:`ContentError` with every problem."""
    bank, problems = check_question_banks(paths, framework, cache_dir)
    if bank is None:
        raise ContentError(problems)
    return bank


def banks_by_framework(paths: Sequence[Path]) -> tuple[dict[str, list[Path]], dict[Path, TomlDocument]]:
    """Bank files grouped by the framework each declares (``""`` for a file that cannot be read or
    declares none), and the documents read to find out, by path: each file is read and parsed once, and
    the checkers take the documents (``documents=``) instead of reading the files again."""
    groups: dict[str, list[Path]] = {}
    documents: dict[Path, TomlDocument] = {}
    for path in paths:
        fid = None
        try:
            documents[path] = load_toml(path)
        except ContentError:
            pass  # the checkers read it again and say precisely what is wrong
        else:
            fid = declared_framework_id(documents[path])
        groups.setdefault(fid or "", []).append(path)
    return groups, documents


def declared_framework_id(doc: TomlDocument) -> str | None:
    """The framework a parsed bank file declares in its ``[bank]`` table (None if it declares none)."""
    bank = doc.data.get("bank")
    if isinstance(bank, dict) and isinstance(bank.get("framework"), str):
        return str(bank["framework"])
    return None


def question_counts_by_area(bank: QuestionBank) -> Counter[str]:
    return Counter(bank.area_of_question.values())
