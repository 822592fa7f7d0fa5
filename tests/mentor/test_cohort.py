"""A cohort: heat map, common gaps, activity reach and agenda, checked by hand; names anonymized."""

from __future__ import annotations

import pytest

from ctoprep.core.cohort import Anonymize, CohortEntry, build_cohort, initials, member_code, member_labels
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.models.framework import Framework
from tests.core.engine_helpers import activity, make_framework

# two areas of two skills on 0-4; targets: area a at 3, area b at 2 (importance 1, no blueprint),
# so every step of gap is worth 100 / 4 = 25 priority points
FW = make_framework(
    {"a": 2, "b": 2},
    area_targets={"a": (3, 3, 1.0), "b": (2, 2, 1.0)},
    activities=[
        activity("act-a", {"a.0": 3, "a.1": 2}),  # progress 1 and .5 steps
        activity("act-b", {"b.0": 2}),  # .5
        activity("act-all", {"a.0": 1, "b.0": 1, "b.1": 1}),  # .25 each
        activity("act-none", {"a.1": 1}, cost=100),  # .25, for Ben alone
    ],
)
PEOPLE = {
    "Ana Diaz": {"a.0": 1, "a.1": 3, "b.0": 2, "b.1": 0},  # below: a.0 by 2, b.1 by 2
    "Ben Ode": {"a.0": 2, "a.1": 1, "b.0": 1, "b.1": 2},  # below: a.0 by 1, a.1 by 2, b.0 by 1
    "Cy Young": {"a.0": 3, "a.1": 3, "b.0": 2, "b.1": 2},  # on target everywhere
    "Dee Diaz": {"a.0": 0},  # below: a.0 by 3; area b not rated
}


def entry(framework: Framework, name: str, levels: dict[str, int]) -> CohortEntry:
    return CohortEntry(
        name,
        Assessment(
            framework=FrameworkRef(id=framework.id, version=framework.version),
            person=name,
            ratings={s: Rating(level=v) for s, v in levels.items()},
        ),
        source=f"packets/{(name.split() or ['x'])[0].lower()}.json",
    )


def cohort(anonymize: Anonymize = Anonymize.NONE, salt: str = "k"):  # type: ignore[no-untyped-def]
    entries = [entry(FW, n, lv) for n, lv in PEOPLE.items()]
    return build_cohort(FW, entries, FW.profiles[0], anonymize=anonymize, salt=salt)


def test_heat_map_cells_by_hand() -> None:
    c = cohort()
    assert [m.label for m in c.members] == ["Ana Diaz", "Ben Ode", "Cy Young", "Dee Diaz"]
    ana, ben, _, dee = c.members
    a, b = ana.cells
    assert (a.score, a.gap, a.below) == (50, 1, 1)  # levels 1 and 3; shortfall (2 + 0) / 2
    assert (b.score, b.gap, b.below) == (25, 1, 1)  # levels 2 and 0; shortfall (0 + 2) / 2
    assert ben.cells[0].score == pytest.approx(37.5)
    assert (dee.cells[0].score, dee.cells[0].gap) == (0, 3)
    assert (dee.cells[1].score, dee.cells[1].rated) == (None, 0)
    assert (ana.gaps, ben.gaps, dee.gaps) == (2, 3, 1)
    assert ana.source == "packets/ana.json"
    area_a = c.areas[0]
    assert area_a.mean_score == pytest.approx((50 + 37.5 + 75 + 0) / 4)
    assert (area_a.lowest, area_a.highest, area_a.members_below, area_a.scored) == (0, 75, 3, 4)
    assert c.areas[1].scored == 3


def test_common_gaps_most_members_first_then_priority_then_framework_order() -> None:
    c = cohort()
    assert [(g.skill_id, g.members) for g in c.common_gaps] == [("a.0", 3), ("a.1", 1), ("b.1", 1), ("b.0", 1)]
    top = c.common_gaps[0]
    assert top.mean_gap == pytest.approx(2)  # (2 + 1 + 3) / 3
    assert top.total_priority == pytest.approx(25 * 6)
    assert top.share == pytest.approx(0.75)
    assert top.labels == ("Ana Diaz", "Ben Ode", "Dee Diaz")


def test_activities_serving_most_members_and_the_agenda() -> None:
    c = cohort()
    reach = {r.activity_id: r for r in c.activities}
    # act-a: Ana 25 (a.0 1 step of 2); Ben 25 + 12.5 (a.0 closed, half a step of a.1); Dee 25
    assert (reach["act-a"].members, reach["act-a"].value) == (3, pytest.approx(87.5))
    # act-all: a quarter step for Ana (a.0, b.1), Ben (a.0, b.0) and Dee (a.0)
    assert (reach["act-all"].members, reach["act-all"].value) == (3, pytest.approx(31.25))
    assert reach["act-all"].skills == ("a.0", "b.0", "b.1")
    assert (reach["act-b"].members, reach["act-b"].labels) == (1, ("Ben Ode",))
    assert [r.activity_id for r in c.activities] == ["act-a", "act-all", "act-b", "act-none"]
    # agenda: act-a first; then act-all adds Ana .25 + .25, Ben b.0 .25 (his a.0 is closed), Dee .25 -> 25;
    # then act-b takes Ben's b.0 from .25 to .75 -> 12.5; last act-none adds a quarter step of Ben's a.1
    # (gap 2, .5 done) -> 6.25
    assert [(r.activity_id, round(r.added_value, 2)) for r in c.agenda] == [
        ("act-a", 87.5),
        ("act-all", 25.0),
        ("act-b", 12.5),
        ("act-none", 6.25),
    ]


def test_initials_and_clashes() -> None:
    assert initials("Jordan Lee") == "JL"
    assert initials("  mary-jane van der berg ") == "MJB"
    assert initials("Zoë Ünal") == "ZÜ"
    assert initials("[b]") == "B"
    assert initials("") == "?"
    entries = [entry(FW, n, {}) for n in ("Ana Diaz", "Alan Dunn", "Ada Dee", "")]
    assert member_labels(entries, Anonymize.INITIALS) == ["AD", "AD2", "AD3", "?"]
    assert member_labels(entries, Anonymize.NONE) == ["Ana Diaz", "Alan Dunn", "Ada Dee", "Member 4"]


def test_codes_are_stable_keyed_and_distinct() -> None:
    assert member_code("ana diaz", "k") == member_code("ana diaz", "k")
    assert member_code("ana diaz", "k") != member_code("ana diaz", "other key")
    entries = [entry(FW, n, {}) for n in ("Ana Diaz", "ana  DIAZ", "Ben Ode")]
    labels = member_labels(entries, Anonymize.CODES, "k")
    assert labels[0].startswith("M-")
    assert len(labels[0]) == 6
    assert labels[1] == labels[0] + "2"  # the same person twice keeps one code, marked apart
    assert labels[2] != labels[0]


@pytest.mark.parametrize("mode", [Anonymize.INITIALS, Anonymize.CODES])
def test_anonymized_cohort_carries_no_names_or_file_names(mode: Anonymize) -> None:
    dumped = cohort(mode).model_dump_json()
    for name in PEOPLE:
        for part in name.split():
            assert part not in dumped
    assert "packets/" not in dumped


def test_empty_and_unrated_members() -> None:
    c = build_cohort(FW, [entry(FW, "Eve", {})], FW.profiles[0])
    assert c.common_gaps == ()
    assert c.activities == ()
    assert c.agenda == ()
    assert c.members[0].overall is None
    empty = build_cohort(FW, [], FW.profiles[0])
    assert empty.size == 0
    assert empty.areas[0].mean_score is None


def test_cost_and_hours_limits_leave_activities_out() -> None:
    entries = [entry(FW, n, lv) for n, lv in PEOPLE.items()]
    free = build_cohort(FW, entries, FW.profiles[0], max_cost=0)
    assert [r.activity_id for r in free.activities] == ["act-a", "act-all", "act-b"]
    assert "act-none" not in [r.activity_id for r in free.agenda]
    short = build_cohort(FW, entries, FW.profiles[0], max_hours=5)
    assert short.activities == ()
    assert short.agenda == ()
