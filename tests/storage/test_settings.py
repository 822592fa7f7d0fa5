"""The settings registry: one typed place for every key ctoprep keeps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctoprep.storage import settings
from ctoprep.storage.settings import REGISTRY, Setting

SRC = Path(__file__).resolve().parents[2] / "src" / "ctoprep"


def _regex(setting: Setting) -> re.Pattern[str]:
    parts = re.split(r"\{\w+\}", setting.pattern)
    return re.compile("^" + "[^:]+".join(re.escape(p) for p in parts) + "$")


def test_patterns_are_distinct_and_none_shadows_another() -> None:
    patterns = [s.pattern for s in REGISTRY]
    assert len(patterns) == len(set(patterns))
    for setting in REGISTRY:
        example = setting.key(**{name: "x" for name in setting.fields})
        matching = [other.pattern for other in REGISTRY if _regex(other).match(example)]
        assert matching == [setting.pattern]


def test_every_setting_of_the_module_is_registered() -> None:
    declared = {v for v in vars(settings).values() if isinstance(v, Setting)}
    assert declared == set(REGISTRY)


def test_a_key_needs_exactly_its_parts() -> None:
    assert settings.PROFILE.key(framework="cosn") == "profile:cosn"
    with pytest.raises(TypeError):
        settings.PROFILE.key()
    with pytest.raises(TypeError):
        settings.THEME.key(framework="cosn")


def test_no_module_passes_a_string_key() -> None:
    """Keys come from the registry only: no call in src passes a literal or formatted string as the key."""
    call = re.compile(r"_setting\(\s*(f?[\"']|[A-Z_]+\.format)")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if call.search(line)
    ]
    assert offenders == []


def test_the_store_reads_back_what_it_wrote(tmp_path: Path) -> None:
    from ctoprep.storage.store import Store

    store = Store.open(tmp_path)
    try:
        with store.transaction():
            store.set_setting(settings.EXAM_DATE, "2027-03-01", framework="cosn")
        assert store.get_setting(settings.EXAM_DATE, framework="cosn") == "2027-03-01"
        assert store.get_setting(settings.EXAM_DATE, framework="other") is None
        with store.transaction():
            store.delete_setting(settings.EXAM_DATE, framework="cosn")
        assert store.get_setting(settings.EXAM_DATE, framework="cosn") is None
    finally:
        store.close()
