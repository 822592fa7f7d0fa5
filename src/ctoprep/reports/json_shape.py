"""The JSON report: a documented, versioned shape (``docs/scoring.md``, "JSON report").

Built field by field rather than dumped from the models, so that refactoring the core never changes
what scripts reading these files see. Add fields freely; rename or remove one only with a new
``schema_version``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ctoprep import __version__
from ctoprep.core.gaps import AreaGap, SkillGap
from ctoprep.core.scoring import GroupScore
from ctoprep.reports import ReportContext

if TYPE_CHECKING:
    from ctoprep.core.planning import Plan

REPORT_FORMAT = "ctoprep.report"
REPORT_SCHEMA_VERSION = 1


def _num(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def _group(g: GroupScore) -> dict[str, Any]:
    return {
        "id": g.id,
        "title": g.title,
        "kind": g.kind.value,
        "score": _num(g.score),
        "mean_level": _num(g.mean_level),
        "rated": g.rated,
        "total": g.total,
        "completeness": _num(g.completeness, 4),
        "with_evidence": g.with_evidence,
        "reliable": g.reliable,
        "reason": g.reason,
        "weight": g.weight,
        "parts": list(g.parts),
    }


def _skill_gap(g: SkillGap) -> dict[str, Any]:
    return {
        "skill": g.skill_id,
        "title": g.title,
        "area": g.area_id,
        "status": g.status.value,
        "current": g.current,
        "target": {"min": g.target_min, "max": g.target_max},
        "gap": g.gap,
        "excess": g.excess,
        "importance": g.importance,
        "exam_weight": g.exam_weight,
        "exam_factor": _num(g.exam_factor, 4),
        "adjustment": g.adjustment,
        "priority": _num(g.priority),
        "reason": g.reason,
    }


def _area_gap(a: AreaGap) -> dict[str, Any]:
    return {
        "area": a.area_id,
        "title": a.title,
        "current": _num(a.current),
        "current_score": _num(a.current_score),
        "target": _num(a.target),
        "target_score": _num(a.target_score),
        "gap": _num(a.gap, 4),
        "counts": {
            "targeted": a.targeted,
            "below": a.below,
            "met": a.met,
            "above": a.above,
            "not_rated": a.not_rated,
        },
        "importance": _num(a.importance, 4),
        "exam_weight": a.exam_weight,
        "adjustment": a.adjustment,
        "priority": _num(a.priority),
        "reliable": a.reliable,
        "reason": a.reason,
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    limits = plan.limits
    return {
        "profile": plan.profile_id,
        "limits": {
            "budget_usd": limits.budget_usd,
            "hours_per_month": limits.hours_per_month,
            "months": limits.months,
            "start": limits.start.isoformat(),
        },
        "totals": {
            "cost_usd": plan.total_cost,
            "hours": _num(plan.total_hours),
            "value": _num(plan.value),
            "gap_value": _num(plan.gap_value),
            "share_closed": _num(plan.share_closed, 4),
            "optimal": plan.optimal,
            "upper_bound": _num(plan.upper_bound),
        },
        "activities": [
            {
                "id": p.activity_id,
                "title": p.title,
                "format": p.format.value,
                "cost_usd": p.cost_usd,
                "hours": p.hours,
                "start_month": p.start_month,
                "months": p.months,
                "hours_per_month": _num(p.hours_per_month),
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat(),
                "rerate_on": p.rerate_on.isoformat(),
                "produces": p.produces,
                "value": _num(p.value),
                "why": p.why,
                "contributions": [
                    {"skill": c.skill_id, "title": c.title, "steps": c.steps, "value": _num(c.value)}
                    for c in p.contributions
                ],
            }
            for p in plan.activities
        ],
        "months": [
            {
                "index": m.index,
                "starts_on": m.starts_on.isoformat(),
                "activities": list(m.activities),
                "starting": list(m.starting),
                "hours": _num(m.hours),
                "cost_usd": m.cost_usd,
                "rerate": list(m.rerate),
            }
            for m in plan.months
        ],
        "rerates": [
            {
                "skill": r.skill_id,
                "title": r.title,
                "rerate_on": r.rerate_on.isoformat(),
                "activities": list(r.activity_ids),
                "expected_steps": r.expected_steps,
                "gap": r.gap,
            }
            for r in plan.rerates
        ],
        "left_out": [
            {
                "id": lo.activity_id,
                "title": lo.title,
                "cost_usd": lo.cost_usd,
                "hours": lo.hours,
                "value": _num(lo.value),
                "kind": lo.kind.value,
                "reason": lo.reason,
            }
            for lo in plan.left_out
        ],
        "notes": list(plan.notes),
    }


def report_document(ctx: ReportContext) -> dict[str, Any]:
    """The report as a JSON-ready dict (see ``docs/scoring.md`` for every field)."""
    fw, a, scores = ctx.framework, ctx.assessment, ctx.scores
    scale = fw.scale
    doc: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "schema_version": REPORT_SCHEMA_VERSION,
        "generated_by": f"ctoprep {__version__}",
        "generated_on": ctx.generated_on.isoformat(),
        "framework": {"id": fw.id, "version": fw.version, "title": fw.title},
        "assessment": {
            "id": a.id,
            "person": a.person,
            "rater": {"role": a.rater.role.value, "name": a.rater.name},
            "updated_at": a.updated_at.isoformat(),
        },
        "scale": {
            "min": scale.min,
            "max": scale.max,
            "levels": [{"value": lv.value, "label": lv.label} for lv in scale.levels],
        },
        "profile": {"id": ctx.gaps.profile_id, "title": ctx.gaps.profile_title} if ctx.gaps else None,
        "scores": {
            "overall": _group(scores.overall),
            "exam": _group(scores.exam) if scores.exam else None,
            "content_areas": [_group(g) for g in scores.content_areas],
            "categories": [_group(g) for g in scores.categories],
            "areas": [_group(g) for g in scores.areas],
            "pd_focuses": [_group(g) for g in scores.pd_focuses],
            "skills": [
                {
                    "skill": s.skill_id,
                    "title": fw.skill_by_id[s.skill_id].title,
                    "area": s.area_id,
                    "status": s.status.value,
                    "level": s.level,
                    "label": scale.label(s.level) if s.level is not None else None,
                    "score": _num(s.score),
                    "has_evidence": s.has_evidence,
                }
                for s in scores.skills
            ],
        },
        "gaps": None,
        "plan": plan_document(ctx.plan) if ctx.plan else None,
    }
    if ctx.gaps is not None:
        doc["gaps"] = {
            "skills": [_skill_gap(g) for g in ctx.gaps.gaps],
            "strengths": [_skill_gap(g) for g in ctx.gaps.strengths],
            "not_rated": [g.skill_id for g in ctx.gaps.not_rated],
            "areas": [_area_gap(g) for g in ctx.gaps.ranked_areas],
        }
    return doc


def render_json(ctx: ReportContext) -> str:
    return json.dumps(report_document(ctx), indent=2, ensure_ascii=False) + "\n"
