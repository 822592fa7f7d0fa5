"""Loading and validation: a valid mini framework, and one broken file per kind of mistake."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ctoprep.core.problems import ContentError, Severity
from ctoprep.formats.loading import (
    CACHE_SCHEMA,
    check_framework,
    check_question_banks,
    load_framework,
    load_question_banks,
)


def errors_of(folder: Path) -> list[str]:
    _, problems = check_framework(folder)
    return [p.format() for p in problems if p.severity is Severity.ERROR]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_mini_framework_resolves(mini: Path) -> None:
    fw = load_framework(mini)
    assert fw.id == "mini"
    assert [a.id for a in fw.areas] == ["alpha", "beta"]
    assert [s.id for s in fw.skills] == ["alpha.one", "alpha.two", "beta.one", "beta.two"]
    assert fw.scale.values == (0, 1, 2)
    profile = fw.default_profile
    assert profile is not None
    # area target applies to every skill of the area; a skill target overrides its area's
    assert profile.skill_targets["alpha.two"].min == 2
    assert profile.skill_targets["alpha.two"].importance == 2
    assert (profile.skill_targets["beta.one"].min, profile.skill_targets["beta.one"].max) == (1, 2)
    assert "beta.two" not in profile.skill_targets
    assert fw.blueprint is not None
    assert fw.blueprint.area_weights == {"alpha": 60, "beta": 40}
    # an area in 'develops' expands to all its skills
    read = fw.activity_by_id["read"]
    assert {d.skill_id: d.strength for d in read.develops} == {"alpha.one": 2, "beta.one": 1, "beta.two": 1}
    assert len(fw.content_hash) == 64


def test_content_hash_changes_with_content(mini: Path) -> None:
    before = load_framework(mini).content_hash
    replace_in(mini / "areas" / "alpha.toml", 'title = "One"', 'title = "Uno"')
    assert load_framework(mini).content_hash != before


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # TOML syntax error: line and column from the parser
        ("framework.toml", 'title = "Mini framework"', 'title = "Mini framework', "framework.toml:3:"),
        # unknown key with a did-you-mean hint
        ("framework.toml", 'version = "1.0"', 'version = "1.0"\ntitel = "x"', "framework.toml:5:1: error: unknown key"),
        # missing required key
        ("framework.toml", 'version = "1.0"\n', "", "missing required key 'version'"),
        # wrong type, reported at the key's line
        ("areas/alpha.toml", 'title = "Area alpha"', "title = 5", "areas/alpha.toml:3:1: error: title:"),
        # category lists an area with no file
        (
            "framework.toml",
            '"alpha", "beta"',
            '"alpha", "beta", "gamma"',
            "framework.toml:26:27: error: unknown area 'gamma'",
        ),
        # duplicate skill id across areas
        ("areas/beta.toml", 'id = "beta.two"', 'id = "alpha.one"', "duplicate skill id 'alpha.one'"),
        # level descriptors must match the scale
        ("areas/alpha.toml", '["zero", "one", "two"]', '["zero", "one"]', "areas/alpha.toml:9:1: error: skill"),
        # unknown PD focus
        ("areas/beta.toml", 'pd_focuses = ["planning"]', 'pd_focuses = ["plannning"]', "did you mean 'planning'"),
        # profile target off the scale
        ("profiles.toml", "level = 2", "level = 7", "profiles.toml:8:1: error: target level 7 is not on the scale"),
        # profile target naming an unknown skill
        (
            "profiles.toml",
            'skill = "beta.one"',
            'skill = "beta.on"',
            "profiles.toml:12:1: error: unknown skill 'beta.on'",
        ),
        # blueprint weights must sum to 100
        ("blueprint.toml", "beta = 40", "beta = 30", "blueprint weights sum to 90, not 100"),
        # catalogue references an unknown skill
        (
            "catalogue.toml",
            'skill = "alpha.one"',
            'skill = "alpha.uno"',
            "catalogue.toml:12:13: error: unknown skill 'alpha.uno'",
        ),
        # catalogue: unknown format value
        ("catalogue.toml", 'format = "reading"', 'format = "podcast"', "catalogue.toml:8:1: error: format:"),
        # two profiles marked default
        (
            "profiles.toml",
            "default = true",
            'default = true\n[[profiles]]\nid = "q"\ntitle = "Q"\ndefault = true',
            "more than one profile is marked default",
        ),
    ],
)
def test_each_mistake_is_reported_with_file_line_and_message(
    mini: Path, file: str, old: str, new: str, expected: str
) -> None:
    replace_in(mini / file, old, new)
    errors = errors_of(mini)
    assert errors, "expected an error"
    assert any(expected in e for e in errors), errors
    with pytest.raises(ContentError):
        load_framework(mini)


def test_every_problem_is_reported_not_only_the_first(mini: Path) -> None:
    replace_in(mini / "profiles.toml", "level = 2", "level = 9")
    replace_in(mini / "blueprint.toml", "beta = 40", "beta = 10")
    replace_in(mini / "catalogue.toml", 'skill = "alpha.one"', 'skill = "nope"')
    errors = errors_of(mini)
    assert len(errors) >= 3
    assert {e.split(":")[0].rsplit("/", 1)[-1] for e in errors} >= {"profiles.toml", "blueprint.toml", "catalogue.toml"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02garbage\xff", "binary file"),
        (b'title = "caf\xe9"\n', "not UTF-8"),
        (b"[framework\n", "TOML syntax error"),
    ],
)
def test_unreadable_framework_file(mini: Path, content: bytes, expected: str) -> None:
    (mini / "framework.toml").write_bytes(content)
    errors = errors_of(mini)
    assert any(expected in e and "framework.toml" in e for e in errors), errors


def test_not_a_framework_folder(tmp_path: Path) -> None:
    _, problems = check_framework(tmp_path)
    assert "framework.toml is missing" in problems[0].message


def test_area_not_listed_by_a_category(mini: Path) -> None:
    (mini / "areas" / "gamma.toml").write_text(
        '[area]\nid = "gamma"\ntitle = "G"\n[[skills]]\nid = "g.x"\ntitle = "X"\n'
    )
    assert any("area 'gamma' is not listed by any category" in e for e in errors_of(mini))


def test_empty_area(mini: Path) -> None:
    (mini / "areas" / "beta.toml").write_text('[area]\nid = "beta"\ntitle = "B"\n')
    assert any("area 'beta' has no skills" in e for e in errors_of(mini))


# question banks ------------------------------------------------------------------------------


def test_bank_loads(mini: Path) -> None:
    fw = load_framework(mini)
    bank = load_question_banks([mini.parent / "bank.toml"], fw)
    (q,) = bank.questions
    assert q.key_index == 1
    assert bank.area_of_question == {"q1": "alpha"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('answer = "B"', 'answer = "D"', "bank.toml:5:1: error: answer 'D' is not among the 2 options"),
        ('skills = ["alpha.one"]', 'skills = ["alpha.onr"]', "bank.toml:7:11: error: unknown skill 'alpha.onr'"),
        ('framework = "mini"', 'framework = "other"', "bank is for framework 'other'"),
        ('[[questions.options]]\ntext = "Yes"', "", "options: List should have at least 2 items"),
    ],
)
def test_bank_mistakes(mini: Path, old: str, new: str, expected: str) -> None:
    bank_path = mini.parent / "bank.toml"
    replace_in(bank_path, old, new)
    fw = load_framework(mini)
    _, problems = check_question_banks([bank_path], fw)
    formatted = [p.format() for p in problems]
    assert any(expected in f for f in formatted), formatted


def test_duplicate_question_ids_across_files(mini: Path) -> None:
    first = mini.parent / "bank.toml"
    second = mini.parent / "bank2.toml"
    second.write_text(first.read_text())
    fw = load_framework(mini)
    _, problems = check_question_banks([first, second], fw)
    dup = [p for p in problems if "duplicate question id 'q1'" in p.message]
    assert dup
    assert dup[0].file.endswith("bank2.toml")
    assert dup[0].line == 6
    assert "bank.toml:6" in dup[0].message


def _age(path: Path, seconds: float = 60) -> None:
    """Date a file back, as a bank file the user has not just edited."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_warm_cache_gives_the_same_bank(mini: Path, tmp_path: Path) -> None:
    fw = load_framework(mini)
    cache = tmp_path / "cache"
    _age(mini.parent / "bank.toml")
    cold = load_question_banks([mini.parent / "bank.toml"], fw, cache)
    assert list(cache.iterdir()), "cache written"
    warm = load_question_banks([mini.parent / "bank.toml"], fw, cache)
    assert warm.questions == cold.questions


def test_stale_cache_is_not_used(mini: Path, tmp_path: Path) -> None:
    fw = load_framework(mini)
    cache = tmp_path / "cache"
    bank_path = mini.parent / "bank.toml"
    _age(bank_path)
    load_question_banks([bank_path], fw, cache)
    replace_in(bank_path, 'stem = "What?"', 'stem = "Which?"')
    assert load_question_banks([bank_path], fw, cache).questions[0].stem == "Which?"


def test_an_edited_bank_file_has_one_cache_file_not_one_per_version(mini: Path, tmp_path: Path) -> None:
    fw = load_framework(mini)
    cache = tmp_path / "cache"
    bank_path = mini.parent / "bank.toml"
    stems = ("What?", "Which?", "Where?", "When?")
    for i, stem in enumerate(stems):
        if i:
            replace_in(bank_path, f'stem = "{stems[i - 1]}"', f'stem = "{stem}"')
        _age(bank_path, 60 - i)  # a distinct time for each edit, none of them just now
        assert load_question_banks([bank_path], fw, cache).questions[0].stem == stem
        assert load_question_banks([bank_path], fw, cache).questions[0].stem == stem  # from the cache
    assert len(list(cache.glob("bank-*.json"))) == 1


def test_caches_of_an_earlier_format_are_deleted_when_a_cache_is_written(mini: Path, tmp_path: Path) -> None:
    fw = load_framework(mini)
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / "bank-2-0123456789abcdef0123456789abcdef01234567.json"
    old.write_text("{}")
    other = cache / "framework-0123.json"
    other.write_text("{}")
    _age(mini.parent / "bank.toml")
    load_question_banks([mini.parent / "bank.toml"], fw, cache)
    assert not old.exists()
    assert other.exists()
    assert [p.name.split("-")[1] for p in cache.glob("bank-*.json")] == [CACHE_SCHEMA]


def test_a_file_just_written_is_read_not_cached(mini: Path, tmp_path: Path) -> None:
    """Two writes of the same size inside one tick of the file clock must not share a cache entry."""
    fw = load_framework(mini)
    cache = tmp_path / "cache"
    bank_path = mini.parent / "bank.toml"
    replace_in(bank_path, 'stem = "What?"', 'stem = "Which"')
    assert load_question_banks([bank_path], fw, cache).questions[0].stem == "Which"
    replace_in(bank_path, 'stem = "Which"', 'stem = "Where"')  # same size, same moment
    assert load_question_banks([bank_path], fw, cache).questions[0].stem == "Where"
    assert not cache.exists() or not list(cache.iterdir())


def test_a_broken_area_file_is_reported_alone_not_with_every_reference_to_it(mini: Path) -> None:
    area = next((mini / "areas").glob("*.toml"))
    area.write_text(area.read_text() + "\nbroken = [\n")
    framework, problems = check_framework(mini)
    assert framework is None
    errors = [p.format() for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 1
    assert area.name in errors[0]
    assert "TOML syntax error" in errors[0]
    assert any("not checked yet" in p.format() for p in problems if p.severity is Severity.WARNING)
