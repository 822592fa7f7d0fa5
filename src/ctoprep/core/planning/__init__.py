"""A PD plan: the activities that close the most priority-weighted gap within a budget and hours.

The objective (``docs/scoring.md`` has the details)::

    value(S) = sum over gap skills s of  value_per_step[s] * min(gap[s], sum over a in S of progress[a, s])

``progress`` is what an activity is expected to move a skill, in scale steps, from how strongly it
develops it (:data:`PROGRESS_BY_STRENGTH`). The ``min`` is the diminishing return: once a gap is
expected to close, more activities on that skill add nothing, so one gap is never closed five times
over, and an activity that serves several gaps is worth the sum of what it closes in each.

Constraints: total cost within the budget; total hours within ``hours_per_month * months``; every
activity fits the horizon and its monthly load fits ``hours_per_month``. The selection is exact:
a depth-first branch and bound whose bound is the smaller of two fractional-knapsack bounds (by
cost and by hours) over each remaining activity's marginal value, which is a valid bound because
the objective is submodular. Where the hours a month bind, a second bound drops the activities that
could no longer be laid out (``selection.LAYOUT_BOUND_AFTER``). If the search hits its node limit it
returns the best plan found with the proven upper bound, so the plan states how far from optimal it
can be at most.

The selected activities are then laid out month by month (earliest start first, highest value
first). If one cannot be placed without a month going over ``hours_per_month`` (packing in time
is a separate problem), it is left out, recorded as such, and the selection is solved again
without it, so no month of a plan ever exceeds the hours limit.
"""

from ctoprep.core.planning.build import PROGRESS_BY_STRENGTH, activities_for_skill, build_plan
from ctoprep.core.planning.layout import month_start
from ctoprep.core.planning.models import (
    Contribution,
    LeftOut,
    LeftOutReason,
    Plan,
    PlanLimits,
    PlanMonth,
    PlannedActivity,
    SkillRerate,
    parse_budget,
    parse_hours_per_month,
    parse_months,
)
from ctoprep.core.planning.selection import NODE_LIMIT, Item, Solution, lagrangian_bound, set_value, solve_selection

__all__ = [
    "NODE_LIMIT",
    "PROGRESS_BY_STRENGTH",
    "Contribution",
    "Item",
    "LeftOut",
    "LeftOutReason",
    "Plan",
    "PlanLimits",
    "PlanMonth",
    "PlannedActivity",
    "SkillRerate",
    "Solution",
    "activities_for_skill",
    "build_plan",
    "lagrangian_bound",
    "month_start",
    "parse_budget",
    "parse_hours_per_month",
    "parse_months",
    "set_value",
    "solve_selection",
]
