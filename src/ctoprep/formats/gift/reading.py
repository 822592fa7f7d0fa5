"""Reading GIFT: each block becomes a question draft, a skipped item, or a problem with its place.

``read_gift`` walks the blocks (``$CATEGORY`` lines, the size limit), ``_Reader.question`` finds
the title, format, stem and the one ``{...}`` answer block and tells the question types apart;
multiple choice and true/false become :class:`QuestionDraft` values, other types are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctoprep.core.problems import Problem
from ctoprep.formats.common import clean_text
from ctoprep.formats.gift.blocks import _Block, _blocks, _meta
from ctoprep.formats.gift.text import _FORMAT_PREFIX, _WEIGHT, _plain
from ctoprep.formats.question_drafts import (
    DraftOption,
    ParsedQuestions,
    QuestionDraft,
    Skipped,
    category_segments,
)

MAX_QUESTION_CHARS = 200_000
"""A question (stem, options, feedback) longer than this is refused: real ones are far shorter."""


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
