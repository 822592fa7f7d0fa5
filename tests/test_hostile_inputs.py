"""Hostile and broken inputs get a clear error with the file and place, never a crash (issue: trust)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctoprep.cli.main import main
from ctoprep.core.problems import ContentError
from ctoprep.formats.exchange_files import read_assessment
from ctoprep.formats.toml_source import parse_toml_text
from ctoprep.services.content import Library


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[bank]\nid = "x"\nq = ' + "[" * 500 + "]" * 500 + "\n", 3),
        ("a." * 1200 + "b = 1\n", 1),
    ],
)
def test_deeply_nested_toml_is_a_clear_error_with_its_line(text: str, line: int) -> None:
    with pytest.raises(ContentError) as caught:
        parse_toml_text(text, Path("deep.toml"))
    (problem,) = caught.value.problems
    assert problem.file == "deep.toml"
    assert problem.line == line
    assert "too deeply nested" in problem.message


def test_a_broken_bank_of_the_users_own_is_skipped_and_the_rest_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "question_banks" / "cosn-k12-cto"
    folder.mkdir(parents=True)
    (folder / "deep.toml").write_text('[bank]\nid = "x"\nq = ' + "[" * 500 + "]" * 500 + "\n")
    library = Library(tmp_path)
    bank = library.questions(library.framework("cosn-k12-cto"))
    assert len(bank.questions) >= 400
    assert bank.skipped
    assert "deep.toml" in bank.skipped[0]
    code = main(["--home", str(tmp_path), "validate"])
    err = capsys.readouterr()
    assert code == 1
    assert "deep.toml:3" in err.out + err.err
    assert "internal error" not in err.out + err.err


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("created_at", "0001-01-01T00:00:00+05:00"),
        ("updated_at", "9999-12-31T23:59:59-05:00"),
        ("id", "x" * 4_000_000),
        ("profile", "p" * 10_000),
    ],
)
def test_out_of_range_times_and_huge_ids_are_refused(tmp_path: Path, field: str, value: str) -> None:
    doc = {
        "format": "ctoprep.assessment",
        "schema_version": 1,
        "framework": {"id": "cosn-k12-cto", "version": "1"},
        field: value,
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ContentError) as caught:
        read_assessment(path)
    assert any(field in (p.key_path or p.message) for p in caught.value.problems)


def test_imports_into_the_data_folder_are_private_even_under_umask_000(tmp_path: Path) -> None:
    import os
    import stat

    gift = tmp_path / "q.gift"
    gift.write_text("::q1:: Which is right? {=Yes ~No ~Maybe}\n")
    home = tmp_path / "new-home"
    old = os.umask(0)
    try:
        code = main(["--home", str(home), "import-questions", str(gift), "--skill", "lv.shared-vision"])
    finally:
        os.umask(old)
    assert code == 0
    made = [home, *home.rglob("*")]
    assert len(made) > 2
    for path in made:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {mode:o}"
