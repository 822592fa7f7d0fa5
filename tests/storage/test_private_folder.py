"""A data folder that is not the user's own is refused, and no cache file can run code."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from ctoprep.cli.main import main
from ctoprep.services.content import Library
from ctoprep.storage import paths

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-code-ran",))


def test_a_planted_pickle_in_the_cache_is_never_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    Library(home).framework("cosn-k12-cto")  # writes the cache
    (cached,) = (home / "cache").glob("framework-*")
    assert cached.suffix == ".json"
    # what an attacker would plant: a pickle under the old name, and garbage under the new one
    (home / "cache" / cached.with_suffix(".pickle").name).write_bytes(pickle.dumps(Boom()))
    cached.write_bytes(pickle.dumps(Boom()))
    fw = Library(home).framework("cosn-k12-cto")
    assert fw.id == "cosn-k12-cto"
    assert not (tmp_path / "planted-code-ran").exists()


def test_a_folder_owned_by_someone_else_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "ctoprep"
    shared.mkdir(mode=0o777)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)  # as another user would see the folder
    with pytest.raises(paths.UnsafeFolderError):
        paths.ensure_private_dir(shared)
    code = main(["--home", str(shared), "history"])
    err = capsys.readouterr().err
    assert code != 0
    assert "belongs to another user" in err
    assert "Traceback" not in err
    assert not (shared / "ctoprep.db").exists()


def test_a_folder_that_cannot_be_made_private_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)

    def no_chmod(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "chmod", no_chmod)
    with pytest.raises(paths.UnsafeFolderError, match="cannot be made private"):
        paths.ensure_private_dir(loose)


def test_the_users_own_folder_is_tightened(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o755)
    mine.chmod(0o755)
    paths.ensure_private_dir(mine)
    assert mine.stat().st_mode & 0o777 == 0o700
