"""The cohort's JSON writer: indented to the row level, and always the same data as json.dumps."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.reports.cohort import _indented

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_indented_json_reads_back_as_the_same_value(value: Any) -> None:
    assert json.loads(_indented(value, 0)) == value


def test_rows_sit_one_per_line() -> None:
    doc = {"size": 2, "members": [{"label": "Ana", "cells": [1, 2]}, {"label": "Ben", "cells": []}]}
    assert _indented(doc, 0).splitlines() == [
        "{",
        '  "size": 2,',
        '  "members": [',
        '    {"label": "Ana", "cells": [1, 2]},',
        '    {"label": "Ben", "cells": []}',
        "  ]",
        "}",
    ]
