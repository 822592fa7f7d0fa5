"""Each linter rule, proven on an item that has the flaw and one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctoprep.formats.lint import lint_files
from ctoprep.formats.loading import load_framework
from tests.conftest import write_mini

GOOD = {
    "stem": "A principal asks for a new reading app before the budget closes. What should you do first?",
    "options": [
        ("Check the app against the district's privacy and accessibility review", "Right: the review comes first."),
        ("Buy it at once so the money is not lost when the fiscal year closes", "Spending first skips review."),
        ("Refuse requests that arrive late in the budget year as a matter of principle", "Too rigid a response."),
        ("Ask the vendor to sign whatever agreement the vendor itself prefers", "Their paper protects them."),
    ],
    "answer": "A",
    "explanation": "A review protects students and still lets the purchase go ahead.",
}


def bank_toml(questions: list[dict[str, object]]) -> str:
    out = ['[bank]\nid = "t"\nframework = "mini"\n']
    for n, q in enumerate(questions, 1):
        out.append(f'\n[[questions]]\nid = "q{n:03d}"\nskills = ["alpha.one"]\n')
        out.append(
            f"stem = {q['stem']!r}\n".replace("'", '"') if '"' not in str(q["stem"]) else f"stem = '''{q['stem']}'''\n"
        )
        out.append(f'answer = "{q["answer"]}"\nexplanation = "{q["explanation"]}"\n')
        for text, why in q["options"]:  # type: ignore[attr-defined]
            out.append(f'[[questions.options]]\ntext = "{text}"\nwhy = "{why}"\n')
    return "".join(out)


def codes_for(tmp_path: Path, questions: list[dict[str, object]], *, framework: bool = False) -> list[str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "bank.toml"
    path.write_text(bank_toml(questions))
    fw = load_framework(write_mini(tmp_path / "fw")) if framework else None
    report = lint_files([path], fw)
    return [p.message[1:5] for p in report.problems]


def variant(**changes: object) -> dict[str, object]:
    return {**GOOD, **changes}


def distinct(n: int) -> list[dict[str, object]]:
    """n good, distinct items with keys spread evenly over A-D and no length pattern."""
    topics = [
        "bus routes",
        "board minutes",
        "fiber lease",
        "phone system",
        "help desk",
        "tablet carts",
        "grant report",
        "data audit",
        "web redesign",
        "staff survey",
        "parent portal",
        "camera policy",
        "badge system",
        "print contract",
        "wifi refresh",
        "lab closure",
        "library app",
        "gradebook",
        "bell schedule",
        "lunch system",
    ]
    items = []
    for i in range(n):
        key = "ABCD"[i % 4]
        opts = list(GOOD["options"])  # type: ignore[arg-type]
        right = opts.pop(0)
        opts.insert("ABCD".index(key), right)
        items.append(
            variant(
                stem=f"The {topics[i % len(topics)]} project number {i} is late and a principal "
                f"calls about {topics[(i * 7) % len(topics)]} delays. What should you do first?",
                options=opts,
                answer=key,
            )
        )
    return items


def test_a_good_item_is_clean(tmp_path: Path) -> None:
    assert codes_for(tmp_path, [GOOD]) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"options": GOOD["options"][:2]}, "Q001"),  # type: ignore[index]
        ({"options": [*GOOD["options"][:3], GOOD["options"][1]]}, "Q002"),  # type: ignore[index]
        ({"options": [*GOOD["options"][:3], ("All of the above", "x")]}, "Q003"),  # type: ignore[index]
        ({"explanation": ""}, "Q004"),
        ({"options": [*GOOD["options"][:3], ("Ask the board to decide it for you at the next meeting", "")]}, "Q005"),  # type: ignore[index]
        ({"stem": "A principal asks for an app. All of these are sensible first steps except which one?"}, "Q006"),
        (
            {
                "options": [
                    ("Check the reading app against the principal's budget request before it closes", "Right."),
                    *GOOD["options"][1:],
                ]
            },
            "Q009",
        ),  # type: ignore[index]
        (
            {
                "options": [
                    (
                        "Check the app against the district's privacy, accessibility, interoperability, security "
                        "and data-retention review, then write up the findings for the curriculum committee and "
                        "the principal before any purchase order is raised",
                        "Right.",
                    ),
                    ("Buy it", "No."),
                    ("Refuse it", "No."),
                    ("Ignore it", "No."),
                ]
            },
            "Q010",
        ),
    ],
)
def test_item_rules(tmp_path: Path, change: dict[str, object], code: str) -> None:
    assert code not in codes_for(tmp_path / "good", [GOOD])
    assert code in codes_for(tmp_path / "bad", [variant(**change)])


def test_marked_negative_stem_is_fine(tmp_path: Path) -> None:
    marked = variant(stem="A principal asks for an app. All of these are sensible first steps EXCEPT which one?")
    assert "Q006" not in codes_for(tmp_path, [marked])


def test_duplicate_and_near_duplicate_stems(tmp_path: Path) -> None:
    same = codes_for(tmp_path / "a", [GOOD, GOOD])
    assert "Q007" in same
    near = variant(stem=str(GOOD["stem"]).replace("first?", "first of all?"))
    assert "Q008" in codes_for(tmp_path / "b", [GOOD, near])
    assert not {"Q007", "Q008"} & set(codes_for(tmp_path / "c", distinct(8)))


def test_longest_key_bias_and_position_balance(tmp_path: Path) -> None:
    balanced = distinct(20)
    clean = codes_for(tmp_path / "ok", balanced)
    assert "Q011" not in clean
    assert "Q012" not in clean
    always_a = [variant(stem=q["stem"]) for q in balanced]  # every key is A
    assert "Q012" in codes_for(tmp_path / "pos", always_a)
    long_keys = []
    for q in balanced:
        opts = list(q["options"])  # type: ignore[call-overload]
        k = "ABCD".index(str(q["answer"]))
        opts[k] = (opts[k][0] + " and record the outcome for the board", opts[k][1])
        long_keys.append({**q, "options": opts})
    assert "Q011" in codes_for(tmp_path / "long", long_keys)


def test_shortest_key_bias(tmp_path: Path) -> None:
    balanced = distinct(20)
    assert "Q015" not in codes_for(tmp_path / "ok", balanced)
    short_keys = []
    for q in balanced:
        opts = list(q["options"])  # type: ignore[call-overload]
        k = "ABCD".index(str(q["answer"]))
        opts[k] = ("Check the app against the privacy review", opts[k][1])
        short_keys.append({**q, "options": opts})
    assert "Q015" in codes_for(tmp_path / "short", short_keys)


@pytest.mark.parametrize(
    ("word", "where"),
    [("because", "distractors"), ("always", "distractors"), ("because", "everywhere")],
)
def test_cue_words_that_mark_distractors(tmp_path: Path, word: str, where: str) -> None:
    items = []
    for q in distinct(20):
        k = "ABCD".index(str(q["answer"]))
        opts = [
            (f"{text} {word} it is required" if where == "everywhere" or i != k else text, why)
            for i, (text, why) in enumerate(q["options"])  # type: ignore[call-overload]
        ]
        items.append({**q, "options": opts})
    codes = codes_for(tmp_path, items)
    assert ("Q016" in codes) == (where == "distractors")


@pytest.mark.parametrize(("marked", "flagged"), [("Refuse", True), ("Buy it", False)])
def test_cue_words_and_length_together(tmp_path: Path, marked: str, flagged: bool) -> None:
    """Rule out the option with "because", then take the longest of the rest: that finds the key only
    when the marked option was the one longer than the key (neither length nor the cue alone does)."""
    items = []
    for q in distinct(20):
        opts = [
            (f"{text} because it is quicker" if text.startswith(marked) else text, why)
            for text, why in q["options"]  # type: ignore[attr-defined]
        ]
        items.append({**q, "options": opts})
    codes = codes_for(tmp_path, items)
    assert "Q011" not in codes
    assert ("Q017" in codes) == flagged


def test_coverage_rules_need_the_framework(tmp_path: Path) -> None:
    codes = codes_for(tmp_path, [GOOD], framework=True)
    assert "Q013" in codes  # alpha.two, beta.* have no questions
    assert "Q014" in codes  # 10 items are needed per form; one exists


def test_bundled_bank_passes_the_linter() -> None:
    from ctoprep.cli.main import main

    assert main(["lint", "--quiet"]) == 0


TRANSPARENT = variant(
    options=[
        ("Ban the app until the next budget year and tell the principal to wait", "Passive and rigid."),
        ("Check the app against the district's privacy and accessibility review", "Right: the review comes first."),
        ("Refuse late requests as a matter of principle and note it in the log", "Too rigid."),
        ("Discipline the principal for asking outside the normal request window", "Punitive."),
    ],
    answer="B",
)


def test_q018_flags_an_item_whose_distractors_are_all_extreme(tmp_path: Path) -> None:
    assert "Q018" in codes_for(tmp_path, [TRANSPARENT])


def test_q018_passes_an_item_with_one_sound_distractor(tmp_path: Path) -> None:
    # GOOD has one extreme distractor (C) and two sound ones: a reader cannot rule them all out unread
    assert "Q018" not in codes_for(tmp_path, [GOOD])
    sound = variant(
        options=[
            ("Ban the app until the next budget year and tell the principal to wait", "Passive and rigid."),
            ("Check the app against the district's privacy and accessibility review", "Right: the review comes first."),
            ("Refuse late requests as a matter of principle and note it in the log", "Too rigid."),
            ("Ask the curriculum office whether the app fits the adopted reading program", "Sound, but second."),
        ],
        answer="B",
    )
    assert "Q018" not in codes_for(tmp_path, [sound])


def test_q019_a_retired_id_cannot_be_used_again(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(bank_toml([GOOD]).replace('framework = "mini"\n', 'framework = "mini"\nretired = ["q001"]\n'))
    assert "Q019" in [p.message[1:5] for p in lint_files([path], None).problems]
    path.write_text(bank_toml([GOOD]).replace('framework = "mini"\n', 'framework = "mini"\nretired = ["q999"]\n'))
    assert "Q019" not in [p.message[1:5] for p in lint_files([path], None).problems]


def test_q020_wants_a_quarter_of_items_to_test_knowledge(tmp_path: Path) -> None:
    items = distinct(16)
    assert "Q020" in codes_for(tmp_path / "a", items, framework=True)
    path = tmp_path / "b" / "bank.toml"
    path.parent.mkdir(parents=True)
    text = bank_toml(items)
    # mark 4 of 16 (25%) as knowledge items
    for n in range(1, 5):
        text = text.replace(f'id = "q{n:03d}"\n', f'id = "q{n:03d}"\nkind = "knowledge"\n')
    path.write_text(text)
    fw = load_framework(write_mini(tmp_path / "fw"))
    assert "Q020" not in [p.message[1:5] for p in lint_files([path], fw).problems]
