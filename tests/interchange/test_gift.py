"""GIFT: what Moodle writes is read as Moodle reads it; what we write Moodle can import and we read back."""

from __future__ import annotations

import string
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctoprep.core.models.questions import LETTERS, Question
from ctoprep.core.problems import ContentError
from ctoprep.formats.common import read_text_file
from ctoprep.formats.gift import MAX_QUESTION_CHARS, escape, html_to_text, read_gift, unwrap, write_gift
from ctoprep.formats.question_drafts import ParsedQuestions
from tests.interchange.conftest import FIXTURES


def parse(name: str) -> ParsedQuestions:
    return read_gift(read_text_file(FIXTURES / name, what="GIFT"), name)


def test_the_fixture_reads_as_moodle_would() -> None:
    parsed = parse("questions.gift")
    assert not parsed.problems
    by_title = {d.title: d for d in parsed.drafts}
    plan = by_title["plan-1"]
    assert plan.line == 6
    assert plan.stem == "Which document sets the district's technology goals for the next three years?"
    assert [o.text for o in plan.options] == [
        "The help-desk ticket report",
        "The multi-year technology plan",
        "The device inventory",
    ]
    assert plan.answer == 1
    assert plan.options[0].why == "Tickets show demand, not direction."
    assert plan.explanation == "A multi-year plan with measurable goals is where direction is set."
    assert plan.category == ("Mini", "alpha.one")  # $course$ and top are Moodle's, not ours

    escapes = by_title["escapes"]
    assert escapes.stem == "Is 2 \\+ 2 = 4 {always}?\nAnswer with care: it's a #hashtag ~ and a back\\slash."
    assert [(o.text, o.why) for o in escapes.options] == [("Yes = true", "Correct: arithmetic"), ("No ~ false", "")]
    assert escapes.explanation == "Correct: arithmetic"  # no general feedback: the key's feedback

    missing = by_title["Missing word"]
    assert missing.stem == "Grant is _____ in Grant's tomb."
    assert [o.text for o in missing.options] == ["buried", "entombed", "living"]
    assert missing.answer == 1

    true_false = by_title["tf-1"]
    assert [o.text for o in true_false.options] == ["True", "False"]
    assert true_false.answer == 0
    assert true_false.options[0].why == "Yes, a cycle keeps them current."
    assert true_false.options[1].why == "Policies go stale."
    assert true_false.explanation == "Review policies on a cycle."
    assert true_false.category == ("Mini", "Policies and ethics")
    assert by_title["tf-2"].answer == 1

    untitled = next(d for d in parsed.drafts if not d.title)
    assert untitled.stem == "Which is an open standard for competency frameworks & rubrics?"
    assert [o.text for o in untitled.options] == ["CASE (1EdTech)", "A vendor's spreadsheet"]

    weighted = by_title["weighted"]
    assert weighted.answer == 0
    assert weighted.notes == ["partial credit of option B was dropped"]


def test_unsupported_types_are_listed_not_dropped() -> None:
    parsed = parse("questions.gift")
    reasons = {s.title: s.reason for s in parsed.skipped}
    assert set(reasons) == {"essay", "short", "numeric", "match", "description", "multi"}
    assert "essay" in reasons["essay"]
    assert "short-answer" in reasons["short"]
    assert "numerical" in reasons["numeric"]
    assert "matching" in reasons["match"]
    assert "description" in reasons["description"]
    assert "multiple-answer" in reasons["multi"]
    assert {s.line for s in parsed.skipped} == {38, 40, 42, 44, 50, 52}


def test_malformed_questions_are_reported_with_line_and_column() -> None:
    parsed = parse("questions_bad.gift")
    assert not parsed.drafts
    found = [(p.line, p.col, p.message) for p in parsed.problems]
    assert found == [
        (3, 52, "'{' is never closed"),
        (7, 26, "'}' without an opening '{'"),
        (9, 26, "'{' inside the answers"),
        (11, 30, "no right answer"),
        (13, 28, "an answer with no text"),
        (15, 1, "'::' opens a question title that is never closed"),
        (17, 32, "text before the first answer"),
    ]
    assert all(p.file == "questions_bad.gift" for p in parsed.problems)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    text = "::deep::Q " + "{" * 5000 + "=a ~b" + "}" * 5000
    parsed = read_gift(text, "deep.gift")
    assert [p.message for p in parsed.problems] == ["'{' inside the answers"]
    assert parsed.problems[0].col == len("::deep::Q ") + 2


def test_a_huge_question_is_refused_with_its_line() -> None:
    text = "::ok::Fine? {=a ~b}\n\n::huge::" + "x" * (MAX_QUESTION_CHARS + 1) + " {=a ~b}\n"
    parsed = read_gift(text, "huge.gift")
    assert len(parsed.drafts) == 1
    assert parsed.problems[0].line == 3
    assert "too long" in parsed.problems[0].message


def test_a_large_file_reads_quickly() -> None:
    block = "::q{n}::Question {n} with an escaped \\= sign? {{\n\t=right#why\n\t~wrong#why not\n\t####because\n}}\n"
    text = "\n".join(block.format(n=n) for n in range(20_000))
    assert len(text) > 1_500_000
    start = time.perf_counter()
    parsed = read_gift(text, "big.gift")
    assert time.perf_counter() - start < 20
    assert len(parsed.drafts) == 20_000
    assert parsed.drafts[-1].stem == "Question 19999 with an escaped = sign?"


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.gift"
    path.write_text("x" * 2000)
    with pytest.raises(ContentError, match="too large"):
        read_text_file(path, what="GIFT", limit=1000)


def test_hostile_text_is_kept_as_text_and_control_characters_go() -> None:
    parsed = parse("hostile.gift")
    (draft,) = parsed.drafts
    assert draft.stem == "[bold red]Markup[/bold red] and an escape sequence [31mred[0m here?"
    assert draft.options[0].text == "[link=https://evil.example]click[/link]"
    assert draft.options[0].why == "[blink]feedback[/blink]"
    assert draft.options[1].text == "<script>alert(1)</script>"
    assert "\x1b" not in draft.explanation
    assert "\x07" not in draft.explanation


def test_html_is_turned_into_text() -> None:
    assert html_to_text("<p>One &amp; two</p><p>Three<br>four</p><script>alert(1)</script>") == (
        "One & two\n\nThree\nfour"
    )


def test_line_endings_and_bom_do_not_matter() -> None:
    text = "\ufeff// comment\r\n::a::First? {\r\n=yes\r\n~no\r\n}\r\n\r\n::b::Second? {=x ~y}"
    parsed = read_gift(text.removeprefix("\ufeff"), "crlf.gift")
    assert [d.stem for d in parsed.drafts] == ["First?", "Second?"]


# writing -------------------------------------------------------------------------------------


def make(stem: str, options: list[tuple[str, str]], key: int, explanation: str = "", qid: str = "q-1") -> Question:
    return Question.model_validate(
        {
            "id": qid,
            "skills": ["alpha.one"],
            "difficulty": 3,
            "cognitive": "judge",
            "tags": ["a tag", "ünï"],
            "stem": stem,
            "answer": LETTERS[key],
            "explanation": explanation,
            "options": [{"text": t, "why": w} for t, w in options],
        }
    )


def test_written_gift_has_what_moodle_needs() -> None:
    first = make("Two\nlines {here}", [("a = b", "why # a"), ("c", "")], 0, "Because: yes", "q-1")
    second = make("Next?", [("x", ""), ("y", "")], 1, "", "q-2")
    text = write_gift(
        [first, second],
        categories={"q-1": "$course$/top/mini/alpha/alpha.one", "q-2": "$course$/top/mini/alpha/alpha.one"},
        header="Test",
    )
    lines = text.splitlines()
    assert lines[0] == "// Test"
    assert text.count("$CATEGORY:") == 1  # only when the category changes
    assert "$CATEGORY: $course$/top/mini/alpha/alpha.one\n\n" in text
    # the bank files' hard line break inside a sentence is joined: Moodle would show it mid-sentence
    assert "::q-1::[plain]Two lines \\{here\\} {" in lines
    assert "\t=a \\= b#why \\# a" in lines
    assert "\t####Because\\: yes" in lines
    assert lines[-1] == "}"
    # header, category and each question are separated by blank lines; nothing inside a question is blank
    blocks = text.strip().split("\n\n")
    assert len(blocks) == 4
    assert blocks[2].startswith("// ctoprep {")
    assert "::q-1::" in blocks[2]
    assert blocks[2].endswith("}")


def test_round_trip_restores_everything() -> None:
    question = make("Stem with [markup] and <b>tags</b>", [("%50% of it", "w1"), ("[html]x", "")], 1, "")
    (draft,) = read_gift(write_gift([question]), "x").drafts
    assert draft.stem == question.stem
    assert [(o.text, o.why) for o in draft.options] == [(o.text, o.why) for o in question.options]
    assert draft.answer == 1
    assert draft.explanation == ""
    assert draft.title == "q-1"
    assert draft.skills == ("alpha.one",)
    assert (draft.difficulty, draft.cognitive, draft.tags) == (3, "judge", ("a tag", "ünï"))


def test_escape() -> None:
    assert escape("a\\b ~ = # { } : \n") == "a\\\\b \\~ \\= \\# \\{ \\} \\: \\n"


pieces = st.one_of(
    st.sampled_from([*list("{}~=#:\\[]%/<>&_-> \n\t"), "####", "::", "\\n", "[html]", "[plain]", "%100%", "//"]),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
)
texts = st.lists(pieces, min_size=1, max_size=30).map(lambda parts: "".join(parts).strip()).filter(bool)


@settings(max_examples=400, deadline=None)
@given(
    stem=texts,
    options=st.lists(st.tuples(texts, st.one_of(st.just(""), texts)), min_size=2, max_size=8),
    key=st.integers(0, 7),
    explanation=st.one_of(st.just(""), texts),
)
def test_gift_escaping_round_trips(stem: str, options: list[tuple[str, str]], key: int, explanation: str) -> None:
    question = make(stem, options, key % len(options), explanation)
    parsed = read_gift(write_gift([question]), "x")
    assert not parsed.problems
    assert not parsed.skipped
    (draft,) = parsed.drafts
    # what is written is the text with hard line breaks joined (paragraphs and list items kept)
    assert draft.stem == unwrap(question.stem)
    assert [(o.text, o.why) for o in draft.options] == [(unwrap(o.text), unwrap(o.why)) for o in question.options]
    assert draft.answer == question.key_index
    assert draft.explanation == unwrap(question.explanation)


def test_no_letters_are_lost_in_the_alphabet() -> None:
    assert set(string.ascii_uppercase[:8]) <= set(LETTERS)
