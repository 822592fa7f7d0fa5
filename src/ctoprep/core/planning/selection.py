"""The exact selection: the activities worth the most within a budget and hours.

Items, the objective (:func:`set_value`), its upper bounds and the branch-and-bound search
(:func:`solve_selection`); the package docstring of :mod:`ctoprep.core.planning` states the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

NODE_LIMIT = 4_000
"""Branch-and-bound nodes explored before settling for the best plan found (with its bound)."""
LAYOUT_BOUND_AFTER = 2_000
"""Nodes explored with the plain bounds before the bound also asks which items can still be laid out
(that test is what proves the plans where the month-by-month layout binds, and it is costly)."""
EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Item:
    """One activity as the solver sees it."""

    cost: float
    hours: float
    develops: tuple[tuple[int, float], ...]
    """(skill index, progress in steps)."""


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: tuple[int, ...]
    """Indices into the items, ascending."""
    value: float
    cost: float
    hours: float
    optimal: bool
    upper_bound: float
    """No feasible set is worth more (equals ``value`` when ``optimal``)."""
    nodes: int


def set_value(items: Sequence[Item], chosen: Iterable[int], need: Sequence[float], weight: Sequence[float]) -> float:
    """The objective for a set of items."""
    progress = [0.0] * len(need)
    for i in chosen:
        for s, p in items[i].develops:
            progress[s] += p
    return sum(w * min(n, p) for w, n, p in zip(weight, need, progress, strict=True))


def _fractional(gains: Sequence[tuple[float, float]], capacity: float) -> float:
    """Fractional knapsack over (gain, size) pairs: an upper bound for the 0/1 problem."""
    total = 0.0
    rest = []
    for g, size in gains:
        if size <= EPS:
            total += g
        else:
            rest.append((g / size, g, size))
    rest.sort(reverse=True)
    for _, g, size in rest:
        if size <= capacity:
            total += g
            capacity -= size
        else:
            total += g * max(capacity, 0.0) / size
            break
    return total


def _fractional_fitting(
    gains: Sequence[tuple[int, float]], sizes: Sequence[float], capacity: float, fits: Callable[[int], bool]
) -> float:
    """:func:`_fractional` over (item, gain) pairs, leaving out the items it would take that ``fits``
    rejects (it asks only about those: the test is costly)."""
    total = 0.0
    rest = []
    for i, g in gains:
        size = sizes[i]
        if size <= EPS:
            if fits(i):
                total += g
        else:
            rest.append((g / size, -i, g, size))
    rest.sort(reverse=True)
    for _, neg_i, g, size in rest:
        if capacity <= 0.0:
            break
        if not fits(-neg_i):
            continue
        if size <= capacity:
            total += g
            capacity -= size
        else:
            total += g * capacity / size
            break
    return total


def lagrangian_bound(
    items: Sequence[Item],
    need: Sequence[float],
    weight: Sequence[float],
    budget: float,
    hours: float,
    target: float,
    iterations: int = 60,
) -> float:
    """An upper bound from relaxing the per-skill caps with multipliers ``0 <= mu[s] <= weight[s]``.

    For any such ``mu`` and any feasible set O (see ``docs/scoring.md``)::

        value(O) <= sum_s need[s] * (weight[s] - mu[s]) + sum_{a in O} sum_s mu[s] * min(progress[a, s], need[s])

    and the second sum is at most a fractional knapsack, by cost or by hours. Subgradient steps
    (Polyak's rule towards ``target``, the best value known) look for the ``mu`` giving the least bound.
    """
    n_skills = len(need)
    capped = [tuple((s, min(p, need[s])) for s, p in item.develops) for item in items]
    by_cost = [i for i, item in enumerate(items) if item.cost <= budget + EPS]
    by_hours = [i for i, item in enumerate(items) if item.hours <= hours + EPS]
    mu = [w / 2 for w in weight]
    best = float("inf")
    for _ in range(iterations):
        base = sum(need[s] * (weight[s] - mu[s]) for s in range(n_skills))
        profit = [sum(mu[s] * q for s, q in develops) for develops in capped]
        bound_cost, taken_cost = _fractional_taking([(i, profit[i], items[i].cost) for i in by_cost], budget)
        bound_hours, taken_hours = _fractional_taking([(i, profit[i], items[i].hours) for i in by_hours], hours)
        if bound_cost <= bound_hours:
            bound, taken = base + bound_cost, taken_cost
        else:
            bound, taken = base + bound_hours, taken_hours
        best = min(best, bound)
        supply = [0.0] * n_skills
        for i, share in taken:
            for s, q in capped[i]:
                supply[s] += q * share
        step = [supply[s] - need[s] for s in range(n_skills)]
        norm = sum(x * x for x in step)
        if norm <= EPS or best - target <= EPS:
            break
        t = (bound - target) / norm
        mu = [min(weight[s], max(0.0, mu[s] - t * step[s])) for s in range(n_skills)]
    return best


def _fractional_taking(
    gains: Sequence[tuple[int, float, float]], capacity: float
) -> tuple[float, list[tuple[int, float]]]:
    """Like :func:`_fractional`, also returning what it takes: (item, share taken)."""
    total = 0.0
    taken: list[tuple[int, float]] = []
    rest = []
    for i, g, size in gains:
        if size <= EPS:
            total += g
            taken.append((i, 1.0))
        else:
            rest.append((g / size, -i, g, size))
    rest.sort(reverse=True)
    for _, neg_i, g, size in rest:
        if size <= capacity:
            total += g
            capacity -= size
            taken.append((-neg_i, 1.0))
        else:
            share = max(capacity, 0.0) / size
            total += g * share
            taken.append((-neg_i, share))
            break
    return total, taken


@dataclass(slots=True)
class _Node:
    progress: list[float]
    available: list[int]
    chosen: tuple[int, ...]
    cost: float
    hours: float
    value: float


def solve_selection(
    items: Sequence[Item],
    need: Sequence[float],
    weight: Sequence[float],
    budget: float,
    hours: float,
    *,
    feasible: Callable[[tuple[int, ...]], bool] | None = None,
    node_limit: int = NODE_LIMIT,
    layout_after: int = LAYOUT_BOUND_AFTER,
) -> Solution:
    """Choose items maximising :func:`set_value` with total cost <= ``budget`` and hours <= ``hours``.

    Depth-first branch and bound, taking the item with the best marginal value per share of what is
    left first. ``feasible`` is an extra test a set must pass to be accepted (the month-by-month
    layout); it must be monotone (a set that fails has no superset that passes), so a failing set
    is not extended. The plain bounds ignore it, so they stay valid; after ``layout_after`` nodes
    the bound also leaves out the items ``feasible`` rejects on top of the node's set (see
    :func:`bound_of` inside), which monotonicity makes valid too. Exact unless ``node_limit`` nodes
    are not enough: then ``optimal`` is False and ``upper_bound`` is the least proven bound.
    """
    n_skills = len(need)
    accept = feasible or (lambda chosen: True)

    costs = [item.cost for item in items]
    hours_of = [item.hours for item in items]
    develops = [item.develops for item in items]

    def marginal_gains(
        progress: list[float], available: Iterable[int], cost_left: float, hours_left: float
    ) -> list[tuple[int, float]]:
        cost_cap, hours_cap = cost_left + EPS, hours_left + EPS
        out = []
        for i in available:
            if costs[i] > cost_cap or hours_of[i] > hours_cap:
                continue
            g = 0.0
            for s, p in develops[i]:
                left = need[s] - progress[s]
                if left > EPS:
                    g += weight[s] * (p if p < left else left)
            if g > EPS:
                out.append((i, g))
        return out

    def best_pick(gains: list[tuple[int, float]], cost_left: float, hours_left: float) -> tuple[int, float]:
        """The best marginal value per share of the budget and hours left (ties: the earlier item)."""
        per_dollar = 1.0 / cost_left if cost_left > EPS else 0.0
        per_hour = 1.0 / hours_left if hours_left > EPS else 0.0
        pick, pick_gain, pick_density = gains[0][0], gains[0][1], -1.0
        for i, g in gains:
            size = costs[i] * per_dollar + hours_of[i] * per_hour
            density = g / size if size > EPS else float("inf")
            if density > pick_density or (density == pick_density and i < pick):
                pick, pick_gain, pick_density = i, g, density
        return pick, pick_gain

    def with_item(progress: list[float], i: int) -> list[float]:
        out = list(progress)
        for s, p in items[i].develops:
            out[s] += p
        return out

    # a greedy incumbent: the best marginal value per share of what is left, while it fits
    progress = [0.0] * n_skills
    available = list(range(len(items)))
    chosen: tuple[int, ...] = ()
    cost = used = value = 0.0
    while True:
        gains = marginal_gains(progress, available, budget - cost, hours - used)
        while gains:
            i, g = best_pick(gains, budget - cost, hours - used)
            available.remove(i)
            if accept(tuple(sorted((*chosen, i)))):
                break
            gains = [ig for ig in gains if ig[0] != i]
        if not gains:
            break
        chosen = tuple(sorted((*chosen, i)))
        progress = with_item(progress, i)
        cost, used, value = cost + items[i].cost, used + items[i].hours, value + g
    best = Solution(chosen, value, cost, used, True, value, 0)

    def bound_of(node: _Node, floor: float | None = None) -> tuple[float, list[tuple[int, float]]]:
        """The node's bound and the items that can still add value.

        When the plain bound is above ``floor`` (the best value found), the bound is taken again
        without the items whose addition cannot be laid out: feasibility is monotone, so such an item
        can join no set below this node. Only the items the fractional fillings would take are tested
        (the layout is the costly part), and those found not to fit leave the node for good. Where
        the month-by-month layout binds, this is what closes the gap the other bounds leave.
        """
        cost_left, hours_left = budget - node.cost, hours - node.hours
        gains = marginal_gains(node.progress, node.available, cost_left, hours_left)
        if not gains:
            return node.value, gains
        by_cost = _fractional([(g, costs[i]) for i, g in gains], cost_left)
        by_hours = _fractional([(g, hours_of[i]) for i, g in gains], hours_left)
        bound = node.value + min(by_cost, by_hours)
        if feasible is None or floor is None or bound <= floor + EPS:
            return bound, gains
        fits: dict[int, bool] = {}

        def ok(i: int) -> bool:
            if i not in fits:
                fits[i] = accept(tuple(sorted((*node.chosen, i))))
            return fits[i]

        by_cost = _fractional_fitting(gains, costs, cost_left, ok)
        by_hours = _fractional_fitting(gains, hours_of, hours_left, ok)
        dropped = {i for i, fit in fits.items() if not fit}
        if dropped:
            gains = [(i, g) for i, g in gains if i not in dropped]
            node.available = [i for i in node.available if i not in dropped]
        return node.value + min(by_cost, by_hours), gains

    stack = [_Node([0.0] * n_skills, list(range(len(items))), (), 0.0, 0.0, 0.0)]
    nodes = 0
    while stack:
        if nodes >= node_limit:
            break
        node = stack.pop()
        nodes += 1
        better = node.value > best.value + EPS or (
            node.value > best.value - EPS
            and (node.cost < best.cost - EPS or (node.cost < best.cost + EPS and node.hours < best.hours - EPS))
        )
        if better and node.chosen:
            if not accept(node.chosen):
                continue  # feasibility is monotone: nothing that contains this set can pass either
            best = Solution(node.chosen, node.value, node.cost, node.hours, True, node.value, 0)
        bound, gains = bound_of(node, best.value if nodes > layout_after else None)
        if not gains or bound <= best.value + EPS:
            continue
        pick, gain = best_pick(gains, budget - node.cost, hours - node.hours)
        while feasible is not None and not accept(tuple(sorted((*node.chosen, pick)))):
            gains = [(i, g) for i, g in gains if i != pick]  # cannot be laid out: not below this node
            if not gains:
                break
            pick, gain = best_pick(gains, budget - node.cost, hours - node.hours)
        if not gains:
            continue
        rest = [i for i, _ in gains if i != pick]
        # pushed last, popped first: the branch with the pick is explored before the one without
        stack.append(_Node(node.progress, rest, node.chosen, node.cost, node.hours, node.value))
        stack.append(
            _Node(
                with_item(node.progress, pick),
                rest,
                tuple(sorted((*node.chosen, pick))),
                node.cost + items[pick].cost,
                node.hours + items[pick].hours,
                node.value + gain,
            )
        )
    if not stack:
        return Solution(best.chosen, best.value, best.cost, best.hours, True, best.value, nodes)
    open_bound = max(bound_of(node)[0] for node in stack)
    upper = min(open_bound, lagrangian_bound(items, need, weight, budget, hours, best.value))
    upper = max(upper, best.value)
    return Solution(best.chosen, best.value, best.cost, best.hours, upper <= best.value + EPS, upper, nodes)
