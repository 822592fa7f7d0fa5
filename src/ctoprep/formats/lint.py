"""Item-quality linter: the item-writing flaws that test-wise candidates exploit and reviewers look for.

Each rule has a code, a severity and a one-line reason; every finding names the file, line and
column. Structural flaws are errors (the item is broken or gives itself away); statistical patterns
across a bank are warnings (worth a look, not always wrong).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.questions import LETTERS, ItemKind, Question, QuestionBankFile
from ctoprep.core.problems import ContentError, Problem, Severity
from ctoprep.formats.loading import validate_document
from ctoprep.formats.toml_source import TomlDocument, load_toml

MIN_OPTIONS = 3
LONGEST_KEY_SHARE_LIMIT = 0.35
"""Warn when the key is the (strictly) longest option in more than this share of a bank's items."""
LONGEST_KEY_RATIO = 1.6
"""Warn on an item whose key is this many times longer than its longest distractor."""
SHORTEST_KEY_SHARE_LIMIT = 0.35
"""Warn when the key is the (strictly) shortest option in more than this share of a bank's items."""
POSITION_MIN_ITEMS = 16
CUE_MIN_OPTIONS = 12
"""A cue word is judged only once this many options of a bank carry it."""
CUE_GROUPS = {
    "a justification clause (since, because, as it, given that)": re.compile(
        r"\b(since|because|as it|given that)\b", re.IGNORECASE
    ),
    "an absolute word (always, never, all, every, only, must, none, entirely, completely)": re.compile(
        r"\b(always|never|all|every|only|must|none|entirely|completely)\b", re.IGNORECASE
    ),
}
"""Words that, when they mark distractors far more than keys, let a candidate rule options out unread."""
STRATEGY_SHARE_LIMIT = 0.35
"""Warn when a combined option-only strategy (rule out cue words, pick by length) scores above this."""
NEAR_DUPLICATE = 0.7
"""Jaccard similarity of word 3-gram shingles above which two stems are near-duplicates."""
FORMS_WANTED = 3

RULES = {
    "Q001": "too few options",
    "Q002": "duplicate options",
    "Q003": "'all of the above' / 'none of the above'",
    "Q004": "missing explanation",
    "Q005": "option without a 'why'",
    "Q006": "negative stem not marked in capitals",
    "Q007": "duplicate stem",
    "Q008": "near-duplicate stem",
    "Q009": "key repeats the stem's words that no distractor does",
    "Q010": "key much longer than every distractor",
    "Q011": "key is the longest option too often",
    "Q012": "answer positions unbalanced",
    "Q013": "skill with no questions",
    "Q014": "blueprint coverage short of a mock exam",
    "Q015": "key is the shortest option too often",
    "Q016": "a cue word marks distractors far more often than keys",
    "Q017": "ruling out cue words, then picking by length, beats chance",
    "Q018": "every distractor is extreme or passive and the key is not",
    "Q019": "an item uses a retired id",
    "Q020": "too few knowledge items",
}

EXTREME_OR_PASSIVE = re.compile(
    r"\b(ban|bans|banning|banned|prohibit\w*|forbid\w*|refus\w*|declin\w* to|ignor\w*|disciplin\w*|"
    r"punish\w*|reprimand\w*|terminat\w*|fire (?:the|them|him|her)|suspend\w*|revok\w*|"
    r"wait (?:until|for)|postpon\w*|defer\w*|put off|do nothing|take no action|no action|leave it|"
    r"shut (?:down|off)|block (?:all|every)|replace (?:all|every|everything|the entire|the whole)|"
    r"scrap\w*|abandon\w*|start over|from scratch)\b",
    re.IGNORECASE,
)
"""Markers of an extreme, punitive or passive option: the kind of distractor a test-wise reader rules out unread."""
KNOWLEDGE_SHARE_WANTED = 0.25
"""The share of items that must test specific knowledge (law, funding rules, standards, controls, finance)."""

_ABOVE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(not|except|least (?:likely|appropriate|effective|useful|important))\b", re.IGNORECASE)
_NEGATIVE_MARKED = re.compile(r"\b(NOT|EXCEPT|LEAST)\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_STOP = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "must",
        "no",
        "of",
        "on",
        "one",
        "or",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "district",
        "districts",
        "school",
        "schools",
        "technology",
        "leader",
        "leaders",
        "best",
        "first",
        "next",
    )
)


@dataclass(frozen=True)
class LintedQuestion:
    question: Question
    index: int
    doc: TomlDocument


@dataclass
class LintReport:
    problems: list[Problem]
    questions: int
    files: int

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def counts(self) -> Counter[str]:
        return Counter(p.message.split("]", 1)[0].lstrip("[") for p in self.problems)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text) if len(w) >= 4 and w not in _STOP}


def _norm(text: str) -> str:
    return " ".join(_words(text))


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = _words(text)
    if len(words) < 3:
        return frozenset({tuple(words)})
    return frozenset(tuple(words[i : i + 3]) for i in range(len(words) - 2))


def question_sentence(stem: str) -> str:
    """The sentence that asks: the last one ending in '?', else the last sentence."""
    sentences = [s for s in _SENTENCE.split(stem.strip()) if s]
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return (asking or sentences or [""])[-1]


def _problem(
    item: LintedQuestion, key: tuple[str | int, ...], code: str, message: str, hint: str = "", *, warning: bool = False
) -> Problem:
    return item.doc.problem(("questions", item.index, *key), f"[{code}] {message}", hint, warning=warning)


def lint_question(item: LintedQuestion) -> list[Problem]:
    """Rules that look at one item on its own."""
    q = item.question
    out: list[Problem] = []
    if len(q.options) < MIN_OPTIONS:
        out.append(
            _problem(
                item,
                ("options",),
                "Q001",
                f"{q.id}: only {len(q.options)} options",
                f"give at least {MIN_OPTIONS}: one key and plausible distractors",
            )
        )
    seen: dict[str, int] = {}
    for i, option in enumerate(q.options):
        norm = _norm(option.text)
        if norm in seen:
            out.append(
                _problem(
                    item,
                    ("options", i, "text"),
                    "Q002",
                    f"{q.id}: option {LETTERS[i]} repeats option {LETTERS[seen[norm]]}",
                )
            )
        seen.setdefault(norm, i)
        if _ABOVE.search(option.text):
            out.append(
                _problem(
                    item,
                    ("options", i, "text"),
                    "Q003",
                    f"{q.id}: option {LETTERS[i]} is an 'of the above' option",
                    "it rewards partial knowledge; write a real alternative",
                )
            )
        if not option.why.strip():
            out.append(
                _problem(
                    item,
                    ("options", i),
                    "Q005",
                    f"{q.id}: option {LETTERS[i]} has no 'why'",
                    "say why it is right or why it is wrong",
                    warning=True,
                )
            )
    if not q.explanation.strip():
        out.append(
            _problem(
                item,
                ("explanation",),
                "Q004",
                f"{q.id}: no explanation of the key",
                "explain why the key is the best answer",
            )
        )
    negative = _NEGATIVE.search(question_sentence(q.stem))
    if negative and not _NEGATIVE_MARKED.search(negative.group()):
        # 'except' almost always makes a negative stem; 'not' often belongs to the scenario instead
        certain = negative.group().lower() == "except"
        hint = "if the key is the option that does NOT apply, write NOT / EXCEPT in capitals; otherwise rephrase"
        message = f"{q.id}: the question asks with {negative.group()!r} in lower case"
        out.append(_problem(item, ("stem",), "Q006", message, hint, warning=not certain))
    key = q.options[q.key_index].text
    distractors = [o.text for i, o in enumerate(q.options) if i != q.key_index]
    if distractors:
        stem_words = _content_words(q.stem)
        in_key = stem_words & _content_words(key)
        in_distractors = set().union(*(_content_words(d) for d in distractors)) & stem_words
        clues = sorted(in_key - in_distractors)
        if len(clues) >= 2:
            out.append(
                _problem(
                    item,
                    ("answer",),
                    "Q009",
                    f"{q.id}: only the key repeats the stem's words {', '.join(repr(c) for c in clues[:4])}",
                    "reword the key or echo those words in a distractor",
                    warning=True,
                )
            )
        longest_distractor = max(len(d) for d in distractors)
        if len(key) > LONGEST_KEY_RATIO * longest_distractor and len(key) - longest_distractor > 30:
            out.append(
                _problem(
                    item,
                    ("answer",),
                    "Q010",
                    f"{q.id}: the key is {len(key) / longest_distractor:.1f}x as long as any distractor",
                    "make the distractors as specific as the key",
                    warning=True,
                )
            )
    markers = [bool(EXTREME_OR_PASSIVE.search(o.text)) for o in q.options]
    distractor_marks = [m for i, m in enumerate(markers) if i != q.key_index]
    if len(distractor_marks) >= 2 and all(distractor_marks) and not markers[q.key_index]:
        out.append(
            _problem(
                item,
                ("answer",),
                "Q018",
                f"{q.id}: every distractor is extreme or passive (ban, refuse, wait until, ignore, discipline, "
                "replace everything, ...) and the key is not",
                "a reader picks the one measured option without the stem; make at least one distractor a sound "
                "action that is wrong for a reason the stem gives",
                warning=True,
            )
        )
    return out


def lint_retired(items: Sequence[LintedQuestion], retired: Sequence[str]) -> list[Problem]:
    """Q019: a retired id belongs to a question that was replaced; reusing it would mix two questions' history."""
    gone = set(retired)
    return [
        _problem(
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


def _pick_by_length(texts: Sequence[str], key: int, pick: Callable[[Sequence[int]], int]) -> float:
    """The chance that a candidate who rules out cue-word options, then picks by length, picks the key.

    Options carrying a cue word are set aside unless every option carries one; ties split the chance.
    """
    clean = [i for i, t in enumerate(texts) if not any(p.search(t) for p in CUE_GROUPS.values())]
    candidates = clean or list(range(len(texts)))
    lengths = [len(texts[i]) for i in candidates]
    best = pick(lengths)
    chosen = [i for i, length in zip(candidates, lengths, strict=True) if length == best]
    return 1 / len(chosen) if key in chosen else 0.0


def _lint_combined_strategies(
    items: Sequence[LintedQuestion], longest: int, shortest: int, p_chance: float
) -> list[Problem]:
    """Q017: cue words and length together can beat chance when neither does alone.

    Reported only when the combination scores more than length alone, so a file is not warned twice
    for the same cue.
    """
    n = len(items)
    if n < POSITION_MIN_ITEMS:
        return []
    out: list[Problem] = []
    for which, pick, alone in (("shortest", min, shortest), ("longest", max, longest)):
        hits = sum(_pick_by_length([o.text for o in it.question.options], it.question.key_index, pick) for it in items)
        share = hits / n
        if share > STRATEGY_SHARE_LIMIT and hits > alone and _binomial_tail(n, math.floor(hits), p_chance) < 0.01:
            first = items[0]
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q017] ruling out options with a cue word, then picking the {which} of the rest, "
                    f"finds the key in {share:.0%} of {n} items (chance is about {p_chance:.0%})",
                    "the cue words and option lengths together point to the key; "
                    "vary the lengths of cue-free options and put cue words in keys too",
                    warning=True,
                )
            )
    return out


def _binomial_tail(n: int, k: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


def _binomial_head(n: int, k: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))


def lint_bank_patterns(items: Sequence[LintedQuestion]) -> list[Problem]:
    """Patterns across the items of one file: option-length bias, cue words and answer positions.

    Each is a way to beat chance without reading the stem: pick the longest (or shortest) option, or
    rule out options that carry a word the writers mostly put in distractors.
    """
    if not items:
        return []
    out: list[Problem] = []
    first = items[0]
    n = len(items)
    longest = shortest = 0
    chance = 0.0
    cue_options = dict.fromkeys(CUE_GROUPS, 0)
    cue_keys = dict.fromkeys(CUE_GROUPS, 0)
    for it in items:
        texts = [o.text for o in it.question.options]
        lengths = [len(t) for t in texts]
        key = it.question.key_index
        if lengths.count(max(lengths)) == 1 and lengths[key] == max(lengths):
            longest += 1
        if lengths.count(min(lengths)) == 1 and lengths[key] == min(lengths):
            shortest += 1
        chance += 1 / len(lengths)
        for name, pattern in CUE_GROUPS.items():
            for i, text in enumerate(texts):
                if pattern.search(text):
                    cue_options[name] += 1
                    cue_keys[name] += i == key
    p_chance = chance / n
    out.extend(_lint_combined_strategies(items, longest, shortest, p_chance))
    for code, count, limit, which, hint in (
        ("Q011", longest, LONGEST_KEY_SHARE_LIMIT, "longest", "test-wise candidates pick the longest option"),
        ("Q015", shortest, SHORTEST_KEY_SHARE_LIMIT, "shortest", "padding distractors makes the short one stand out"),
    ):
        share = count / n
        if n >= POSITION_MIN_ITEMS and share > limit and _binomial_tail(n, count, p_chance) < 0.05:
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[{code}] the key is the {which} option in {count} of {n} items "
                    f"({share:.0%}; chance is about {p_chance:.0%})",
                    f"{hint}; even out option lengths",
                    warning=True,
                )
            )
    for name in CUE_GROUPS:
        carrying, keys = cue_options[name], cue_keys[name]
        if (
            carrying >= CUE_MIN_OPTIONS
            and keys < carrying * p_chance / 2
            and _binomial_head(carrying, keys, p_chance) < 0.01
        ):
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q016] {name} is in {carrying} options but only {keys} of them are keys "
                    f"({keys / carrying:.0%}; chance is about {p_chance:.0%})",
                    "candidates rule those options out unread; drop it from distractors or use it in keys too",
                    warning=True,
                )
            )
    if n >= POSITION_MIN_ITEMS:
        counts = Counter(it.question.answer for it in items)
        width = max(len(it.question.options) for it in items)
        letters = LETTERS[:width]
        expected = n / width
        chi2 = sum((counts.get(letter, 0) - expected) ** 2 / expected for letter in letters)
        # critical values of chi-square at p = 0.01 for 1..7 degrees of freedom
        critical = {1: 6.63, 2: 9.21, 3: 11.34, 4: 13.28, 5: 15.09, 6: 16.81, 7: 18.48}[width - 1]
        if chi2 > critical:
            spread = ", ".join(f"{letter} {counts.get(letter, 0)}" for letter in letters)
            out.append(
                first.doc.problem(
                    ("bank",),
                    f"[Q012] answer positions are unbalanced ({spread})",
                    "move keys so each position is used about equally",
                    warning=True,
                )
            )
    return out


def lint_duplicates(items: Sequence[LintedQuestion]) -> list[Problem]:
    """Identical stems (error) and near-identical ones (warning), across every file given."""
    out: list[Problem] = []
    by_norm: dict[str, LintedQuestion] = {}
    shingles: list[tuple[LintedQuestion, frozenset[tuple[str, ...]]]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for it in items:
        norm = _norm(it.question.stem)
        if norm in by_norm:
            other = by_norm[norm]
            out.append(
                _problem(
                    it,
                    ("stem",),
                    "Q007",
                    f"{it.question.id}: same stem as {other.question.id}",
                    "each item needs its own scenario",
                )
            )
            continue
        by_norm[norm] = it
        sh = _shingles(it.question.stem)
        candidates: Counter[int] = Counter()
        for s in sh:
            for j in index[s]:
                candidates[j] += 1
        for j, common in candidates.items():
            other, other_sh = shingles[j]
            similarity = common / len(sh | other_sh)
            if similarity >= NEAR_DUPLICATE:
                out.append(
                    _problem(
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


def lint_files(paths: Sequence[Path], framework: Framework | None) -> LintReport:
    """Lint bank files; with their framework, also coverage rules. Unreadable files become problems."""
    problems: list[Problem] = []
    all_items: list[LintedQuestion] = []
    retired: list[str] = []
    for path in paths:
        try:
            doc = load_toml(Path(path))
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
