"""The one view of a report: which sections and rows appear, caps included, decided once.

Both the Markdown and the HTML renderer take a :class:`ReportView`; neither chooses rows of its
own. The summary lists the top ``ctx.top`` gaps; the appendix holds everything else in full (the
other gaps, the strengths, the skills not yet rated and the activities the plan left out), in both
formats. Text from files and people stays raw here: the templates escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ctoprep.core.gaps import SkillGap
from ctoprep.core.planning import LeftOut, PlanMonth, PlannedActivity
from ctoprep.core.scoring import GroupScore
from ctoprep.core.text import plural
from ctoprep.reports import ReportContext, fmt_hours, fmt_level


@dataclass(frozen=True)
class AreaRow:
    id: str
    code: str
    title: str
    reason: str
    score: float | None
    target: float | None
    gap: str
    rated: int
    total: int
    with_evidence: int


@dataclass(frozen=True)
class MonthRow:
    month: PlanMonth
    starting: tuple[str, ...]
    """Titles of the activities starting this month."""
    rerate: tuple[str, ...]
    """Titles of the skills to re-rate this month."""


@dataclass(frozen=True)
class PlanView:
    limits_line: str
    notes: tuple[str, ...]
    activities: tuple[PlannedActivity, ...]
    months: tuple[MonthRow, ...]
    left_out: tuple[LeftOut, ...]
    """What the plan left out for a reason worth reading (not the activities already covered)."""


@dataclass(frozen=True)
class ReportView:
    title: str
    """Who and which framework (raw text)."""
    rater: str
    """'self-assessment' or 'rated by mentor NAME' (raw text)."""
    updated_on: date
    generated_on: date
    profile_title: str | None
    """The target profile, when the framework has profiles (then the gap sections appear)."""
    overall: GroupScore
    exam_score: float | None
    """The score weighted as the exam weighs the areas, when there is one."""
    areas: tuple[AreaRow, ...]
    chart: bool
    """Whether the HTML shows the radar chart (three areas or more)."""
    area_keys: tuple[tuple[str, str], ...]
    """Area codes and titles, for the chart's legend."""
    content_areas: tuple[GroupScore, ...]
    top_gaps: tuple[SkillGap, ...]
    other_gaps: tuple[SkillGap, ...]
    """The gaps past the top ones (appendix)."""
    strengths: tuple[SkillGap, ...]
    not_rated: tuple[SkillGap, ...]
    plan: PlanView | None
    framework_title: str
    framework_version: str

    @property
    def all_gaps(self) -> int:
        return len(self.top_gaps) + len(self.other_gaps)

    @property
    def appendix(self) -> bool:
        left_out = self.plan.left_out if self.plan else ()
        return bool(self.other_gaps or self.strengths or self.not_rated or left_out)


def why(gap: SkillGap) -> str:
    """The gap's reason without the skill and area its row already shows."""
    return gap.reason.removeprefix(f"{gap.title} ({gap.area_title}): ")


def build_view(ctx: ReportContext) -> ReportView:
    fw, a, scores, gaps = ctx.framework, ctx.assessment, ctx.scores, ctx.gaps
    area_gaps = {g.area_id: g for g in gaps.areas} if gaps else {}
    areas = []
    for g in scores.areas:
        ag = area_gaps.get(g.id)
        areas.append(
            AreaRow(
                id=g.id,
                code=fw.area_by_id[g.id].code,
                title=g.title,
                reason=g.reason,
                score=g.score,
                target=ag.target_score if ag else None,
                gap=fmt_level(ag.gap) if ag and ag.targeted else "—",
                rated=g.rated,
                total=g.total,
                with_evidence=g.with_evidence,
            )
        )
    top = gaps.top(ctx.top) if gaps else ()
    exam = scores.exam.score if scores.exam is not None else None
    return ReportView(
        title=f"{a.person or 'Unnamed'}: {fw.short_title or fw.title}",
        rater="self-assessment" if a.rater.role.value == "self" else f"rated by mentor {a.rater.name}".rstrip(),
        updated_on=a.updated_at.date(),
        generated_on=ctx.generated_on,
        profile_title=gaps.profile_title if gaps else None,
        overall=scores.overall,
        exam_score=exam,
        areas=tuple(areas),
        chart=len(areas) >= 3,
        area_keys=tuple((ar.code, ar.title) for ar in fw.areas if ar.code) if any(r.code for r in areas) else (),
        content_areas=tuple(scores.content_areas),
        top_gaps=top,
        other_gaps=gaps.gaps[len(top) :] if gaps else (),
        strengths=gaps.strengths if gaps else (),
        not_rated=gaps.not_rated if gaps else (),
        plan=_plan_view(ctx),
        framework_title=fw.title,
        framework_version=fw.version,
    )


def _plan_view(ctx: ReportContext) -> PlanView | None:
    plan = ctx.plan
    if plan is None:
        return None
    lim = plan.limits
    fw = ctx.framework
    return PlanView(
        limits_line=(
            f"Budget ${lim.budget_usd:,}, {fmt_hours(lim.hours_per_month)} a month for {plural(lim.months, 'month')} "
            f"from {lim.start.isoformat()}. Uses ${plan.total_cost:,} and {fmt_hours(plan.total_hours)}."
        ),
        notes=plan.notes,
        activities=plan.activities,
        months=tuple(
            MonthRow(
                m,
                tuple(fw.activity_by_id[i].title for i in m.starting),
                tuple(fw.skill_by_id[s].title for s in m.rerate),
            )
            for m in plan.months
        ),
        left_out=tuple(lo for lo in plan.left_out if lo.kind.value != "covered"),
    )
