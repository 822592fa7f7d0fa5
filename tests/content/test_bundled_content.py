"""The bundled content is the product: these tests hold it to the bar the issues set."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date

import pytest

from ctoprep.core.gaps import find_gaps
from ctoprep.core.models.assessment import Assessment, FrameworkRef, Rating
from ctoprep.core.models.files import ActivityFormat
from ctoprep.core.models.framework import Framework
from ctoprep.core.planning import PlanLimits, build_plan
from ctoprep.core.practice import area_item_counts, assemble_mock, score_attempt
from ctoprep.core.problems import Severity
from ctoprep.core.scoring import score_assessment
from ctoprep.formats.lint import lint_files
from ctoprep.services.content import Library

FRAMEWORKS = ["cosn-k12-cto", "district-cybersecurity-lead"]
LEAD_WORDS = re.compile(
    r"\b(lead|leads|led|coach|coaches|coached|teach|teaches|taught|mentor|mentors|train|trains|"
    r"present|presents|presented|shares|others|peers|other districts|district-wide|sets?)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(use_cache=False)


@pytest.fixture(scope="module", params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest, library: Library) -> Framework:
    return library.framework(request.param)


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_every_skill_has_a_distinct_descriptor_per_level(framework: Framework) -> None:
    for skill in framework.skills:
        descriptors = skill.level_descriptors
        assert descriptors is not None, skill.id
        assert len(descriptors) == len(framework.scale.levels), skill.id
        assert all(len(d.split()) >= 8 for d in descriptors), f"{skill.id}: a descriptor is too thin to rate by"
        assert len({d.strip().lower() for d in descriptors}) == len(descriptors), f"{skill.id}: repeated descriptor"
        for low, high in itertools.pairwise(descriptors):
            a, b = words(low), words(high)
            assert len(a & b) / len(a | b) < 0.75, f"{skill.id}: two neighbouring levels read almost the same"
        assert LEAD_WORDS.search(descriptors[-1]), f"{skill.id}: the top level should reach beyond the person"


def test_skills_have_indicators_and_evidence(framework: Framework) -> None:
    for skill in framework.skills:
        assert 2 <= len(skill.indicators) <= 4, skill.id
        assert skill.evidence, skill.id
        assert skill.description, skill.id


def test_every_skill_is_developed_by_two_activities_one_free(framework: Framework) -> None:
    developers: dict[str, list[int]] = {s.id: [] for s in framework.skills}
    for activity in framework.catalogue.activities:
        for d in activity.develops:
            developers[d.skill_id].append(activity.cost_usd)
    for skill_id, costs in developers.items():
        assert len(costs) >= 2, f"{skill_id}: developed by {len(costs)} activities"
        assert 0 in costs, f"{skill_id}: no free activity develops it"


def test_every_activity_says_what_it_produces(framework: Framework) -> None:
    for activity in framework.catalogue.activities:
        assert activity.produces.strip(), activity.id
        assert activity.where_to_find.strip(), f"{activity.id}: where to find it"
        assert activity.last_verified, f"{activity.id}: when it was last checked"


def test_credit_follows_the_recertification_rules(framework: Framework) -> None:
    rules = framework.recertification
    if rules is None:
        return
    for activity in framework.catalogue.activities:
        # job-embedded work is ordinary job duty and earns none: no category is a true answer
        if activity.credit_category is not None:
            assert activity.credit_category in rules.category_by_id, activity.id


def test_every_skill_has_calibration_aids(framework: Framework) -> None:
    for skill in framework.skills:
        assert skill.calibration.strip(), f"{skill.id}: a level 2 versus 3 example"
        assert len(skill.mentor_questions) == 3, f"{skill.id}: three mentor questions"


def test_cosn_framework_shape(library: Library) -> None:
    fw = library.framework("cosn-k12-cto")
    assert [len(c.areas) for c in fw.categories] == [3, 3, 4]
    assert 75 <= len(fw.skills) <= 80
    assert all(5 <= len(a.skills) <= 10 for a in fw.areas)
    assert {f.id for f in fw.pd_focuses} == {"planning", "instruction", "policy", "leadership"}
    assert all(a.pd_focuses for a in fw.areas)
    assert len(fw.core_values) == 5
    assert len(fw.profiles) >= 8
    assert {"cetl-candidate", "cetl-job-mastery", "director-of-technology", "director-instructional-technology"} <= {
        p.id for p in fw.profiles
    }
    for profile in fw.profiles:
        assert set(profile.area_targets) == {a.id for a in fw.areas}, profile.id
        assert profile.rationale, profile.id
    cabinet = fw.profile_by_id["cabinet-cto"]
    assert all(t.min <= 3 for t in cabinet.area_targets.values())  # ranges, not a blanket 4
    assert cabinet.skill_targets["it.cyber-leadership"].min == 4
    acts = fw.catalogue.activities
    assert len(acts) >= 140
    assert {a.format for a in acts} == set(ActivityFormat)
    areas_served = {fw.skill_by_id[d.skill_id].area_id for a in acts for d in a.develops}
    assert areas_served == {a.id for a in fw.areas}
    assert fw.blueprint is not None
    assert fw.blueprint.area_weights == {
        "leadership": 15,
        "strategic-planning": 15,
        "ethics-policies": 10,
        "instructional-focus": 12,
        "team-building": 9,
        "stakeholder-focus": 9,
        "it-management": 9,
        "communication-systems": 7,
        "business-management": 7,
        "data-management": 7,
    }
    assert (fw.blueprint.item_count, fw.blueprint.score_max, fw.blueprint.pass_score) == (100, 800, 600)


def test_cosn_question_bank_supports_three_mock_exams(library: Library) -> None:
    fw = library.framework("cosn-k12-cto")
    bank = library.questions(fw)
    assert len(bank.questions) >= 400
    per_area = Counter(bank.area_of_question.values())
    new_skills = [
        "it.cyber-leadership",
        "it.enterprise-systems",
        "dm.vendor-security",
        "bm.federal-procurement",
        "cs.physical-safety-systems",
        "ep.student-monitoring",
        "if.assistive-technology",
        "if.instructional-continuity",
        "lv.ai-in-schools",
    ]
    for skill_id in new_skills:
        assert sum(1 for q in bank.questions if q.skills[0] == skill_id) >= 4, skill_id
    kinds = Counter(q.kind.value for q in bank.questions)
    assert kinds["knowledge"] >= 0.25 * len(bank.questions)
    assert fw.blueprint is not None
    needed = area_item_counts(fw.blueprint)
    for area in fw.areas:
        assert per_area[area.id] >= max(30, 3 * needed[area.id]), area.id
    tested = {s for q in bank.questions for s in q.skills}
    assert tested == {s.id for s in fw.skills}
    seen: set[str] = set()
    for seed in range(3):
        form = assemble_mock(fw, bank, seen=seen, seed=seed)
        assert len(form) == 100
        assert not seen & set(form)
        seen |= set(form)
    cognitive = Counter(q.cognitive for q in bank.questions)
    assert cognitive["recall"] <= 0.25 * len(bank.questions)


def test_bundled_banks_pass_the_linter(library: Library) -> None:
    for fid in FRAMEWORKS:
        fw = library.framework(fid)
        report = lint_files(library.bank_files(fid), fw)
        errors = [p.format() for p in report.problems if p.severity is Severity.ERROR]
        assert not errors, errors[:5]


# Warnings that mean a test-wise candidate can beat chance without reading the stem.
OPTION_ONLY_CUES = ("[Q011]", "[Q012]", "[Q015]", "[Q016]", "[Q017]", "[Q018]")


def test_bundled_banks_have_no_option_only_cues(library: Library) -> None:
    for fid in FRAMEWORKS:
        report = lint_files(library.bank_files(fid), library.framework(fid))
        cues = [p.format() for p in report.problems if p.message.startswith(OPTION_ONLY_CUES)]
        assert not cues, cues


def test_everything_runs_on_every_bundled_framework(framework: Framework, library: Library) -> None:
    """Nothing is wired to CoSN: each framework scores, finds gaps, plans and makes a mock exam."""
    scale = framework.scale
    a = Assessment(framework=FrameworkRef(id=framework.id, version=framework.version))
    for i, skill in enumerate(framework.skills):
        a = a.with_rating(skill.id, Rating(level=scale.values[i % len(scale.values)], evidence="x"))
    report = score_assessment(framework, a)
    assert report.overall.reliable
    assert 0 <= (report.overall.score or 0) <= 100
    for profile in framework.profiles:
        gaps = find_gaps(framework, report, profile)
        assert gaps.gaps, profile.id
        plan = build_plan(
            framework, gaps, PlanLimits(budget_usd=0, hours_per_month=6, months=6, start=date(2026, 1, 1))
        )
        assert plan.activities, f"{profile.id}: a zero-budget plan must still be useful"
        assert plan.total_cost == 0
    bank = library.questions(framework)
    form = assemble_mock(framework, bank, seed=1)
    assert framework.blueprint is not None
    assert len(form) == framework.blueprint.item_count
    result = score_attempt(framework, bank, form, {})
    assert result.scaled == framework.blueprint.score_min
