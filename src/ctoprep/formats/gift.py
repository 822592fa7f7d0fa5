"""Moodle GIFT: read multiple-choice and true/false questions, write a bank Moodle can import.

Read as Moodle reads it (question/format/gift/format.php): questions are separated by blank
lines; ``//`` lines are comments; ``$CATEGORY: a/b/c`` sets the category of the questions after
it; ``::title::`` names a question; ``[html]``, ``[markdown]``, ``[plain]`` or ``[moodle]`` sets
the text format; answers sit in one ``{...}``: ``=`` the right one, ``~`` wrong ones, ``~%50%``
weights, ``#`` feedback per answer, ``####`` general feedback; ``\\~ \\= \\# \\{ \\} \\: \\\\``
escape the special characters and ``\\n`` is a line break.

Multiple choice with exactly one fully right answer and true/false are imported (feedback becomes
``why`` and the explanation, the category a skill or a tag). Essay, short answer, numerical,
matching, multiple-answer and description items are listed and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from ctoprep.core.models.questions import Question
from ctoprep.core.problems import Problem
from ctoprep.formats.common import clean_text
from ctoprep.formats.question_drafts import (
    DraftOption,
    ParsedQuestions,
    QuestionDraft,
    Skipped,
    category_segments,
)

SPECIAL = "{}~=#:"
_ESCAPES = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
_TOKEN = re.compile(r"\\[\\:#={}~n]|[{}~=#:]|[^\\{}~=#:]+|\\")
_FORMATS = ("html", "moodle", "plain", "markdown")
_FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_HTML_TAG = re.compile(
    r"</?(p|br|b|i|u|em|strong|span|div|ul|ol|li|img|a|sub|sup|table|tr|td|th|h[1-6]|code|pre|font|hr)\b[^>]*>",
    re.IGNORECASE,
)
_META = "ctoprep"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
MAX_QUESTION_CHARS = 200_000
"""A question (stem, options, feedback) longer than this is refused: real ones are far shorter."""


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    special: bool
    line: int
    col: int


class _Block:
    """One question's lines as tokens, with escapes resolved and special characters marked."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.tokens: list[_Token] = []
        for lineno, line in lines:
            for match in _TOKEN.finditer(line):
                raw = match.group()
                col = match.start() + 1
                if raw.startswith("\\") and len(raw) == 2:
                    self.tokens.append(_Token(_ESCAPES[raw[1]], False, lineno, col))
                else:
                    self.tokens.append(_Token(raw, len(raw) == 1 and raw in SPECIAL, lineno, col))
            self.tokens.append(_Token("\n", False, lineno, len(line) + 1))
        self.start_line = lines[0][0] if lines else 0

    def text(self, start: int, end: int) -> str:
        return "".join(t.text for t in self.tokens[start:end])

    def find(self, char: str, start: int, end: int | None = None) -> int:
        stop = len(self.tokens) if end is None else end
        for i in range(start, stop):
            token = self.tokens[i]
            if token.special and token.text == char:
                return i
        return -1

    def rfind_run(self, char: str, count: int, start: int, end: int) -> int:
        for i in range(end - count, start - 1, -1):
            if all(self.tokens[i + k].special and self.tokens[i + k].text == char for k in range(count)):
                return i
        return -1

    def where(self, index: int) -> tuple[int, int]:
        if not self.tokens:
            return self.start_line, 1
        token = self.tokens[min(max(index, 0), len(self.tokens) - 1)]
        return token.line, token.col

    def skip_space(self, start: int, end: int) -> int:
        while start < end and not self.tokens[start].special and not self.tokens[start].text.strip():
            start += 1
        return start


class _TextOnly(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})
    _SILENT = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SILENT:
            self.silent += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SILENT:
            self.silent = max(0, self.silent - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.silent:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, paragraphs kept as lines."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _plain(text: str, fmt: str | None) -> str:
    """One piece of question text in the question's format, as plain text."""
    own = _FORMAT_PREFIX.match(text)
    if own:
        fmt = own.group(1)
        text = text[own.end() :]
    if fmt == "html" or (fmt in (None, "moodle") and _HTML_TAG.search(text)):
        text = html_to_text(text)
    return clean_text(text)


def _blocks(text: str) -> Iterator[tuple[list[tuple[int, str]], list[tuple[int, str]]]]:
    """(question lines, comment lines) per blank-line-separated block."""
    lines: list[tuple[int, str]] = []
    comments: list[tuple[int, str]] = []
    for lineno, raw in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = raw.strip()
        if not stripped:
            if lines or comments:
                yield lines, comments
            lines, comments = [], []
        elif stripped.startswith("//"):
            comments.append((lineno, stripped[2:].strip()))
        else:
            lines.append((lineno, raw))
    if lines or comments:
        yield lines, comments


_ID_TAG = re.compile(r"\[(id|tag):([^\]]+)\]")


def _moodle_meta(comments: list[tuple[int, str]]) -> tuple[str, tuple[str, ...]]:
    """The id and tags of Moodle's ``// [id:...]`` and ``// [tag:...]`` comments (Moodle 3.4 and later)."""
    found_id = ""
    tags: list[str] = []
    for _, comment in comments:
        for kind, value in _ID_TAG.findall(comment):
            value = value.strip()
            if kind == "id" and value and not found_id:
                found_id = value
            elif kind == "tag" and value and value not in tags:
                tags.append(value)
    return found_id, tuple(tags)


def _meta(comments: list[tuple[int, str]]) -> dict[str, object]:
    moodle_id, moodle_tags = _moodle_meta(comments)
    extra: dict[str, object] = {}
    if moodle_id:
        extra["id"] = moodle_id
    if moodle_tags:
        extra["tags"] = list(moodle_tags)
    for _, comment in comments:
        if comment.startswith(_META + " "):
            try:
                data = json.loads(comment[len(_META) + 1 :])
            except (ValueError, RecursionError):
                return {}
            return data if isinstance(data, dict) else extra
    return extra


@dataclass(frozen=True, slots=True)
class _Head:
    line: int
    stem: str
    title: str
    category: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.title or f"question at line {self.line}"


class _Reader:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.result = ParsedQuestions()
        self.category: tuple[str, ...] = ()

    def error(self, block: _Block, index: int, message: str, hint: str = "") -> None:
        line, col = block.where(index)
        self.result.problems.append(Problem(self.shown, message, line=line, col=col, hint=hint))

    def skip(self, line: int, title: str, reason: str) -> None:
        self.result.skipped.append(Skipped(line, title, reason))

    def read(self, text: str) -> ParsedQuestions:
        for lines, comments in _blocks(text):
            if not lines:
                continue
            first = lines[0][1].strip()
            if first.startswith("$CATEGORY:"):
                self.category = category_segments(first[len("$CATEGORY:") :])
                lines = lines[1:]
                if not lines:
                    continue
            size = sum(len(line) for _, line in lines)
            if size > MAX_QUESTION_CHARS:
                self.result.problems.append(
                    Problem(
                        self.shown,
                        f"question is too long ({size:,} characters; the limit is {MAX_QUESTION_CHARS:,})",
                        line=lines[0][0],
                        col=1,
                        hint="is a blank line missing between two questions?",
                    )
                )
                continue
            self.question(_Block(lines), _meta(comments))
        return self.result

    def question(self, block: _Block, meta: dict[str, object]) -> None:
        tokens = block.tokens
        end = len(tokens)
        while end > 0 and not tokens[end - 1].special and not tokens[end - 1].text.strip():
            end -= 1
        i = block.skip_space(0, end)
        title = ""
        if self.is_pair(block, i, ":", end):
            close = next((j for j in range(i + 2, end - 1) if self.is_pair(block, j, ":", end)), -1)
            if close < 0:
                self.error(block, i, "'::' opens a question title that is never closed", "write ::title::")
                return
            title = clean_text(block.text(i + 2, close), single_line=True)
            i = block.skip_space(close + 2, end)
        match = _FORMAT_PREFIX.match(block.text(i, min(i + 2, end)))
        fmt = match.group(1) if match else None
        label = title or f"question at line {block.start_line}"
        open_at = block.find("{", i, end)
        close_at = block.find("}", i, end)
        if open_at < 0 and close_at < 0:
            self.skip(block.start_line, label, "a description (text with no answers), not a question")
            return
        if open_at < 0 or (0 <= close_at < open_at):
            self.error(block, close_at, "'}' without an opening '{'", "escape a literal brace as \\}")
            return
        if close_at < 0:
            self.error(block, open_at, "'{' is never closed", "end the answers with '}'; escape a literal brace as \\{")
            return
        nested = block.find("{", open_at + 1, close_at)
        if nested >= 0:
            self.error(block, nested, "'{' inside the answers", "escape a literal brace as \\{")
            return
        for extra in (block.find("{", close_at + 1, end), block.find("}", close_at + 1, end)):
            if extra >= 0:
                # Moodle reads such a question as an embedded-answers (cloze) one: skip it, keep the rest
                self.skip(block.start_line, label, "two '{...}' answer blocks (a cloze question)")
                return
        after = block.text(close_at + 1, end)
        # Moodle's missing-word format: text after the answers means the answers fill a blank
        stem = _plain((block.text(i, open_at) + ("_____" + after if after.strip() else "")).strip(), fmt)
        if not stem:
            self.error(block, i, "the question has no text before its answers")
            return
        head = _Head(block.start_line, stem, title, self.category)
        a_start = block.skip_space(open_at + 1, close_at)
        a_end = close_at
        while a_end > a_start and not tokens[a_end - 1].special and not tokens[a_end - 1].text.strip():
            a_end -= 1
        if a_start >= a_end:
            self.skip(head.line, label, "an essay question (no answers); ctoprep has multiple choice only")
            return
        if tokens[a_start].special and tokens[a_start].text == "#":
            self.skip(head.line, label, "a numerical question; ctoprep has multiple choice only")
            return
        general: str | None = None
        gf_at = block.rfind_run("#", 4, a_start, a_end)
        if gf_at >= 0:
            general = _plain(block.text(gf_at + 4, a_end).strip(), fmt)
            a_end = gf_at
        specials = {tokens[k].text for k in range(a_start, a_end) if tokens[k].special}
        if "~" in specials:
            self.multiple_choice(block, a_start, a_end, fmt, general, head, meta)
        elif "=" in specials and "->" in block.text(a_start, a_end):
            self.skip(head.line, label, "a matching question; ctoprep has multiple choice only")
        else:
            hash_at = block.find("#", a_start, a_end)
            word = block.text(a_start, hash_at if hash_at >= 0 else a_end).strip()
            if word in ("T", "TRUE", "F", "FALSE"):
                self.true_false(block, a_start, a_end, word, fmt, general, head, meta)
            else:
                self.skip(head.line, label, "a short-answer question; ctoprep has multiple choice only")

    @staticmethod
    def is_pair(block: _Block, index: int, char: str, end: int) -> bool:
        tokens = block.tokens
        return (
            index + 1 < end
            and tokens[index].special
            and tokens[index + 1].special
            and tokens[index].text == char
            and tokens[index + 1].text == char
        )

    def multiple_choice(
        self,
        block: _Block,
        start: int,
        end: int,
        fmt: str | None,
        general: str | None,
        head: _Head,
        meta: dict[str, object],
    ) -> None:
        tokens = block.tokens
        markers = [k for k in range(start, end) if tokens[k].special and tokens[k].text in "=~"]
        if block.text(start, markers[0]).strip():
            self.error(block, start, "text before the first answer", "each answer starts with = (right) or ~ (wrong)")
            return
        options: list[DraftOption] = []
        weights: list[float] = []
        for n, marker in enumerate(markers):
            stop = markers[n + 1] if n + 1 < len(markers) else end
            hash_at = block.find("#", marker + 1, stop)
            answer_text = block.text(marker + 1, hash_at if hash_at >= 0 else stop).strip()
            feedback = block.text(hash_at + 1, stop).strip() if hash_at >= 0 else ""
            weight = 100.0 if tokens[marker].text == "=" else 0.0
            found = _WEIGHT.match(answer_text)
            if found:  # '~%50%' and also '=%100%', which Moodle's own exporter writes: the weight is not text
                try:
                    weight = float(found.group(1))
                except ValueError:
                    weight = 0.0
                if tokens[marker].text == "=" and weight <= 0:
                    weight = 100.0  # '=' marks the right answer whatever number follows
                answer_text = answer_text[found.end() :].strip()
            text = _plain(answer_text, fmt)
            if not text:
                self.error(block, marker, "an answer with no text")
                return
            options.append(DraftOption(text, _plain(feedback, fmt)))
            weights.append(weight)
        right = [k for k, w in enumerate(weights) if w >= 99.99]
        partial = [k for k, w in enumerate(weights) if 0 < w < 99.99]
        if len(right) > 1:
            self.skip(head.line, head.label, "more than one fully right answer (a multiple-answer question)")
            return
        if not right:
            if partial:
                self.skip(head.line, head.label, "partial weights and no single right answer (multiple-answer)")
                return
            self.error(block, start, "no right answer", "mark the right answer with = (or ~%100%)")
            return
        notes = [f"partial credit of option {chr(65 + k)} was dropped" for k in partial]
        key = right[0]
        explanation = options[key].why if general is None else general
        self.result.drafts.append(_draft(head, options, key, explanation, meta, notes))

    def true_false(
        self,
        block: _Block,
        start: int,
        end: int,
        word: str,
        fmt: str | None,
        general: str | None,
        head: _Head,
        meta: dict[str, object],
    ) -> None:
        # {T#feedback if they answer wrongly#feedback if they answer rightly}, as in Moodle
        hashes = [k for k in range(start, end) if block.tokens[k].special and block.tokens[k].text == "#"][:2]
        wrong = block.text(hashes[0] + 1, hashes[1] if len(hashes) > 1 else end).strip() if hashes else ""
        right = block.text(hashes[1] + 1, end).strip() if len(hashes) > 1 else ""
        truth = word in ("T", "TRUE")
        right_text, wrong_text = _plain(right, fmt), _plain(wrong, fmt)
        options = [
            DraftOption("True", right_text if truth else wrong_text),
            DraftOption("False", wrong_text if truth else right_text),
        ]
        explanation = right_text if general is None else general
        self.result.drafts.append(_draft(head, options, 0 if truth else 1, explanation, meta, []))


def _draft(
    head: _Head,
    options: list[DraftOption],
    key: int,
    explanation: str,
    meta: dict[str, object],
    notes: list[str],
) -> QuestionDraft:
    def strings(value: object) -> tuple[str, ...]:
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    difficulty = meta.get("difficulty")
    cognitive = meta.get("cognitive")
    kind = meta.get("kind")
    meta_id = meta.get("id")
    return QuestionDraft(
        line=head.line,
        stem=head.stem,
        options=options,
        answer=key,
        explanation=explanation,
        title=meta_id if isinstance(meta_id, str) and meta_id else head.title,
        category=head.category,
        skills=strings(meta.get("skills")),
        tags=strings(meta.get("tags")),
        difficulty=difficulty if isinstance(difficulty, int) and not isinstance(difficulty, bool) else None,
        cognitive=cognitive if isinstance(cognitive, str) else None,
        kind=kind if isinstance(kind, str) else None,
        notes=notes,
    )


def read_gift(text: str, shown: str) -> ParsedQuestions:
    """Parse GIFT text; ``shown`` names the file in problems."""
    return _Reader(shown).read(text)


# writing ---------------------------------------------------------------------------------------


def unwrap(text: str) -> str:
    """Text with the bank files' hard line breaks joined: paragraphs and list items keep their breaks.

    The TOML banks wrap long lines for reading; in Moodle such a break would split a sentence.
    """
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    out = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.split("\n"):
            stripped = line.strip()
            if lines and not re.match(r"^([-*\u2022]|\d+[.)])\s", stripped):
                lines[-1] += " " + stripped
            else:
                lines.append(stripped)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped and line breaks as ``\\n``."""
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _piece(text: str) -> str:
    """One escaped text piece; a ``[plain]`` prefix keeps a leading ``[word]`` from being read as a format."""
    escaped = escape(text)
    return "[plain]" + escaped if text.startswith("[") else escaped


def _answer(text: str) -> str:
    escaped = _piece(text)
    # a wrong answer starting with %n% would be read as a weight: an explicit %0% keeps the text intact
    return "%0%" + escaped if _WEIGHT.match(text) else escaped


def question_to_gift(question: Question, *, category: str | None = None) -> str:
    """One question in GIFT, with its metadata in a ``// ctoprep {...}`` comment Moodle ignores."""
    meta = {
        "id": question.id,
        "skills": list(question.skills),
        "difficulty": question.difficulty,
        "cognitive": question.cognitive.value,
        "kind": question.kind.value,
        "tags": list(question.tags),
    }
    lines = []
    if category:
        lines += [f"$CATEGORY: {category}", ""]
    lines.append(f"// {_META} {json.dumps(meta, ensure_ascii=False)}")
    lines.append(f"::{escape(question.id)}::[plain]{escape(unwrap(question.stem))} {{")
    for index, option in enumerate(question.options):
        text = unwrap(option.text)
        if index == question.key_index:
            line = f"\t={'%100%' if _WEIGHT.match(text) else ''}{_piece(text)}"
        else:
            line = f"\t~{_answer(text)}"
        if option.why:
            line += f"#{_piece(unwrap(option.why))}"
        lines.append(line)
    if question.explanation or question.options[question.key_index].why:
        # an empty general feedback keeps the key's feedback from being read as the explanation
        lines.append(f"\t####{_piece(unwrap(question.explanation))}".rstrip())
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_gift(questions: Iterable[Question], *, categories: dict[str, str] | None = None, header: str = "") -> str:
    """A GIFT file of ``questions``; ``categories`` maps question id -> Moodle category path."""
    parts: list[str] = []
    if header:
        parts.append("".join(f"// {line}\n" for line in header.splitlines()))
    current: str | None = None
    for question in questions:
        category = (categories or {}).get(question.id)
        parts.append(question_to_gift(question, category=category if category != current else None))
        current = category or current
    return "\n".join(parts)
