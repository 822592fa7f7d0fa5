"""A self-contained HTML report: one file, no scripts, no fonts or images from anywhere, prints well.

Score bars per area (current against target), a radar chart of the areas in inline SVG, the exam
content areas, the gap table and, when planned, the month-by-month PD plan. Rendered from
``templates/report.html.j2`` (autoescaped) over the one :class:`~ctoprep.reports.view.ReportView`
the Markdown report uses too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ctoprep.reports import ReportContext
from ctoprep.reports.templating import e, render
from ctoprep.reports.view import build_view, why

__all__ = ["Radar", "e", "radar", "render_html"]


@dataclass(frozen=True)
class Radar:
    """The geometry of a radar chart (``templates/charts.html.j2`` draws it)."""

    size: int
    cx: int
    cy: int
    rings: tuple[str, ...]
    spokes: tuple[tuple[str, str], ...]
    target: str
    """The target polygon's points ('' when no area has a target)."""
    current: str
    dots: tuple[tuple[str, str, str], ...]
    labels: tuple[tuple[str, str, str, str, bool], ...]
    """x, y, text-anchor, label (raw text), rated."""


def radar(labels: list[str], current: list[float | None], target: list[float | None]) -> Radar:
    """A radar chart of scores 0–100 per area: current (filled) and target (dashed)."""
    n = len(labels)
    size, cx, cy, radius = 520, 260, 250, 170

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(value, 100.0)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def points(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    label_rows = []
    for i, label in enumerate(labels):
        x, y = point(i, 118)
        anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
        label_rows.append((f"{x:.1f}", f"{y + 4:.1f}", anchor, label, current[i] is not None))
    return Radar(
        size=size,
        cx=cx,
        cy=cy,
        rings=tuple(points([ring] * n) for ring in (25, 50, 75, 100)),
        spokes=tuple((f"{x:.1f}", f"{y:.1f}") for x, y in (point(i, 100) for i in range(n))),
        target=points([t or 0.0 for t in target]) if any(t is not None for t in target) else "",
        current=points([c or 0.0 for c in current]),
        dots=tuple(
            (f"{x:.1f}", f"{y:.1f}", "#2f6fb3" if c is not None else "#fff")
            for x, y, c in ((*point(i, c or 0.0), c) for i, c in enumerate(current))
        ),
        labels=tuple(label_rows),
    )


def render_html(ctx: ReportContext) -> str:
    view = build_view(ctx)
    chart = (
        radar(
            [r.code or r.title for r in view.areas],
            [r.score for r in view.areas],
            [r.target for r in view.areas],
        )
        if view.chart
        else None
    )
    return render("report.html.j2", v=view, chart=chart, why=why, title=view.title)
