"""Where the bundled content (frameworks, question banks, schemas) lives; imports nothing heavy."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """The folder holding ``frameworks/``, ``question_banks/`` and ``schemas/``.

    In a wheel they are package data under ``ctoprep/_content``; in a checkout or an editable
    install they are at the top of the repository.
    """
    packaged = _PACKAGE_DIR / "_content"
    if (packaged / "frameworks").is_dir():
        return packaged
    return _PACKAGE_DIR.parent.parent


def bundled_frameworks_dir() -> Path:
    return bundled_root() / "frameworks"


def bundled_banks_dir() -> Path:
    return bundled_root() / "question_banks"


def bundled_schemas_dir() -> Path:
    return bundled_root() / "schemas"


__all__ = ["bundled_banks_dir", "bundled_frameworks_dir", "bundled_root", "bundled_schemas_dir"]
