"""toml_data gives what load_toml gives: the same data, and the same problems for a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctoprep.core.problems import ContentError
from ctoprep.formats import toml_quick
from ctoprep.formats.toml_quick import toml_data
from ctoprep.formats.toml_source import load_toml
from ctoprep.storage.bundled import bundled_frameworks_dir


def test_the_bundled_frameworks_read_the_same() -> None:
    files = sorted(bundled_frameworks_dir().glob("*/framework.toml"))
    assert files
    for path in files:
        assert toml_data(path) == load_toml(path).data


@pytest.mark.parametrize(
    "content",
    [
        b'\xef\xbb\xbf[framework]\nid = "bom"\n',
        b'[framework]\nid = "ok"\ntitle = "T\xc3\xa9"\n',
        b"[framework\nid = 1\n",
        b'[framework]\nid = "caf\xe9"\n',
        b'\x00\x01[framework]\nid = "bin"\n',
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        b"",
    ],
)
def test_any_file_reads_as_load_toml_reads_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "framework.toml"
    path.write_bytes(content)
    try:
        expected: object = load_toml(path).data
    except ContentError as exc:
        expected = [str(p) for p in exc.problems]
    try:
        got: object = toml_data(path)
    except ContentError as exc:
        got = [str(p) for p in exc.problems]
    assert got == expected


def test_a_large_or_missing_file_goes_the_long_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "framework.toml"
    path.write_text('[framework]\nid = "x"\n', encoding="utf-8")
    monkeypatch.setattr(toml_quick, "QUICK_BYTES", 5)
    assert toml_data(path) == {"framework": {"id": "x"}}
    with pytest.raises(ContentError):
        toml_data(tmp_path / "missing.toml")
