from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ctoprep.core.text import printable


def test_escape_sequences_become_visible() -> None:
    assert printable("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert printable("a\x07b") == "a␇b"
    assert printable("bidi\u202eevil") == "bidi<U+202E>evil"


def test_newlines_kept_or_flattened() -> None:
    assert printable("a\nb") == "a\nb"
    assert printable("a\nb\tc", single_line=True) == "a b c"


@given(st.text())
def test_never_leaves_a_control_character(text: str) -> None:
    out = printable(text, single_line=True)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)


def test_reflow_joins_hand_wrapped_lines_and_keeps_paragraphs_and_lists() -> None:
    from ctoprep.core.text import reflow

    assert (
        reflow("A board member\nasks about phones.\n\nWhat now?\n") == "A board member asks about phones.\n\nWhat now?"
    )
    assert reflow("Options:\n- one\n- two") == "Options:\n- one\n- two"
