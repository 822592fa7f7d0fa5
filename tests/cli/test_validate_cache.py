"""``ctoprep validate`` answers an unchanged set of files from its last result, and only then.

The result is a pure function of the files, the working directory and the code (see
``ctoprep.services.validation``); these tests change each input and check the answer follows, and
check that a cached answer is exactly the full validation's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ctoprep.cli import output
from ctoprep.cli.main import main
from ctoprep.services import validation
from ctoprep.services.content import Library
from ctoprep.services.validation import results_cache, validate_content
from tests.conftest import run_fresh, write_mini


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CTOPREP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    output.reset()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cached_results(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "home" / "cache").glob("validated-*.json"))


def full_run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run(capsys, "validate", "--no-cache", *argv)


@pytest.mark.parametrize("json_output", [False, True])
def test_a_cached_answer_is_the_full_validation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, json_output: bool
) -> None:
    folder = write_mini(tmp_path)
    (folder / "areas" / "alpha.toml").write_text("[area]\nid = 3\n")  # an error, so problems are cached too
    flags = ["--json"] if json_output else []
    targets = [*flags, str(folder), str(tmp_path / "bank.toml")]
    first = run(capsys, "validate", *targets)
    assert len(cached_results(tmp_path)) == 1
    second = run(capsys, "validate", *targets)
    assert second == first == full_run(capsys, *targets)
    assert first[0] == 1


def test_the_bundled_content_cached_and_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "validate")
    assert run(capsys, "validate") == first == full_run(capsys)
    assert first[0] == 0


def test_the_cached_route_skips_the_checkers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_mini(tmp_path)
    library = Library(tmp_path / "home", use_cache=False)
    cache = results_cache(library.home)
    fresh = validate_content(library, [folder], [tmp_path / "bank.toml"], cache_dir=cache)

    def refuse(*_: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(validation, "_validate", refuse)
    again = validate_content(library, [folder], [tmp_path / "bank.toml"], cache_dir=cache)
    assert again.from_cache
    assert not fresh.from_cache
    assert (again.problems, again.checked) == (fresh.problems, fresh.checked)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "bank.toml").write_text((root / "bank.toml").read_text().replace('"B"', '"Z"')),
        lambda root: (root / "mini" / "areas" / "beta.toml").write_text("[area]\nid = 3\n"),
        lambda root: (root / "mini" / "profiles.toml").unlink(),
        lambda root: (root / "mini" / "areas" / "gamma.toml").write_text("[area]\n"),
        lambda root: [p.unlink() for p in (root / "mini" / "areas").iterdir()],
    ],
    ids=["bank edited", "area file broken", "optional file removed", "area file added", "areas emptied"],
)
def test_any_change_to_a_file_is_validated_in_full(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: object
) -> None:
    folder = write_mini(tmp_path)
    targets = ["--json", str(folder), str(tmp_path / "bank.toml")]
    before = run(capsys, "validate", *targets)
    change(tmp_path)  # type: ignore[operator]
    after = run(capsys, "validate", *targets)
    assert after == full_run(capsys, *targets)
    assert after != before
    assert len(cached_results(tmp_path)) == 2


def test_a_framework_a_bank_names_from_the_library_is_part_of_the_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A bank validated alone is checked against its framework from the library: editing that
    framework must be seen, though it is not among the files named."""
    user_frameworks = tmp_path / "home" / "frameworks"
    user_frameworks.mkdir(parents=True)
    write_mini(user_frameworks)
    bank = user_frameworks / "bank.toml"
    first = run(capsys, "validate", "--json", str(bank))
    assert json.loads(first[1])["ok"] is True
    area = user_frameworks / "mini" / "areas" / "alpha.toml"
    area.write_text(area.read_text().replace('id = "alpha.one"', 'id = "alpha.uno"'))  # the bank's skill
    second = run(capsys, "validate", "--json", str(bank))
    assert second == full_run(capsys, "--json", str(bank))
    assert second != first


def test_paths_follow_the_working_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_mini(tmp_path)
    (folder / "areas" / "alpha.toml").write_text("[area]\nid = 3\n")
    run(capsys, "validate", str(folder))
    monkeypatch.chdir(folder)
    code, _, err = run(capsys, "validate", str(folder))
    assert code == 1
    assert "areas/alpha.toml:2" in err
    assert "mini/areas" not in err  # relative to the new working directory, not the old one


@pytest.mark.parametrize(
    "plant",
    [
        b"not json",
        b'{"format": "ctoprep.validation-cache", "key": "KEY", "problems": [], "checked": "no"}',
        b'{"format": "ctoprep.validation-cache", "key": "KEY", "problems": [{"file": 1}], "checked": []}',
        b'{"format": "ctoprep.validation-cache", "key": "other", "problems": [], "checked": []}',
    ],
    ids=["not JSON", "wrong shape", "bad problem", "another key"],
)
def test_a_damaged_or_planted_result_is_ignored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plant: bytes
) -> None:
    folder = write_mini(tmp_path)
    (folder / "areas" / "alpha.toml").write_text("[area]\nid = 3\n")
    first = run(capsys, "validate", str(folder))
    [result] = cached_results(tmp_path)
    key = result.name.removeprefix("validated-").removesuffix(".json")
    result.write_bytes(plant.replace(b"KEY", key.encode()))
    assert run(capsys, "validate", str(folder)) == first


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_never_answered_from_the_cache(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = write_mini(tmp_path)
    bank = tmp_path / "bank.toml"
    run(capsys, "validate", str(folder), str(bank))
    bank.chmod(0)
    try:
        code, _, err = run(capsys, "validate", str(folder), str(bank))
    finally:
        bank.chmod(0o600)
    assert code == 1
    assert "bank.toml" in err


def test_no_more_than_a_few_results_are_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_mini(tmp_path)
    bank = tmp_path / "bank.toml"
    for n in range(validation.KEEP + 3):
        bank.write_text(bank.read_text() + f"\n# edit {n}\n")
        run(capsys, "validate", str(folder), str(bank))
    assert len(cached_results(tmp_path)) == validation.KEEP


def test_a_cached_run_imports_neither_the_parser_nor_the_file_models(tmp_path: Path) -> None:
    """Issue #20: unchanged content answered without TOML parsing or pydantic (the whole point)."""
    home = tmp_path / "home"
    code = (
        "import contextlib, io, sys\n"
        "from ctoprep.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['--home', {str(home)!r}, 'validate'])\n"
        "heavy = [m for m in ('pydantic', 'ctoprep.formats.loading', 'ctoprep.formats.toml_source')"
        " if m in sys.modules]\n"
        "print(rc, heavy)\n"
    )
    runs = [run_fresh(code) for _ in "12"]
    assert [r.stdout.strip() for r in runs] == [
        "0 ['pydantic', 'ctoprep.formats.loading', 'ctoprep.formats.toml_source']",
        "0 []",
    ], runs[1].stderr


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The path of every TOML text parsed from here on, in order."""
    from ctoprep.formats import toml_source

    seen: list[Path] = []
    real = toml_source.parse_toml_text

    def counting(text: str, path: Path, digest: str = "") -> toml_source.TomlDocument:
        seen.append(Path(path))
        return real(text, path, digest)

    monkeypatch.setattr(toml_source, "parse_toml_text", counting)
    return seen


def test_banks_are_parsed_once(tmp_path: Path, parsed: list[Path]) -> None:
    folder = write_mini(tmp_path)
    bank = tmp_path / "bank.toml"
    library = Library(tmp_path / "home", use_cache=False)
    result = validate_content(library, [folder], [bank])
    assert result.errors == 0
    assert parsed.count(bank.resolve()) == 1


def test_other_checking_code_validates_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new ctoprep, parser or validator (another fingerprint) never reuses an older result."""
    folder = write_mini(tmp_path)
    library = Library(tmp_path / "home", use_cache=False)
    cache = results_cache(library.home)
    validate_content(library, [folder], [], cache_dir=cache)
    assert validate_content(library, [folder], [], cache_dir=cache).from_cache
    monkeypatch.setattr(validation, "_fingerprint", "another version of the checkers")
    assert not validate_content(library, [folder], [], cache_dir=cache).from_cache


def test_an_areas_folder_made_or_removed_is_seen(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An empty areas/ folder holds no file to hash, but whether it exists changes what is reported."""
    folder = write_mini(tmp_path)
    areas = folder / "areas"
    for path in areas.iterdir():
        path.unlink()
    with_folder = run(capsys, "validate", "--json", str(folder))
    areas.rmdir()
    without = run(capsys, "validate", "--json", str(folder))
    assert without == full_run(capsys, "--json", str(folder))
    assert "the areas/ folder is missing" in without[1]
    assert "the areas/ folder is missing" not in with_folder[1]


def test_a_file_changed_during_validation_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The result is kept under the key of the files as they were before; if one changed meanwhile, the
    result belongs to neither state, so it is not kept."""
    folder = write_mini(tmp_path)
    bank = tmp_path / "bank.toml"
    library = Library(tmp_path / "home", use_cache=False)
    cache = results_cache(library.home)
    real = validation._validate

    def edited_meanwhile(*args: object) -> validation.Validation:
        result = real(*args)  # type: ignore[arg-type]
        bank.write_text(bank.read_text() + "\n# edited while it was checked\n")
        return result

    monkeypatch.setattr(validation, "_validate", edited_meanwhile)
    validate_content(library, [folder], [bank], cache_dir=cache)
    assert cached_results(tmp_path) == []


def test_lint_parses_each_bank_once(tmp_path: Path, parsed: list[Path]) -> None:
    """lint groups banks by framework as validate does, from the same single reading of each file."""
    write_mini(tmp_path)
    bank = tmp_path / "bank.toml"
    output.reset()
    main(["lint", str(bank)])
    assert parsed.count(bank) == 1


def test_lint_counts_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_mini(tmp_path)
    _, out, _ = run(capsys, "lint", str(tmp_path / "bank.toml"))
    assert "lint: 1 question in 1 file: " in out
