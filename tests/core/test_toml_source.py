"""The key-path locator that turns validation errors into line numbers."""

from __future__ import annotations

import pytest

from ctoprep.formats.toml_source import KeyLocator

DOC = '''\
# comment
title = "x"   # trailing
[meta]
"quoted key" = 1
dotted.key = 2
text = """
[not.a.table]
still = "text"
"""
[[questions]]
id = "a"
options = [
  "one",   # first
  { text = "two", why = 'w' },
]
[[questions]]
id = "b"
[[questions.options]]
text = "b1"
[[questions.options]]
text = "b2"
inline = { a = 1, b = [1, 2] }
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("title",), 2),
        (("meta",), 3),
        (("meta", "quoted key"), 4),
        (("meta", "dotted", "key"), 5),
        (("meta", "text"), 6),
        (("questions", 0), 10),
        (("questions", 0, "options", 0), 13),
        (("questions", 0, "options", 1, "why"), 14),
        (("questions", 1, "id"), 17),
        (("questions", 1, "options", 1, "text"), 21),
        (("questions", 1, "options", 1, "inline", "b", 1), 22),
        (("questions", 1, "options", 1, "missing"), 20),
        (("nothing",), 1),
    ],
)
def test_locates_keys(path: tuple[str | int, ...], line: int) -> None:
    assert KeyLocator(DOC).locate(path)[0] == line


def test_column_is_one_based() -> None:
    assert KeyLocator("a = 1\n  b = 2\n").locate(("b",)) == (2, 3)
