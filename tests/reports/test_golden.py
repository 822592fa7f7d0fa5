"""The report's Markdown and HTML against golden files, and the two formats showing the same view.

Rewrite the golden files after a deliberate change with ``CTOPREP_UPDATE_GOLDEN=1 pytest tests/reports``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date
from pathlib import Path

import pytest

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.models.framework_json import from_json_dict, to_json_dict
from ctoprep.core.planning import PlanLimits
from ctoprep.reports import ReportContext, prepare
from ctoprep.reports.html import render_html
from ctoprep.reports.markdown import render_markdown
from ctoprep.reports.view import build_view
from tests.conftest import run_fresh
from tests.core.engine_helpers import START, cosn_like

GOLDEN = Path(__file__).parent / "golden"
MARKUP = "<script>alert(1)</script> [b] **x**"


def fixture_context(*, top: int = 5) -> ReportContext:
    """The CoSN-shaped test framework with a small catalogue, fixed ratings and evidence, a plan, a fixed date."""
    data = to_json_dict(cosn_like(n_activities=12))
    data["categories"][0]["areas"][0]["skills"][0]["title"] = MARKUP  # a skill name with markup in it
    for i, target in enumerate(data["profiles"][0]["skill_targets"].values()):
        if i % 4 == 0:  # targets a level can rise above: strengths
            target.update({"min": 2, "max": 2})
    framework = from_json_dict(data)
    ratings = {
        s.id: Rating(level=(i * 3) % 5, evidence=f"portfolio {MARKUP}" if i % 5 == 0 else "")
        for i, s in enumerate(framework.skills)
        if i % 7 != 6
    }
    assessment = Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version),
        person="Ana [b] Ruiz",
        rater=Rater(role=RaterRole.SELF),
        ratings=ratings,
    )
    limits = PlanLimits(budget_usd=400, hours_per_month=6, months=4, start=START)
    ctx = prepare(framework, assessment, None, limits=limits, generated_on=date(2026, 3, 1), top=top)
    fixed = dataclasses.replace(assessment, updated_at=assessment.updated_at.replace(2026, 2, 20, 9, 0, 0, 0))
    return ReportContext(ctx.framework, fixed, ctx.scores, ctx.gaps, ctx.plan, ctx.generated_on, ctx.top)


@pytest.mark.parametrize(("name", "render"), [("report.md", render_markdown), ("report.html", render_html)])
def test_matches_the_golden_file(name: str, render: object) -> None:
    assert callable(render)
    out = render(fixture_context())
    path = GOLDEN / name
    if os.environ.get("CTOPREP_UPDATE_GOLDEN") == "1":
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{name} changed: CTOPREP_UPDATE_GOLDEN=1 rewrites it"


def _md_headings(text: str) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", h) for h in re.findall(r"^#{2,3} (.+)$", text, re.M)]


def _html_headings(page: str) -> list[str]:
    import html

    found = [html.unescape(h) for h in re.findall(r"<h[23]>(.*?)</h[23]>", page)]
    return [h for h in found if h != "The areas at a glance"]  # the chart: the tables carry the same numbers


def test_markdown_and_html_show_the_same_sections_and_rows() -> None:
    ctx = fixture_context(top=3)
    view = build_view(ctx)
    assert view.other_gaps
    assert view.strengths
    assert view.not_rated
    md, page = render_markdown(ctx), render_html(ctx)
    assert _md_headings(md) == _html_headings(page)
    assert "### Strengths" in md
    assert "<h3>Strengths</h3>" in page
    # as many strengths and gaps in each (the HTML used to list every strength, the Markdown only the top ones)
    strengths_md = md.split("### Strengths\n\n")[1].split("\n\n")[0].splitlines()
    strengths_html = page.split("<h3>Strengths</h3>")[1].split("</ul>")[0].count("<li>")
    assert len(strengths_md) == strengths_html == len(ctx.gaps.strengths if ctx.gaps else ())
    gap_rows_md = re.findall(r"^\| \d+ \| ", md, re.M)
    gap_rows_html = re.findall(r'<tr><td class="n">\d+</td>', page)
    assert len(gap_rows_md) == len(gap_rows_html) == view.all_gaps


def test_markup_from_files_and_people_is_escaped() -> None:
    md, page = render_markdown(fixture_context()), render_html(fixture_context())
    assert "<script>" not in page
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [b] **x**" in page  # shown as written
    assert "\\<script\\>alert(1)\\</script\\> \\[b\\] \\*\\*x\\*\\*" in md
    assert "Ana \\[b\\] Ruiz" in md
    assert "**x**" not in md.replace("\\*\\*x\\*\\*", "")


def test_rendering_is_where_jinja2_is_imported() -> None:

    code = (
        "import sys\n"
        "import ctoprep.reports.html, ctoprep.reports.markdown, ctoprep.reports.mentor, ctoprep.reports.cohort\n"
        "import ctoprep.reports.recert\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 imported before rendering'\n"
    )
    run_fresh(code)
