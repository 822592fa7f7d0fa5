"""The blind-review harness: an options-only sheet shows no stem and no key; the scorer counts right."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import blind_score  # noqa: E402
import blind_sheet  # noqa: E402

BANKS = ROOT / "question_banks" / "cosn-k12-cto"


def test_options_only_sheet_has_no_stems_or_keys(tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    blind_sheet.main([str(out), str(BANKS), "--options-only", "--sample", "12", "--seed", "7"])
    text = out.read_text()
    chosen = [q for q in blind_sheet.items([BANKS]) if f"### {q['id']}\n" in text]
    assert len(chosen) == 12
    for q in chosen:
        assert q["stem"].strip().splitlines()[0] not in text
        assert q["explanation"] not in text
    assert "answer =" not in text


def test_sample_is_reproducible_by_seed(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in "abc")
    blind_sheet.main([str(a), str(BANKS), "--sample", "10", "--seed", "3"])
    blind_sheet.main([str(b), str(BANKS), "--sample", "10", "--seed", "3"])
    blind_sheet.main([str(c), str(BANKS), "--sample", "10", "--seed", "4"])
    assert a.read_text() == b.read_text() != c.read_text()


def test_scorer_reports_accuracy_and_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = {q["id"]: q["answer"] for q in blind_sheet.items([BANKS])}
    ids = sorted(keys)[:8]
    wrong = {"A": "B", "B": "C", "C": "D", "D": "A"}
    answers = {
        qid: {"answer": keys[qid] if i < 2 else wrong[keys[qid]], "confidence": "high"} for i, qid in enumerate(ids)
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"reader": "x", "mode": "options-only", "answers": answers}))
    blind_score.main([str(BANKS), "--answers", str(path)])
    out = capsys.readouterr().out
    assert "options-only accuracy: 2/8 = 25%" in out
    assert f"rewrite these): {ids[0]}, {ids[1]}" in out
    low, high = blind_score.wilson(2, 8)
    assert 0.05 < low < 0.25 < high < 0.65


def test_ids_sheet_holds_just_those_items(tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    blind_sheet.main([str(out), str(BANKS), "--ids", "sp-001,lv-001", "--seed", "1"])
    text = out.read_text()
    assert sorted(line for line in text.splitlines() if line.startswith("### ")) == ["### lv-001", "### sp-001"]
    with pytest.raises(SystemExit):
        blind_sheet.main([str(out), str(BANKS), "--ids", "sp-001,zz-999"])


def test_difficulty_follows_the_readers_estimates(tmp_path: Path) -> None:
    import set_difficulty

    bank = tmp_path / "bank.toml"
    bank.write_text(
        '[bank]\nid = "b"\n\n[[questions]]\nid = "q-1"\ndifficulty = 3\n# kept\n\n'
        '[[questions]]\nid = "q-2"\ndifficulty = 1\n\n[[questions]]\nid = "q-3"\ndifficulty = 2\n',
        encoding="utf-8",
    )
    readers = []
    for n, shares in enumerate([{"q-1": 0.9, "q-2": 0.5, "q-3": 0.7}, {"q-1": 0.8, "q-2": 0.6, "q-3": 0.9}]):
        path = tmp_path / f"r{n}.json"
        answers = {qid: {"answer": "A", "p_correct": p} for qid, p in shares.items()}
        path.write_text(json.dumps({"reader": str(n), "mode": "full", "answers": answers}), encoding="utf-8")
        readers.append(str(path))
    oo = tmp_path / "oo.json"  # an options-only reader's figures do not count
    oo.write_text(json.dumps({"mode": "options-only", "answers": {"q-3": {"answer": "A", "p_correct": 0.1}}}))
    set_difficulty.main([str(bank), "--answers", *readers, str(oo), "--only", "q-1,q-2"])
    text = bank.read_text()
    # q-1: mean 0.85 -> easy; q-2: mean 0.55 -> hard; q-3 (0.80) left alone by --only
    assert 'id = "q-1"\ndifficulty = 1\n# kept' in text
    assert 'id = "q-2"\ndifficulty = 3' in text
    assert 'id = "q-3"\ndifficulty = 2' in text
    assert [set_difficulty.level(s) for s in (0.8, 0.79, 0.65, 0.64)] == [1, 2, 2, 3]
