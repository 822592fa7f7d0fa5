"""From drafts to a bank: skills from categories and columns, ids, limits; what is written loads."""

from __future__ import annotations

from pathlib import Path

from ctoprep.core.models.framework import Framework
from ctoprep.formats.common import read_text_file
from ctoprep.formats.csv_questions import read_csv
from ctoprep.formats.gift import read_gift
from ctoprep.formats.loading import check_question_banks
from ctoprep.formats.question_drafts import BankImport, DraftOption, ParsedQuestions, QuestionDraft, build_bank
from ctoprep.formats.toml_writer import dumps
from tests.interchange.conftest import FIXTURES


def gift_fixture() -> ParsedQuestions:
    return read_gift(read_text_file(FIXTURES / "questions.gift", what="GIFT"), "questions.gift")


def build(parsed: ParsedQuestions, framework: Framework, **kwargs: object) -> BankImport:
    options: dict[str, object] = {"shown": "in.txt", "bank_id": "imported", "title": "Imported"}
    options.update(kwargs)
    return build_bank(parsed, framework=framework, **options)  # type: ignore[arg-type]


def loads(result: BankImport, framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(dumps(result.data, schema="question-bank.schema.json"), encoding="utf-8")
    bank, problems = check_question_banks([path], framework)
    assert bank is not None, [p.format() for p in problems]
    assert not problems
    assert [q.model_dump() for q in bank.questions] == [q.model_dump() for q in result.questions]


def test_gift_categories_name_skills_or_become_tags(mini_framework: Framework, tmp_path: Path) -> None:
    result = build(gift_fixture(), mini_framework)
    by_line = {q.id: q for q in result.questions}
    assert set(by_line) == {"plan-1", "escapes", "q-001"}
    assert by_line["plan-1"].skills == ["alpha.one"]
    assert by_line["q-001"].stem == "Grant is _____ in Grant's tomb."  # 'Missing word' is no usable id
    unmatched = [s for s in result.skipped if s.reason.startswith("no skill")]
    assert {s.title for s in unmatched} == {"tf-1", "tf-2", "weighted", "question at line 27"}
    assert "'Mini/Policies and ethics'" in unmatched[0].reason
    assert "--skill" in unmatched[0].reason
    # the six unsupported types stay listed after mapping
    assert {s.title for s in result.skipped} >= {"essay", "short", "numeric", "match", "description", "multi"}
    loads(result, mini_framework, tmp_path)


def test_default_skill_catches_the_rest(mini_framework: Framework, tmp_path: Path) -> None:
    result = build(gift_fixture(), mini_framework, default_skill="beta.one")
    tf = next(q for q in result.questions if q.id == "tf-1")
    assert tf.skills == ["beta.one"]
    assert tf.tags == ["Policies and ethics"]
    assert tf.explanation == "Review policies on a cycle."
    assert [o.text for o in tf.options] == ["True", "False"]
    assert len(result.questions) == 7
    assert [w.message for w in result.warnings] == ["weighted: partial credit of option B was dropped"]
    loads(result, mini_framework, tmp_path)


def test_csv_columns_and_categories(mini_framework: Framework, tmp_path: Path) -> None:
    parsed = read_csv(read_text_file(FIXTURES / "questions.csv", what="CSV"), "questions.csv")
    result = build(parsed, mini_framework, id_prefix="Sheet 1")
    assert [(q.id, q.skills) for q in result.questions] == [
        ("sheet-1-001", ["alpha.one"]),
        ("sheet-1-002", ["beta.two"]),
        ("sheet-1-003", ["alpha.two"]),  # the category names the skill by its title, 'Two'
    ]
    first = result.questions[0]
    assert (first.difficulty, first.cognitive.value, first.tags) == (3, "judge", ["planning", "goals"])
    assert [s.line for s in result.skipped] == [7]
    loads(result, mini_framework, tmp_path)


def draft(**overrides: object) -> QuestionDraft:
    base: dict[str, object] = {
        "line": 3,
        "stem": "Q?",
        "options": [DraftOption("a"), DraftOption("b")],
        "answer": 0,
        "skills": ("alpha.one",),
    }
    base.update(overrides)
    return QuestionDraft(**base)  # type: ignore[arg-type]


def test_limits_and_unknown_skills(mini_framework: Framework) -> None:
    parsed = ParsedQuestions(
        drafts=[
            draft(options=[DraftOption(str(n)) for n in range(9)]),
            draft(options=[DraftOption("only")]),
            draft(skills=("alpha.onee",)),
            draft(stem="x" * 7000),
            draft(skills=("alpha.one", "nope"), tags=("t" * 61, "ok")),
        ]
    )
    result = build(parsed, mini_framework)
    reasons = [s.reason for s in result.skipped]
    assert reasons[0] == "has 9 options; ctoprep allows 2 to 8"
    assert reasons[1] == "has 1 options; ctoprep allows 2 to 8"
    assert reasons[2].startswith("unknown skill 'alpha.onee'")
    assert "did you mean 'alpha.one'" in reasons[2]
    assert reasons[3].startswith("stem:")
    (kept,) = result.questions
    assert kept.skills == ["alpha.one"]
    assert kept.tags == ["ok"]
    assert any("unknown skills left out: nope" in w.message for w in result.warnings)
    assert any("over 60 characters" in w.message for w in result.warnings)


def test_ids_never_collide(mini_framework: Framework) -> None:
    parsed = ParsedQuestions(drafts=[draft(title="q1"), draft(title="q1"), draft(title=""), draft(title="bad id")])
    result = build(parsed, mini_framework, taken_ids={"imported-001"}, id_prefix="imported")
    assert [q.id for q in result.questions] == ["q1", "imported-002", "imported-003", "imported-004"]
    assert [w.message for w in result.warnings] == ["question id 'q1' is already used; this one is 'imported-002'"]


def test_many_renamed_ids_are_one_warning(mini_framework: Framework) -> None:
    parsed = ParsedQuestions(drafts=[draft(title=f"q{n}") for n in range(10)])
    result = build(parsed, mini_framework, taken_ids={f"q{n}" for n in range(10)})
    assert len(result.questions) == 10
    (warning,) = result.warnings
    assert warning.message.startswith("10 question ids are already used")
