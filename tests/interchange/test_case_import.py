"""CASE import: round trips of our own packages, and packages from elsewhere that are messy."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.framework_json import plain
from ctoprep.core.problems import ContentError, Severity
from ctoprep.formats.case_export import export_case
from ctoprep.formats.case_import import CaseImport, import_case, plain_title, read_case_file
from ctoprep.formats.loading import check_framework
from ctoprep.formats.toml_writer import dumps
from tests.conftest import write_mini
from tests.interchange.conftest import FIXTURES
from tests.interchange.test_case_export import bundled

MOMENT = datetime(2026, 1, 2, tzinfo=UTC)
STRUCTURE = {"id", "title", "version", "description", "scale", "pd_focuses", "categories", "core_values"}


def fields_of(framework: Framework, names: set[str]) -> dict[str, Any]:
    """The named fields of a framework as plain data."""
    return {name: value for name, value in plain(framework).items() if name in names}


def write_import(result: CaseImport, folder: Path) -> Framework:
    """Write an import as the command does and load it with the real loader: no errors allowed."""
    for relative, data in result.files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(data, schema="x.schema.json"), encoding="utf-8")
    framework, problems = check_framework(folder)
    errors = [p.format() for p in problems if p.severity is Severity.ERROR]
    assert framework is not None, errors
    assert not errors
    return framework


def through_json(package: dict[str, Any]) -> Any:
    return json.loads(json.dumps(package))


def strip_extensions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_extensions(v) for k, v in value.items() if k != "extensions"}
    if isinstance(value, list):
        return [strip_extensions(v) for v in value]
    return value


def outline(framework: Framework) -> list[Any]:
    """Titles, order, descriptions and level descriptors, without ids."""
    return [
        (
            c.title,
            c.description,
            [
                (a.title, a.description, [(s.title, s.description, s.level_descriptors) for s in a.skills])
                for a in c.areas
            ],
        )
        for c in framework.categories
    ]


# round trips -----------------------------------------------------------------------------------


def test_round_trip_of_the_mini_framework(mini_framework: Framework, tmp_path: Path) -> None:
    result = import_case(through_json(export_case(mini_framework, changed_at=MOMENT)))
    back = write_import(result, tmp_path / "back")
    assert fields_of(back, STRUCTURE) == fields_of(mini_framework, STRUCTURE)
    assert result.framework_id == "mini"


def test_round_trip_of_the_bundled_framework(tmp_path: Path) -> None:
    framework = bundled()
    result = import_case(through_json(export_case(framework, changed_at=MOMENT)))
    back = write_import(result, tmp_path / "back")
    keys = STRUCTURE | {"short_title", "source", "attribution", "licence"}
    assert fields_of(back, keys) == fields_of(framework, keys)
    assert (len(back.categories), len(back.areas), len(back.skills)) == (3, 10, len(bundled().skills))
    assert [lv.value for lv in back.scale.levels] == [0, 1, 2, 3, 4]


def test_round_trip_from_standard_fields_alone(mini_framework: Framework, tmp_path: Path) -> None:
    """Without our extensions (as another tool would pass the package on), structure and descriptors survive."""
    package = strip_extensions(through_json(export_case(mini_framework, changed_at=MOMENT)))
    back = write_import(import_case(package), tmp_path / "back")
    assert outline(back) == outline(mini_framework)
    assert plain(back.scale) == {**plain(mini_framework.scale), "id": "scale"}
    # skills keep their ids (humanCodingScheme); areas without a code keep theirs too
    assert [s.id for s in back.skills] == [s.id for s in mini_framework.skills]
    assert [a.id for a in back.areas] == ["alpha", "beta"]


def test_bundled_round_trip_from_standard_fields_alone(tmp_path: Path) -> None:
    framework = bundled()
    package = strip_extensions(through_json(export_case(framework, changed_at=MOMENT)))
    back = write_import(import_case(package), tmp_path / "back")
    assert outline(back) == outline(framework)
    # indicators and evidence come back from the notes, written as bullet lists
    assert [s.indicators for s in back.skills] == [s.indicators for s in framework.skills]
    assert [s.evidence for s in back.skills] == [s.evidence for s in framework.skills]
    assert [c.code for c in back.categories] == [c.code for c in framework.categories]
    assert [v.title for v in back.core_values] == [v.title for v in framework.core_values]


def test_imported_framework_has_a_starting_profile(mini_framework: Framework, tmp_path: Path) -> None:
    back = write_import(import_case(through_json(export_case(mini_framework))), tmp_path / "back")
    profile = back.default_profile
    assert profile is not None
    assert profile.id == "proficient"
    assert set(profile.skill_targets) == {s.id for s in back.skills}


# packages written by others ---------------------------------------------------------------------


def test_deep_standards_document_is_folded(tmp_path: Path) -> None:
    result = import_case(read_case_file(FIXTURES / "case_deep.json"))
    back = write_import(result, tmp_path / "deep")
    assert back.id == "grade-5-mathematics-standards"
    assert back.title == "Grade 5 Mathematics Standards"
    assert back.version == "2024"
    assert "Example State Department of Education" in back.source
    # the single 'Grade 5' item only wrapped the domains: domains -> categories, clusters -> areas
    assert [(c.id, c.code, c.title) for c in back.categories] == [
        ("5.oa", "5.OA", "Operations and Algebraic Thinking"),
        ("5.nbt", "5.NBT", "Number and Operations in Base Ten"),
    ]
    assert [a.id for a in back.areas] == ["5.oa.a", "5.nbt.a"]
    # ordered by sequenceNumber, not by the order of the items or associations
    assert [s.id for s in back.skills] == ["5.oa.a.1", "5.oa.a.2", "5.nbt.a.3.a", "5.nbt.a.3.b", "5.nbt.a.4"]
    first = back.skill_by_id["5.oa.a.1"]
    assert first.title == "Evaluate expressions with grouping symbols"
    assert first.description.startswith("Use parentheses")
    # the rubric's levels (scores 1-4, listed out of order) became the scale
    assert [(lv.value, lv.label) for lv in back.scale.levels] == [
        (1, "Beginning"),
        (2, "Approaching"),
        (3, "Meets"),
        (4, "Exceeds"),
    ]
    assert first.level_descriptors is not None
    assert first.level_descriptors[0].startswith("Evaluates expressions left to right")
    assert first.level_descriptors[3].startswith("Writes and evaluates nested")
    # a standard below a standard keeps the one in between in its description
    assert "Part of: Read, write, and compare decimals" in back.skill_by_id["5.nbt.a.3.a"].description
    notes = "\n".join(result.notes)
    assert "exactMatchOf" in notes
    assert "only wraps the rest" in notes
    assert "not skills here" in notes  # the rubric criterion on a cluster


def test_messy_package_imports_and_says_what_it_could_not_map(tmp_path: Path) -> None:
    result = import_case(read_case_file(FIXTURES / "case_messy.json"))
    back = write_import(result, tmp_path / "messy")
    notes = "\n".join(result.notes)
    for expected in (
        "not objects",
        "repeat an identifier",
        "no identifier",
        "'isRelatedTo'",
        "'ext:hasNote'",
        "another document",
        "link an item to itself",
        "more than one parent",
        "loops of isChildOf were cut",
        "2 CFRubrics",
        "outside this package",
        "do not fit the scale",
        "had no parent",
        "some levels only",
        "(general)",
        "'Other items'",
    ):
        assert expected in notes, expected
    assert [c.title for c in back.categories][:2] == ["Leadership", "Operations"]
    leadership = back.category_by_id["l"]
    assert [a.title for a in leadership.areas] == ["Vision and strategy", "Leadership (general)"]
    vision = leadership.areas[0]
    # sequence numbers order the skills; the two-parent skill stays under its first parent (Networks)
    assert [s.id for s in vision.skills] == ["l.1.1", "l.1.2"]
    assert vision.skills[0].title == "Share a vision with stakeholders."
    assert vision.skills[0].level_descriptors == ("Has heard of it.", "Does it with help.", "Leads it.")
    assert vision.skills[1].level_descriptors == ("", "Plans with help.", "")
    assert [lv.value for lv in back.scale.levels] == [0, 1, 2]  # scores 0.5, 1.5, 2.5 by position
    assert "s-shared" not in back.skill_by_id
    assert [s.title for s in back.area_by_id["o.1"].skills] == [
        "<script>alert('x')</script> Secure the [red]network[/red] \u202eevil",
        "A skill with two parents",
    ]
    # a duplicated humanCodingScheme does not make a duplicate id
    assert back.skill_by_id["ferpa-basics"].title == "FERPA basics"
    other = back.area_by_id["other-items"]
    assert {s.title for s in other.skills} >= {"Ethics", "Orphan skill", "Child of another document", "Untitled item"}
    # control characters (the ANSI colour codes in the title) are gone; markup stays literal text
    assert "\x1b" not in back.title
    assert back.title == "District [31mTech[0m Competencies [bold red]v2[/]"


def test_flat_list_becomes_one_area_with_the_default_scale(tmp_path: Path) -> None:
    result = import_case(read_case_file(FIXTURES / "case_flat.json"))
    back = write_import(result, tmp_path / "flat")
    assert len(back.categories) == 1
    assert [s.title for s in back.skills] == ["Uses strong passwords", "Cites sources", "Reports cyberbullying"]
    assert [lv.value for lv in back.scale.levels] == [0, 1, 2, 3, 4]
    assert any("no CFRubrics" in n for n in result.notes)


def test_a_wrapped_package_and_a_case_1_0_style_string_link(tmp_path: Path) -> None:
    package = read_case_file(FIXTURES / "case_flat.json")
    package["CFAssociations"] = [
        {
            "associationType": "isChildOf",
            "originNodeURI": "https://flat.example.org/f2",
            "destinationNodeURI": "https://flat.example.org/doc",
            "sequenceNumber": 1,
        },
    ]
    back = write_import(import_case({"CFPackage": package}), tmp_path / "wrapped")
    assert back.skills[0].title == "Cites sources"


def test_long_statements_are_shortened_not_refused(tmp_path: Path) -> None:
    package = read_case_file(FIXTURES / "case_flat.json")
    package["CFItems"][0]["fullStatement"] = "word " * 2000
    result = import_case(package)
    back = write_import(result, tmp_path / "long")
    assert len(back.skills[0].title) <= 300
    assert len(back.skills[0].description) <= 4000
    assert any("shortened" in n for n in result.notes)


def test_a_very_deep_chain_does_not_hit_the_recursion_limit(tmp_path: Path) -> None:
    depth = 3000
    items = [{"identifier": f"n{i}", "fullStatement": f"Level {i}"} for i in range(depth)]
    associations = [
        {
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": f"n{i}"},
            "destinationNodeURI": {"identifier": f"n{i - 1}" if i else "doc"},
        }
        for i in range(depth)
    ]
    package = {"CFDocument": {"identifier": "doc", "title": "Deep"}, "CFItems": items, "CFAssociations": associations}
    back = write_import(import_case(package), tmp_path / "deep")
    assert len(back.skills) == 1
    assert back.skills[0].title == f"Level {depth - 1}"


def test_id_override() -> None:
    result = import_case(read_case_file(FIXTURES / "case_flat.json"), framework_id="citizenship")
    assert result.files["framework.toml"]["framework"]["id"] == "citizenship"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{\n  "CFDocument": {\n    "title": "x",\n    oops\n  }\n}', "not valid JSON", 4),
        ("[1, 2, 3]", "no CFDocument", 0),
        ('{"CFDocument": "a string"}', "no CFDocument", 0),
        ('{"CFDocument": {"title": "x"}, "CFItems": {"a": 1}}', "CFItems is not a list", 0),
        ('{"CFDocument": {"title": "x"}, "CFItems": []}', "no CFItems", 0),
        ('{"CFDocument": {"title": "x"}, "CFItems": ["a", 1, null]}', "no CFItems", 0),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply", 1),
    ],
)
def test_unusable_input_is_a_clear_problem(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "package.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        import_case(read_case_file(path), shown=str(path))
    problem = caught.value.problems[0]
    assert message in problem.message
    assert problem.line == line


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "a.json"
    binary.write_bytes(b"\x00\x01\x02{}")
    with pytest.raises(ContentError, match="binary"):
        read_case_file(binary)
    latin = tmp_path / "b.json"
    latin.write_bytes('{"CFDocument": {"title": "Caf\xe9"}}'.encode("latin-1"))
    with pytest.raises(ContentError, match="UTF-8"):
        read_case_file(latin)


def test_markdown_titles() -> None:
    assert plain_title("## **Bold** and *it* with [a link](https://x.example) and `code`") == (
        "Bold and it with a link and code"
    )
    assert plain_title("snake_case and 2*3*4 stay") == "snake_case and 2*3*4 stay"


# fuzzing: whatever a package holds, the import either works or says why ------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), st.text(max_size=30)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
FIELDS = [
    "identifier",
    "uri",
    "fullStatement",
    "abbreviatedStatement",
    "humanCodingScheme",
    "CFItemType",
    "notes",
    "extensions",
    "associationType",
    "originNodeURI",
    "destinationNodeURI",
    "sequenceNumber",
    "CFItemURI",
    "CFRubricCriteria",
    "CFRubricCriterionLevels",
    "score",
    "quality",
    "description",
    "title",
    "version",
    "CFItems",
    "CFAssociations",
    "CFRubrics",
    "CFDefinitions",
    "position",
    "licenseURI",
]


@pytest.fixture(scope="module")
def mini_package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from ctoprep.formats.loading import load_framework

    framework = load_framework(write_mini(tmp_path_factory.mktemp("fuzz")))
    return through_json(export_case(framework, changed_at=MOMENT))


def records(package: dict[str, Any]) -> list[dict[str, Any]]:
    items = package.get("CFItems") if isinstance(package.get("CFItems"), list) else []
    links = package.get("CFAssociations") if isinstance(package.get("CFAssociations"), list) else []
    out = [package, package.get("CFDocument"), *items, *links]
    for rubric in package.get("CFRubrics", []) if isinstance(package.get("CFRubrics"), list) else []:
        out.append(rubric)
        criteria = rubric.get("CFRubricCriteria") if isinstance(rubric, dict) else None
        for criterion in criteria if isinstance(criteria, list) else []:
            out.append(criterion)
            if isinstance(criterion, dict) and isinstance(criterion.get("CFRubricCriterionLevels"), list):
                out.extend(criterion["CFRubricCriterionLevels"])
    return [r for r in out if isinstance(r, dict)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_packages_never_crash(
    data: st.DataObject, mini_package: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    package = copy.deepcopy(mini_package)
    for _ in range(data.draw(st.integers(1, 8))):
        targets = records(package)
        record = data.draw(st.sampled_from(targets))
        key = data.draw(st.sampled_from(FIELDS))
        if data.draw(st.booleans()):
            record.pop(key, None)
        else:
            record[key] = data.draw(json_values)
    try:
        result = import_case(package)
    except ContentError:
        return
    write_import(result, tmp_path_factory.mktemp("fuzzed"))
