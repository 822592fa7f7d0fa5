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

The package holds ``text`` (format prefixes, HTML to plain text, the markers reader and writer
share), ``blocks`` (blank-line blocks, tokens with escapes resolved, metadata comments),
``reading`` (``read_gift``: blocks into question drafts, skipped items and problems) and
``writing`` (``write_gift``: questions as GIFT). ``ctoprep.formats.gift`` re-exports the public names.
"""

from ctoprep.formats.gift.blocks import SPECIAL
from ctoprep.formats.gift.reading import MAX_QUESTION_CHARS, read_gift
from ctoprep.formats.gift.text import html_to_text
from ctoprep.formats.gift.writing import escape, question_to_gift, unwrap, write_gift

__all__ = [
    "MAX_QUESTION_CHARS",
    "SPECIAL",
    "escape",
    "html_to_text",
    "question_to_gift",
    "read_gift",
    "unwrap",
    "write_gift",
]
