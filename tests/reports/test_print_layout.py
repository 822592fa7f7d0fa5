"""The HTML report on paper: a summary first, an appendix that prints only when asked for (#18.14)."""

from __future__ import annotations

import re

from tests.reports.test_renderers import context


def test_summary_then_an_optional_appendix() -> None:
    from ctoprep.reports.html import render_html

    report_context = context(plan=True, person="Ana")
    page = render_html(report_context)
    summary, _, appendix = page.partition('<div class="appendix">')
    assert appendix, "the long lists go into an appendix"
    # the summary holds the top gaps only; every other gap and the left-out activities are in the appendix
    assert len(re.findall(r'<tr><td class="n">\d+</td>', summary)) <= report_context.top
    assert "#print-appendix:not(:checked) ~ .appendix { display: none; }" in page
    assert 'id="print-appendix"' in summary
    assert ".scroll { overflow: visible; }" in page  # tables may break across pages when printed
