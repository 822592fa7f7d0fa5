"""The string builders: escaping of hostile text, the radar chart, and the pinned JSON shape."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rater, RaterRole, Rating
from ctoprep.core.planning import PlanLimits
from ctoprep.reports import ReportContext, prepare
from ctoprep.reports.html import render_html
from ctoprep.reports.json_shape import REPORT_SCHEMA_VERSION, render_json, report_document
from ctoprep.reports.markdown import md, render_markdown
from tests.core.engine_helpers import START, cosn_like

HOSTILE = "</td><script>alert(1)</script> | **bold** [x](http://evil) \x1b[31m"


def context(*, plan: bool = True, person: str = HOSTILE) -> ReportContext:
    framework = cosn_like(n_activities=30)
    ratings = {s.id: Rating(level=i % 5, evidence=HOSTILE if i == 0 else "") for i, s in enumerate(framework.skills)}
    assessment = Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version),
        person=person,
        rater=Rater(role=RaterRole.MENTOR, name=HOSTILE),
        ratings=ratings,
    )
    limits = PlanLimits(budget_usd=500, hours_per_month=8, months=6, start=START) if plan else None
    return prepare(framework, assessment, None, limits=limits, generated_on=date(2026, 11, 22))


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def test_html_escapes_what_people_wrote() -> None:
    page = render_html(context())
    parser = Collector()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "\x1b" not in page
    assert "␛[31m" in page  # the escape character made visible
    assert any("</td><script>alert(1)</script>" in t for t in parser.texts)  # shown as text, literally


def test_html_has_the_radar_chart_of_the_areas() -> None:
    page = render_html(context(plan=False))
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    assert svg.group().count("<text ") == 10  # one label per area
    assert svg.group().count("<circle ") == 10
    assert 'stroke-dasharray="6 4"' in svg.group()  # the target polygon
    assert "PD plan" not in page


def test_html_with_plan_has_timeline_and_left_out() -> None:
    ctx = context()
    assert ctx.plan is not None
    page = render_html(ctx)
    assert 'class="gantt"' in page
    assert page.count('class="m on"') == sum(p.months for p in ctx.plan.activities)
    assert "Left out" in page


def test_markdown_neutralises_markup() -> None:
    assert md("a | b") == "a \\| b"
    assert md("**x** [y](z) <b> `c` #h") == "\\*\\*x\\*\\* \\[y\\](z) \\<b\\> \\`c\\` \\#h"
    assert md("two\nlines") == "two lines"
    out = render_markdown(context())
    assert "<script>" not in out
    assert "\\<script\\>" in out
    for line in out.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") == line.count("|") - 2 - line.count("\\|")  # no stray cell breaks


TOP_LEVEL = ["format", "schema_version", "generated_by", "generated_on", "framework", "assessment", "scale",
             "profile", "scores", "gaps", "plan"]  # fmt: skip
GROUP = ["id", "title", "kind", "score", "mean_level", "rated", "total", "completeness", "with_evidence", "reliable",
         "reason", "weight", "parts"]  # fmt: skip
GAP = ["skill", "title", "area", "status", "current", "target", "gap", "excess", "importance", "exam_weight",
       "exam_factor", "adjustment", "priority", "reason"]  # fmt: skip
PLAN = ["profile", "limits", "totals", "activities", "months", "rerates", "left_out", "notes"]


def test_json_shape_is_pinned() -> None:
    """docs/scoring.md documents these keys: changing them needs a new schema_version."""
    doc = json.loads(render_json(context()))
    assert list(doc) == TOP_LEVEL
    assert doc["schema_version"] == REPORT_SCHEMA_VERSION == 1
    assert list(doc["scores"]) == ["overall", "exam", "content_areas", "categories", "areas", "pd_focuses", "skills"]
    assert list(doc["scores"]["overall"]) == GROUP
    assert list(doc["gaps"]) == ["skills", "strengths", "not_rated", "areas"]
    assert list(doc["gaps"]["skills"][0]) == GAP
    assert list(doc["plan"]) == PLAN
    assert list(doc["plan"]["totals"]) == [
        "cost_usd", "hours", "value", "gap_value", "share_closed", "optimal", "upper_bound",
    ]  # fmt: skip
    assert doc["plan"]["totals"]["cost_usd"] <= 500


@pytest.mark.parametrize("plan", [True, False])
def test_renderers_are_deterministic(plan: bool) -> None:
    first, second = context(plan=plan), context(plan=plan)
    assert render_html(first) == render_html(second)
    assert render_markdown(first) == render_markdown(second)
    assert report_document(first)["scores"] == report_document(second)["scores"]


def test_a_framework_without_profiles_still_reports() -> None:
    ctx = context(plan=False)
    bare = dataclasses.replace(ctx.framework, profiles=())
    plain = prepare(bare, ctx.assessment, None, generated_on=date(2026, 11, 22))
    assert plain.gaps is None
    assert json.loads(render_json(plain))["gaps"] is None
    assert "Gaps against" not in render_html(plain)
    assert "Top gaps" not in render_markdown(plain)
