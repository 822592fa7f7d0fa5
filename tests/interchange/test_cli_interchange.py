"""The four interchange commands, called through ``main(argv)`` as a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli

from ctoprep.formats.loading import check_framework, check_question_banks, load_framework
from tests.conftest import run_fresh
from tests.interchange.conftest import FIXTURES, run

# export-case ------------------------------------------------------------------------------------


def test_export_case_writes_a_valid_package(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, case_validator: Any
) -> None:
    target = tmp_path / "mini.json"
    code, _, err = run(capsys, "export-case", "mini", "-o", str(target))
    assert code == 0, err
    assert f"wrote {target}" in err
    package = json.loads(target.read_text(encoding="utf-8"))
    assert not list(case_validator.iter_errors(package))
    code, _, err = run(capsys, "export-case", "mini", "-o", str(target))
    assert code == 1
    assert "use --force" in err
    assert run(capsys, "export-case", "mini", "-o", str(target), "--force")[0] == 0


def test_export_case_is_reproducible(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = run(capsys, "export-case", "mini", "-o", "-", "--base-uri", "https://case.example.org/uri/")[1]
    second = run(capsys, "export-case", "mini", "-o", "-", "--base-uri", "https://case.example.org/uri/")[1]
    assert first == second
    assert '"lastChangeDateTime": "2023-11-14T22:13:20Z"' in first
    assert '"uri": "https://case.example.org/uri/' in first


def test_export_case_rejects_a_base_that_is_no_uri(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = run(capsys, "export-case", "mini", "-o", "-", "--base-uri", "not a uri")
    assert code == 1
    assert "is not a URI" in err


# import-case ------------------------------------------------------------------------------------


def test_import_case_puts_a_usable_framework_in_the_library(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "import-case", str(FIXTURES / "case_deep.json"))
    assert code == 0, err
    folder = home / "frameworks" / "grade-5-mathematics-standards"
    assert f"into {folder}" in out
    assert "5 skills (1 with level descriptors)" in out
    assert "ready to use" in out
    assert "case_deep.json: warning: associations other than isChildOf are not mapped" in err
    framework, problems = check_framework(folder)
    assert framework is not None
    assert not problems
    first_line = (folder / "framework.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("#:schema ")
    assert first_line.endswith("/schemas/framework.schema.json")
    schema_path = (folder / first_line.removeprefix("#:schema ")).resolve()
    assert schema_path.is_file()  # the #:schema line leads to the real schema
    code, out, _ = run(capsys, "frameworks", "--json")
    assert "grade-5-mathematics-standards" in out
    code, out, _ = run(capsys, "show", "grade-5-mathematics-standards", "--no-questions")
    assert code == 0
    assert "Evaluate expressions with grouping symbols" in out


def test_import_case_output_is_literal(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "import-case", str(FIXTURES / "case_messy.json"), "-o", str(tmp_path / "messy"))
    assert code == 0, err
    assert "[bold red]v2[/]" in out  # markup from the file is shown, not obeyed
    assert "\x1b" not in out + err
    assert "to use it, move the folder into" in out
    assert load_framework(tmp_path / "messy").id.startswith("district-")


def test_import_case_refuses_to_overwrite_or_to_shadow(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    package = tmp_path / "mini.json"
    assert run(capsys, "export-case", "mini", "-o", str(package))[0] == 0
    code, _, err = run(capsys, "import-case", str(package))
    assert code == 1
    assert "frameworks/mini exists" in err  # the same folder: only --force replaces it
    (home / "frameworks" / "mini").rename(home / "frameworks" / "mini-folder")
    code, _, err = run(capsys, "import-case", str(package))
    assert code == 1
    assert "a framework with id 'mini' already exists (user" in err  # it would shadow the other one
    assert "--id" in err
    assert run(capsys, "import-case", str(package), "--id", "mini-copy")[0] == 0
    code, _, err = run(capsys, "import-case", str(package), "--id", "mini-copy")
    assert code == 1
    assert "use --force" in err
    code, _, err = run(capsys, "import-case", str(package), "--id", "Not An Id")
    assert code == 1
    assert "not a usable id" in err


def test_force_replaces_a_framework_folder_and_nothing_else(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "fw"
    assert run(capsys, "import-case", str(FIXTURES / "case_deep.json"), "-o", str(target))[0] == 0
    assert len(list((target / "areas").glob("*.toml"))) == 2
    assert run(capsys, "import-case", str(FIXTURES / "case_flat.json"), "-o", str(target), "--force")[0] == 0
    assert [p.name for p in (target / "areas").glob("*.toml")] == ["digital-citizenship-checklist.toml"]
    assert check_framework(target)[0] is not None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folders left behind

    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    code, _, err = run(capsys, "import-case", str(FIXTURES / "case_flat.json"), "-o", str(precious), "--force")
    assert code == 1
    assert "not a framework folder; refusing" in err
    assert (precious / "thesis.txt").read_text() == "years of work"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{\n  "CFDocument": {\n    "title": "x",\n    oops\n  }\n}', "package.json:4:5: error: not valid JSON"),
        (b"\x00\x01binary", "binary file"),
        (b'{"CFDocument": {"title": "x"}, "CFItems": []}', "no CFItems"),
        (b"[" * 200_000, "nested too deeply"),
    ],
)
def test_import_case_bad_input(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "package.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "import-case", str(path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert expected in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_import_case_missing_or_folder(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, make: str
) -> None:
    path = tmp_path / "x.json"
    if make == "folder":
        path.mkdir()
    code, _, err = run(capsys, "import-case", str(path))
    assert code == 1
    assert ("file not found" if make == "missing" else "is a folder") in err


# import-questions ------------------------------------------------------------------------------


def test_import_questions_gift_into_the_library(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(
        capsys, "import-questions", str(FIXTURES / "questions.gift"), "--framework", "mini", "--skill", "beta.one"
    )
    assert code == 0, err
    target = home / "question_banks" / "mini" / "questions.toml"
    assert f"imported 7 questions into {target} (6 skipped)" in out
    assert "questions.gift:38:1: warning: skipped essay: an essay question" in err
    assert "questions.gift:32:1: warning: weighted: partial credit of option B was dropped" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#:schema ")
    assert "question-bank.schema.json" in text.splitlines()[0]
    framework = load_framework(home / "frameworks" / "mini")
    bank, problems = check_question_banks([target], framework)
    assert bank is not None
    assert not problems
    data = tomli.loads(text)
    assert data["bank"] == {"id": "questions", "framework": "mini", "title": "questions"}
    code, out, _ = run(capsys, "validate")
    assert code == 0


def test_import_questions_reports_every_malformed_question(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.toml"
    code, _, err = run(
        capsys, "import-questions", str(FIXTURES / "questions_bad.gift"), "--framework", "mini", "-o", str(target)
    )
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert len(lines) == 7
    assert lines[0].endswith(
        "questions_bad.gift:3:52: error: '{' is never closed (hint: end the answers with '}'; "
        "escape a literal brace as \\{)"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("questions_bad.aiken", "aiken", "questions_bad.aiken:3:1: error: option C where B was expected"),
        ("questions_bad.csv", "csv", "questions_bad.csv:2:1: error: answer 'E' is not one of the options A..B"),
    ],
)
def test_import_questions_errors_in_other_formats(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, name: str, fmt: str, expected: str
) -> None:
    code, _, err = run(
        capsys,
        "import-questions",
        str(FIXTURES / name),
        "--format",
        fmt,
        "--framework",
        "mini",
        "-o",
        str(tmp_path / "x.toml"),
    )
    assert code == 1
    assert expected in err


def test_import_questions_aiken_and_csv(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    code, out, err = run(
        capsys,
        "import-questions",
        str(FIXTURES / "questions.aiken"),
        "--framework",
        "mini",
        "--skill",
        "alpha.two",
        "-o",
        str(tmp_path / "aiken.toml"),
    )
    assert code == 0, err
    assert "imported 3 questions" in out
    assert "skipped question at line 17: has 9 options; ctoprep allows 2 to 8" in err
    code, out, err = run(
        capsys,
        "import-questions",
        str(FIXTURES / "questions.csv"),
        "--framework",
        "mini",
        "-o",
        str(tmp_path / "csv.toml"),
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 3
    assert report["skipped"][0]["line"] == 7


def test_hostile_questions_are_stored_and_shown_as_text(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "hostile.toml"
    code, _out, err = run(
        capsys,
        "import-questions",
        str(FIXTURES / "hostile.gift"),
        "--framework",
        "mini",
        "--skill",
        "alpha.one",
        "-o",
        str(target),
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "\x07" not in text
    (question,) = tomli.loads(text)["questions"]
    assert question["stem"] == "[bold red]Markup[/bold red] and an escape sequence [31mred[0m here?"
    assert question["options"][2]["text"] == "Right-to-left \u202eoverride"


def test_import_questions_usage_problems(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    plain = tmp_path / "questions.txt"
    plain.write_text("Q?\nA. a\nB. b\nANSWER: A\n")
    code, _, err = run(capsys, "import-questions", str(plain), "--framework", "mini")
    assert code == 1
    assert "give --format" in err
    code, _, err = run(
        capsys, "import-questions", str(plain), "--format", "aiken", "--framework", "mini", "--skill", "alpha.onee"
    )
    assert code == 1
    assert "did you mean 'alpha.one'" in err
    code, _, err = run(capsys, "import-questions", str(plain), "--format", "aiken", "--framework", "mini")
    assert code == 1
    assert "no question in" in err
    assert "skipped question at line 1: no skill" in err
    code, _, err = run(capsys, "import-questions", str(plain), "--format", "gift", "--framework", "nope")
    assert code == 1
    assert "no framework with this id" in err


# export-questions ------------------------------------------------------------------------------


def test_export_then_import_questions_round_trip(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    bank = home / "frameworks" / "bank.toml"
    for fmt in ("gift", "csv"):
        exported = tmp_path / f"out.{fmt}"
        code, _, err = run(
            capsys, "export-questions", "mini", "--bank", str(bank), "--format", fmt, "-o", str(exported)
        )
        assert code == 0, err
        if fmt == "csv":
            assert exported.read_bytes().startswith(b"\xef\xbb\xbf")
        else:
            assert "$CATEGORY: $course$/top/mini/alpha/alpha.one" in exported.read_text(encoding="utf-8")
        back = tmp_path / f"back-{fmt}.toml"
        code, _, err = run(capsys, "import-questions", str(exported), "--framework", "mini", "-o", str(back))
        assert code == 0, err
        original = tomli.loads(bank.read_text())["questions"]
        again = tomli.loads(back.read_text())["questions"]
        framework = load_framework(home / "frameworks" / "mini")
        assert [q.model_dump() for q in check_question_banks([back], framework)[0].questions] == [  # type: ignore[union-attr]
            q.model_dump()
            for q in check_question_banks([bank], framework)[0].questions  # type: ignore[union-attr]
        ]
        assert again[0]["id"] == original[0]["id"] == "q1"


def test_export_questions_needs_questions(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = run(capsys, "export-questions", "mini", "-o", "-")
    assert code == 1
    assert "no questions to export" in err
    code, _, err = run(
        capsys,
        "export-questions",
        "mini",
        "--bank",
        str(home / "frameworks" / "bank.toml"),
        "--area",
        "gamma",
        "-o",
        "-",
    )
    assert code == 1
    assert "has no area 'gamma'" in err


def test_bundled_bank_survives_moodle_format(capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path) -> None:
    from ctoprep.core.problems import ContentError
    from ctoprep.services.content import Library

    try:
        library = Library(home)
        framework = library.framework("cosn-k12-cto")
        bank = library.questions(framework)
    except ContentError as exc:
        pytest.skip(f"the bundled content does not load right now: {exc.problems[0].format()}")
    gift = tmp_path / "bank.gift"
    assert run(capsys, "export-questions", "cosn-k12-cto", "-o", str(gift))[0] == 0
    back = tmp_path / "back.toml"
    code, _, err = run(capsys, "import-questions", str(gift), "-o", str(back), "--framework", "cosn-k12-cto")
    assert code == 0, err
    assert "question ids are already used by other banks" in err  # the bundled banks hold them
    imported, problems = check_question_banks([back], framework)
    assert imported is not None
    assert not problems

    from ctoprep.formats.gift import unwrap

    def content(q: Any) -> dict[str, Any]:
        # the export joins the bank files' hard line breaks (Moodle would break mid-sentence)
        data: dict[str, Any] = q.model_dump(exclude={"id"})
        data["stem"] = unwrap(data["stem"])
        data["explanation"] = unwrap(data["explanation"])
        data["options"] = [{**o, "text": unwrap(o["text"]), "why": unwrap(o["why"])} for o in data["options"]]
        return data

    assert [content(q) for q in imported.questions] == [content(q) for q in bank.questions]


def test_interchange_imports_neither_rich_nor_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, ctoprep.formats\n"
        "for m in pkgutil.walk_packages(ctoprep.formats.__path__, 'ctoprep.formats.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    run_fresh(code)


def test_a_windows_1252_question_csv_is_read_as_the_ratings_csv_is(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    """One decoding policy: a CSV saved by Excel as plain "CSV" (Windows-1252) imports, with a warning,
    as a ratings CSV does; the old question importer refused it."""
    source = tmp_path / "excel.csv"
    source.write_bytes(
        "Question,Option A,Option B,Correct\nWhich café plan sets goals?,The menu,The plan,B\n".encode("cp1252")
    )
    code, out, err = run(
        capsys, "import-questions", str(source), "--framework", "mini", "--skill", "beta.one", "-o", "-"
    )
    assert code == 0, err
    assert "Which café plan sets goals?" in out
    assert "excel.csv: warning: file is not UTF-8; read it as Windows-1252" in err


def test_binary_and_non_utf8_files_name_the_place(tmp_path: Path) -> None:
    from ctoprep.core.decoding import decode_csv, decode_utf8
    from ctoprep.core.problems import ContentError

    with pytest.raises(ContentError) as bad:
        decode_utf8(b"a = 1\nb = 'caf\xe9'\n", "x.toml", "TOML text")
    (problem,) = bad.value.problems
    assert (problem.line, problem.col, problem.message) == (2, 9, "TOML text is not UTF-8 text")
    with pytest.raises(ContentError, match="binary"):
        decode_csv(b"PK\x03\x04\x00\x00", "x.csv", [])
    assert decode_utf8("\ufeffok".encode(), "x", "JSON text") == "ok"
