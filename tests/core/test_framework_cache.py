"""The framework cache: plain JSON decoded without pydantic; anything but what ctoprep wrote is rejected."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.framework_json import CacheFormatError, from_json_dict, to_json_dict
from ctoprep.formats import framework_cache
from ctoprep.formats.loading import load_framework
from ctoprep.storage.bundled import bundled_frameworks_dir


@pytest.fixture(scope="module")
def cosn() -> Framework:
    return load_framework(bundled_frameworks_dir() / "cosn-k12-cto")


def test_round_trip_of_the_bundled_framework(cosn: Framework) -> None:
    data = json.loads(json.dumps(to_json_dict(cosn)))
    back = from_json_dict(data)
    assert back == cosn
    assert to_json_dict(back) == data
    assert back.skill_by_id.keys() == cosn.skill_by_id.keys()
    assert type(back.profiles[0].skill_targets[back.skills[0].id].importance) is float


def test_the_cache_form_shares_area_targets_and_reads_back_the_same(cosn: Framework) -> None:
    full = json.dumps(to_json_dict(cosn))
    shared = json.dumps(to_json_dict(cosn, shared_targets=True))
    assert len(shared) < len(full) * 0.9
    back = from_json_dict(json.loads(shared))
    assert back == cosn
    profile = back.profiles[0]
    inherited = [s for s in back.skills if profile.skill_targets.get(s.id) is profile.area_targets.get(s.area_id)]
    assert inherited  # the same object, as the framework read from its files has it


def test_an_area_target_where_the_area_has_none_is_refused(cosn: Framework) -> None:
    data = json.loads(json.dumps(to_json_dict(cosn, shared_targets=True)))
    profile = data["profiles"][0]
    profile["area_targets"] = {}
    assert "area" in profile["skill_targets"].values()
    with pytest.raises(CacheFormatError, match="its area has none"):
        from_json_dict(data)


def test_a_warm_load_reads_the_cache_and_gives_the_same_framework(cosn: Framework, tmp_path: Path) -> None:
    folder = bundled_frameworks_dir() / "cosn-k12-cto"
    load_framework(folder, tmp_path)
    (_cached,) = tmp_path.glob("framework-*.json")
    warm = framework_cache.read(folder, tmp_path)
    assert warm is not None
    assert warm == cosn


def _broken(data: dict[str, Any]) -> list[object]:
    """Ways a cache file can be wrong, each one edit of a good one."""
    out: list[object] = [None, [], "framework", {}]
    for key, value in (
        ("id", 5),
        ("version", None),
        ("scale", {"id": "s", "title": "S", "levels": []}),
        ("categories", "not a list"),
        ("profiles", [{"id": "p"}]),
        ("blueprint", {**(data["blueprint"] or {}), "item_count": "12"}),
        ("extra", 1),
    ):
        out.append({**data, key: value})
    missing = dict(data)
    del missing["catalogue"]
    out.append(missing)
    skill = data["categories"][0]["areas"][0]["skills"][0]
    moved = json.loads(json.dumps(data))
    moved["categories"][0]["areas"][0]["skills"][0] = {**skill, "area_id": "elsewhere"}
    out.append(moved)
    off_scale = json.loads(json.dumps(data))
    first = next(iter(off_scale["profiles"][0]["skill_targets"]))
    off_scale["profiles"][0]["skill_targets"][first]["min"] = 99
    out.append(off_scale)
    true_level = json.loads(json.dumps(data))
    true_level["scale"]["levels"][0]["value"] = True
    out.append(true_level)
    return out


def test_a_wrong_cache_is_refused_with_a_value_error(cosn: Framework) -> None:
    for bad in _broken(to_json_dict(cosn)):
        with pytest.raises(CacheFormatError):
            from_json_dict(bad)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe", b"[1, 2", b"null", b'{"format": "ctoprep.framework-cache"}', b"[" * 100_000, b"1e999999"],
)
def test_a_corrupt_or_planted_cache_file_falls_back_to_the_files(
    cosn: Framework, tmp_path: Path, content: bytes
) -> None:
    folder = bundled_frameworks_dir() / "cosn-k12-cto"
    load_framework(folder, tmp_path)
    (cached,) = tmp_path.glob("framework-*.json")
    cached.write_bytes(content)
    assert framework_cache.read(folder, tmp_path) is None
    assert load_framework(folder, tmp_path) == cosn  # read from the TOML files, and the cache written again
    assert framework_cache.read(folder, tmp_path) == cosn


def test_a_cache_written_for_another_key_is_not_used(cosn: Framework, tmp_path: Path) -> None:
    folder = bundled_frameworks_dir() / "cosn-k12-cto"
    load_framework(folder, tmp_path)
    (cached,) = tmp_path.glob("framework-*.json")
    document = json.loads(cached.read_bytes())
    document["key"] = "0" * 40
    cached.write_text(json.dumps(document))
    assert framework_cache.read(folder, tmp_path) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.lists(st.sampled_from(["categories", 0, "areas", "skills", "profiles", "scale", "levels", "id", "title"])),
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    ),
)
def test_any_edit_either_decodes_or_raises_a_value_error(cosn: Framework, path: list[object], value: object) -> None:
    data: Any = json.loads(json.dumps(to_json_dict(cosn)))
    node = data
    for step in path[:-1]:
        try:
            node = node[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
    if path:
        with contextlib.suppress(IndexError, TypeError):
            node[path[-1]] = value
    else:
        data = value
    with contextlib.suppress(ValueError):
        from_json_dict(data)
