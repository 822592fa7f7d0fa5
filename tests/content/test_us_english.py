"""US English in everything a user reads: framework and bank text, and the strings of the app and CLI.

A British spelling fails the test with the file and the word. Identifiers and file names (``catalogue.toml``,
``credit_category``) are not prose and are left alone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import tomli

ROOT = Path(__file__).resolve().parents[2]
BRITISH = {
    "programme": "program",
    "licence": "license",
    "licences": "licenses",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "defence": "defense",
    "fibre": "fiber",
    "centre": "center",
    "centres": "centers",
    "colour": "color",
    "colours": "colors",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "favour": "favor",
    "honour": "honor",
    "labour": "labor",
    "judgement": "judgment",
    "practise": "practice",
    "practising": "practicing",
    "practised": "practiced",
    "modelling": "modeling",
    "travelling": "traveling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "whilst": "while",
    "amongst": "among",
    "learnt": "learned",
    "one-to-one": "one-on-one",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
}
_ISE = re.compile(
    r"\b(organi|recogni|priori|summari|minimi|maximi|utili|optimi|standardi|authori|customi|emphasi|speciali|"
    r"realis|anonymi|categori|prioriti|finali|normali|synchroni|visuali|apologi|criticis)"
    r"(se|sed|ses|sing|sation|sations)\b",
    re.IGNORECASE,
)
_WORD = re.compile(
    r"(?<![\w./-])("
    + "|".join(re.escape(w) for w in sorted(BRITISH, key=len, reverse=True))
    + r")(?![\w/]|\.toml|\.schema)",
    re.IGNORECASE,
)


_DAY_MONTH = re.compile(
    r"\b[0-9]{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
"""A British date order ("16 June"); US English writes "June 16"."""


def british(text: str) -> list[str]:
    found = [m.group(0) for m in _WORD.finditer(text)]
    found += [m.group(0) for m in _DAY_MONTH.finditer(text)]
    found += [m.group(0) for m in _ISE.finditer(text) if not m.group(0).lower().startswith(("realisti",))]
    return found


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


CONTENT = sorted([*ROOT.glob("frameworks/**/*.toml"), *ROOT.glob("question_banks/**/*.toml")])


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: str(p.relative_to(ROOT)))
def test_content_is_us_english(path: Path) -> None:
    data = tomli.loads(path.read_text(encoding="utf-8"))
    hits = sorted({w for s in _strings(data) for w in british(s)})
    assert not hits, f"{path.relative_to(ROOT)}: British spellings {hits}"


def _user_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # prose has spaces; identifiers, option names and JSON keys ('--anonymize', 'anonymized') do not
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and " " in node.value.strip()
    ]


UI = sorted(
    [
        *ROOT.glob("src/ctoprep/ui/**/*.py"),
        *ROOT.glob("src/ctoprep/cli/**/*.py"),
        *ROOT.glob("src/ctoprep/reports/*.py"),
    ]
)


@pytest.mark.parametrize("path", UI, ids=lambda p: str(p.relative_to(ROOT)))
def test_app_and_cli_text_is_us_english(path: Path) -> None:
    hits = sorted({w for s in _user_strings(path) for w in british(s)})
    assert not hits, f"{path.relative_to(ROOT)}: British spellings {hits}"


def test_the_check_catches_what_it_should() -> None:
    assert british("the licence programme in the centre") == ["licence", "programme", "centre"]
    assert british("organised and prioritised") == ["organised", "prioritised"]
    assert british("see catalogue.toml and credit_category") == []
    assert british("license program center organized") == []
    assert british("a meeting on 16 June, then July 21") == ["16 June"]


_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


@pytest.mark.parametrize(
    "path", sorted([ROOT / "README.md", *ROOT.glob("docs/*.md")]), ids=lambda p: str(p.relative_to(ROOT))
)
def test_docs_are_us_english(path: Path) -> None:
    """The documentation's prose; code (field names such as `licence` and `catalogue.toml`) is left out."""
    prose = _CODE.sub(" ", path.read_text(encoding="utf-8"))
    hits = sorted({w for w in british(prose)})
    assert not hits, f"{path.relative_to(ROOT)}: British spellings {hits}"
