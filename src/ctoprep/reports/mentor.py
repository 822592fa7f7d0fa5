"""Self vs mentor comparisons as Markdown, self-contained HTML and versioned JSON.

Self and mentor levels always appear side by side, never merged into one number. Text from files
and people (names, evidence, comments) is escaped for the target format and its control characters
made visible: it is shown as written, never interpreted as markup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ctoprep import __version__
from ctoprep.core.comparison import AreaComparison, Comparison, PairKind, SkillPair
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.packets import PlanSummary
from ctoprep.reports.markdown import tidy
from ctoprep.reports.templating import render

COMPARISON_FORMAT = "ctoprep.comparison"
COMPARISON_SCHEMA_VERSION = 1

KIND_WORDS = {
    PairKind.AGREE: "agree",
    PairKind.BLIND_SPOT: "blind spot",
    PairKind.HIDDEN_STRENGTH: "hidden strength",
    PairKind.SELF_ONLY: "self only",
    PairKind.MENTOR_ONLY: "mentor only",
    PairKind.NEITHER: "not rated",
}
KIND_MARKS = {
    PairKind.AGREE: "=",
    PairKind.BLIND_SPOT: "▲",
    PairKind.HIDDEN_STRENGTH: "▼",
    PairKind.SELF_ONLY: "·",
    PairKind.MENTOR_ONLY: "·",
    PairKind.NEITHER: " ",
}
"""▲ self above the mentor (blind spot), ▼ self below (hidden strength): readable without color."""


@dataclass(frozen=True)
class ReviewView:
    """A comparison and what a mentor added to it: comments, a summary, agreed targets and plan."""

    framework: Framework
    comparison: Comparison
    generated_on: date
    comments: Mapping[str, str] = field(default_factory=dict)
    summary: str = ""
    profile: Profile | None = None
    """The agreed target profile, when the review set one."""
    plan: PlanSummary | None = None

    def target_of(self, skill_id: str) -> str:
        if self.profile is None:
            return ""
        t = self.profile.skill_targets.get(skill_id)
        if t is None:
            return ""
        return str(t.min) if t.min == t.max else f"{t.min}–{t.max}"


def lvl(level: int | None) -> str:
    return "—" if level is None else str(level)


def num(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{places}f}"


def signed(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if abs(value) >= 0.05 else "0"


def kappa_text(view: ReviewView) -> str:
    ag = view.comparison.agreement
    return "—" if ag.kappa is None else f"{ag.kappa:.2f}"


# JSON ---------------------------------------------------------------------------------------------


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def _pair(p: SkillPair, view: ReviewView) -> dict[str, Any]:
    return {
        "skill": p.skill_id,
        "title": p.title,
        "area": p.area_id,
        "self": p.self_level,
        "mentor": p.mentor_level,
        "difference": p.difference,
        "kind": p.kind.value,
        "self_evidence": p.self_evidence,
        "mentor_evidence": p.mentor_evidence,
        "self_confidence": p.self_confidence.value if p.self_confidence else None,
        "mentor_confidence": p.mentor_confidence.value if p.mentor_confidence else None,
        "comment": view.comments.get(p.skill_id, ""),
        "agreed_target": view.target_of(p.skill_id) or None,
    }


def _area(a: AreaComparison) -> dict[str, Any]:
    return {
        "area": a.area_id,
        "title": a.title,
        "total": a.total,
        "both_rated": a.both_rated,
        "self_rated": a.self_rated,
        "mentor_rated": a.mentor_rated,
        "self_mean": _round(a.self_mean),
        "mentor_mean": _round(a.mentor_mean),
        "mean_difference": _round(a.mean_difference),
        "agree": a.agree,
        "blind_spots": a.blind_spots,
        "hidden_strengths": a.hidden_strengths,
        "reading": a.reading,
    }


def comparison_document(view: ReviewView) -> dict[str, Any]:
    c, ag = view.comparison, view.comparison.agreement
    return {
        "format": COMPARISON_FORMAT,
        "schema_version": COMPARISON_SCHEMA_VERSION,
        "generated_by": f"ctoprep {__version__}",
        "generated_on": view.generated_on.isoformat(),
        "framework": {"id": c.framework_id, "version": c.framework_version},
        "scale": list(c.scale_values),
        "person": c.person,
        "mentor": c.mentor,
        "self_assessment": c.self_assessment_id,
        "mentor_assessment": c.mentor_assessment_id,
        "agreement": {
            "statistic": "cohen-kappa-linear",
            "both_rated": ag.both_rated,
            "levels": ag.levels,
            "kappa": _round(ag.kappa),
            "band": ag.band or None,
            "observed": _round(ag.observed),
            "expected": _round(ag.expected),
            "exact": ag.exact,
            "within_one": ag.within_one,
            "exact_share": _round(ag.exact_share),
            "within_one_share": _round(ag.within_one_share),
            "mean_difference": _round(ag.mean_difference),
            "matrix": [list(row) for row in ag.matrix],
            "reading": ag.reading,
        },
        "areas": [_area(a) for a in c.areas],
        "skills": [_pair(p, view) for p in c.skills],
        "blind_spots": [p.skill_id for p in c.blind_spots],
        "hidden_strengths": [p.skill_id for p in c.hidden_strengths],
        "summary": view.summary,
        "profile": view.profile.id if view.profile else None,
        "plan": view.plan.model_dump(mode="json") if view.plan else None,
    }


def render_comparison_json(view: ReviewView) -> str:
    return json.dumps(comparison_document(view), indent=2, ensure_ascii=False) + "\n"


# Markdown and HTML -------------------------------------------------------------------------------
# templates/comparison.md.j2 and comparison.html.j2; both show the same sections from the same view.


def _who(view: ReviewView) -> tuple[str, str]:
    c = view.comparison
    return c.person or "Unnamed", c.mentor or "the mentor"


def _sections(view: ReviewView) -> tuple[tuple[str, tuple[SkillPair, ...]], ...]:
    c = view.comparison
    return (
        ("Blind spots (rated higher by self)", c.blind_spots),
        ("Hidden strengths (rated higher by the mentor)", c.hidden_strengths),
    )


def _values(view: ReviewView) -> dict[str, Any]:
    person, mentor = _who(view)
    return {
        "view": view,
        "person": person,
        "mentor": mentor,
        "kappa": kappa_text(view),
        "sections": _sections(view),
        "lvl": lvl,
        "num": num,
        "signed": signed,
        "kind_words": KIND_WORDS,
        "kind_marks": KIND_MARKS,
    }


def render_comparison_markdown(view: ReviewView) -> str:
    return tidy(render("comparison.md.j2", **_values(view)))


@dataclass(frozen=True)
class PairsRow:
    y: int
    title: str
    self_w: str
    mentor_w: str
    value_x: str
    values: str


@dataclass(frozen=True)
class PairsChart:
    """Self and mentor means per area as paired bars (readable in gray: self solid, mentor hatched)."""

    top: int
    width: int
    height: int
    label_x: int
    bar_x: int
    rows: tuple[PairsRow, ...]


def pairs_chart(areas: Sequence[AreaComparison], view: ReviewView) -> PairsChart | None:
    top = max(view.framework.scale.values) or 1
    rated = [a for a in areas if a.self_mean is not None and a.mentor_mean is not None]
    if not rated:
        return None
    # room for the longest area title at font-size 12 (about 6.8 px a character), within reason
    label_w = min(360, max(120, round(max(len(a.title) for a in rated) * 6.8) + 12))
    bar_w, row_h = 300, 26
    rows = []
    for i, a in enumerate(rated):
        self_w = bar_w * (a.self_mean or 0) / top
        mentor_w = bar_w * (a.mentor_mean or 0) / top
        rows.append(
            PairsRow(
                y=5 + i * row_h,
                title=a.title,
                self_w=f"{self_w:.1f}",
                mentor_w=f"{mentor_w:.1f}",
                value_x=f"{label_w + max(self_w, mentor_w) + 4:.1f}",
                values=f"{num(a.self_mean)} / {num(a.mentor_mean)}",
            )
        )
    return PairsChart(top, label_w + bar_w + 60, row_h * len(rated) + 10, label_w - 6, label_w, tuple(rows))


def render_comparison_html(view: ReviewView) -> str:
    person, mentor = _who(view)
    chart = pairs_chart(view.comparison.areas, view)
    return render("comparison.html.j2", title=f"{person}: self-ratings beside {mentor}'s", chart=chart, **_values(view))
