"""Aiken and CSV readers, and the CSV writer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.models.questions import LETTERS, Question
from ctoprep.core.problems import Severity
from ctoprep.formats.aiken import read_aiken
from ctoprep.formats.common import read_text_file
from ctoprep.formats.csv_questions import read_csv, write_csv
from tests.interchange.conftest import FIXTURES


def test_aiken_fixture() -> None:
    parsed = read_aiken(read_text_file(FIXTURES / "questions.aiken", what="Aiken"), "questions.aiken")
    assert not parsed.problems
    first, second, third, fourth = parsed.drafts
    assert first.stem == "Which document sets the district's technology goals?"
    assert [o.text for o in first.options] == [
        "The help-desk ticket report",
        "The multi-year technology plan",
        "The device inventory",
    ]
    assert (first.answer, first.line) == (1, 1)
    assert second.stem == "A question whose text\nruns over two lines?"
    assert (second.answer, second.line) == (0, 7)  # 'B)' style options, lower-case 'answer: a'
    assert third.stem == "Which of these is an open standard for question banks [bold]in Moodle[/bold]?"
    assert third.line == 12  # no blank line needed after 'ANSWER:'
    assert len(fourth.options) == 9  # read; build_bank skips it (more than 8)


def test_aiken_errors_have_lines() -> None:
    parsed = read_aiken(read_text_file(FIXTURES / "questions_bad.aiken", what="Aiken"), "bad.aiken")
    assert [(p.line, p.message) for p in parsed.problems] == [
        (3, "option C where B was expected"),
        (9, "answer 'D' is not one of the options A..B"),
        (14, "expected 'ANSWER: X' after the options of the question at line 11"),
    ]
    assert parsed.problems[1].col == 8


def test_aiken_edge_cases() -> None:
    assert read_aiken("Q?\nA. a\nB. b", "x").problems[0].message == "the last question has no 'ANSWER:' line"
    assert "needs at least two" in read_aiken("Q?\nA. only\nANSWER: A", "x").problems[0].message
    assert read_aiken("ANSWER: A", "x").problems[0].message == "'ANSWER:' with no question before it"
    multi = read_aiken("Q?\nA. a\nB. b\nANSWER: A, B", "x")
    assert multi.skipped[0].reason == "more than one answer letter"
    # a stem that itself starts like an option is still the stem
    (draft,) = read_aiken("B. is a vitamin?\nA. yes\nB. no\nANSWER: A\n", "x").drafts
    assert draft.stem == "B. is a vitamin?"


def test_csv_fixture_with_aliases_bom_and_multiline_cells() -> None:
    parsed = read_csv(read_text_file(FIXTURES / "questions.csv", what="CSV"), "questions.csv")
    warnings = [p for p in parsed.problems if p.severity is Severity.WARNING]
    assert [p.message for p in warnings] == ["column 'Notes' is not used"]
    assert not parsed.errors
    first, second, third, fourth = parsed.drafts
    assert first.stem == "Which plan sets goals?\nPick one."
    assert [o.text for o in first.options] == ["The ticket report", "The multi-year plan", "The inventory"]
    assert first.options[0].why == "Tickets show demand."
    assert (first.answer, first.explanation) == (1, "A plan states goals.")
    assert (first.skills, first.tags, first.difficulty, first.cognitive) == (
        ("alpha.one",),
        ("planning", "goals"),
        3,
        "judge",
    )
    # the apostrophe that stops a spreadsheet from running a formula is removed again
    assert second.options[0].text == "=SUM(A1) adds up cells"
    assert second.stem == "What does '=SUM(A1) do in a cell?"
    assert second.category == ("Mini", "beta.two")
    assert third.category == ("Mini", "Two")
    assert fourth.line == 7  # the blank row is skipped, line numbers count the multi-line cell
    assert fourth.category == ("Unknown category",)


def test_csv_semicolons() -> None:
    (draft,) = read_csv(read_text_file(FIXTURES / "questions_semicolon.csv", what="CSV"), "x").drafts
    assert draft.stem == "Semicolons are used in Europe"
    assert draft.skills == ("beta.one",)


def test_csv_errors_have_lines() -> None:
    parsed = read_csv(read_text_file(FIXTURES / "questions_bad.csv", what="CSV"), "bad.csv")
    assert [(p.line, p.message) for p in parsed.errors] == [
        (2, "answer 'E' is not one of the options A..B"),
        (3, "option C is given but option B is empty"),
        (4, "difficulty 'extreme' is not 1, 2, 3, easy, medium or hard"),
        (5, "a row with no stem"),
        (6, "answer '' is not one of the options A..A"),
    ]


def test_csv_header_problems() -> None:
    assert "no header row with a 'stem'" in read_csv("a,b,c\n1,2,3\n", "x").problems[0].message
    assert "no 'answer' column" in read_csv("stem,A,B\nq,a,b\n", "x").problems[0].message
    assert "must include A and B" in read_csv("stem,B,C,answer\nq,a,b,A\n", "x").problems[0].message
    assert "two columns" in read_csv("stem,question,A,B,answer\n", "x").problems[0].message


def test_csv_huge_cell_is_an_error_with_its_line() -> None:
    text = "stem,A,B,answer\nok,a,b,A\n" + '"' + "x" * 200_000 + '",a,b,A\n'
    parsed = read_csv(text, "big.csv")
    assert len(parsed.drafts) == 1
    assert parsed.errors[0].line == 3
    assert "cannot read this row" in parsed.errors[0].message


def make(stem: str, options: list[tuple[str, str]], key: int, explanation: str, tags: list[str]) -> Question:
    return Question.model_validate(
        {
            "id": "q-1",
            "skills": ["alpha.one", "beta.two"],
            "difficulty": 1,
            "cognitive": "recall",
            "tags": tags,
            "stem": stem,
            "answer": LETTERS[key],
            "explanation": explanation,
            "options": [{"text": t, "why": w} for t, w in options],
        }
    )


cells = (
    st.lists(
        st.one_of(
            st.sampled_from([*list("=+-@',;\"\t\n "), "'=", "''"]),
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        ),
        min_size=1,
        max_size=20,
    )
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)
tags = st.lists(cells.map(lambda t: t.replace(";", " ").strip()[:60].strip()).filter(bool), max_size=3, unique=True)


@settings(max_examples=300, deadline=None)
@given(
    stem=cells,
    options=st.lists(st.tuples(cells, st.one_of(st.just(""), cells)), min_size=2, max_size=8),
    key=st.integers(0, 7),
    explanation=st.one_of(st.just(""), cells),
    tag_list=tags,
)
def test_csv_round_trip(
    stem: str, options: list[tuple[str, str]], key: int, explanation: str, tag_list: list[str]
) -> None:
    question = make(stem, options, key % len(options), explanation, tag_list)
    parsed = read_csv(write_csv([question]), "x")
    assert not parsed.problems
    (draft,) = parsed.drafts
    assert draft.stem == question.stem
    assert [(o.text, o.why) for o in draft.options] == [(o.text, o.why) for o in question.options]
    assert (draft.answer, draft.explanation) == (question.key_index, question.explanation)
    assert (draft.title, draft.skills, list(draft.tags)) == ("q-1", ("alpha.one", "beta.two"), question.tags)
    assert (draft.difficulty, draft.cognitive) == (1, "recall")


def test_csv_guards_formulas() -> None:
    text = write_csv([make('=HYPERLINK("http://evil")', [("+1", ""), ("@x", "-y")], 0, "", [])])
    row = text.splitlines()[1]
    assert row.startswith("q-1,alpha.one beta.two,1,recall,,\"'=HYPERLINK(")
    assert ",'+1,'@x," in row
