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
