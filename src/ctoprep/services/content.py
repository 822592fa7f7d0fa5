"""Where frameworks and question banks come from: the bundled content plus the user's folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.core.models.value import Value, value_class
from ctoprep.core.problems import ContentError, Problem, Severity, did_you_mean, display_path
from ctoprep.storage import paths
from ctoprep.storage.bundled import (
    bundled_banks_dir,
    bundled_frameworks_dir,
    bundled_root,
    bundled_schemas_dir,
)

__all__ = [
    "FrameworkEntry",
    "Library",
    "bundled_banks_dir",
    "bundled_frameworks_dir",
    "bundled_root",
    "bundled_schemas_dir",
]

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework
    from ctoprep.core.models.questions import QuestionBank

FRAMEWORK_FILE = "framework.toml"


@value_class
class FrameworkEntry(Value):
    """A framework folder found in the library: its id, title and version from framework.toml, and where it is."""

    id: str
    title: str
    version: str
    path: Path
    origin: str
    """'user' or 'bundled'."""


class Library:
    """Finds and loads frameworks and banks; user content comes before bundled content."""

    def __init__(self, home: Path | None = None, *, use_cache: bool = True) -> None:
        self.home = paths.data_home(home)
        self.use_cache = use_cache
        self._frameworks: dict[str, Framework] = {}

    @property
    def framework_roots(self) -> list[tuple[Path, str]]:
        return [(paths.user_frameworks_dir(self.home), "user"), (bundled_frameworks_dir(), "bundled")]

    @property
    def bank_roots(self) -> list[Path]:
        return [paths.user_banks_dir(self.home), bundled_banks_dir()]

    @property
    def user_frameworks_dir(self) -> Path:
        """Where the user's own frameworks go (``import-case`` writes here)."""
        return paths.user_frameworks_dir(self.home)

    @property
    def user_banks_dir(self) -> Path:
        """Where the user's own question banks go (``import-questions`` writes here)."""
        return paths.user_banks_dir(self.home)

    def user_schema(self, name: str) -> Path:
        """A JSON Schema copied into the data folder, where ``#:schema`` lines in the user's files point.

        The installed package's folder moves with every reinstall or Python upgrade; the data folder
        does not. The copy is refreshed when the bundled schema changes.
        """
        from ctoprep.formats.atomic import write_bytes_atomic

        source = bundled_schemas_dir() / name
        folder = self.home / "schemas"
        target = folder / name
        data = source.read_bytes()
        try:
            current = target.read_bytes()
        except OSError:
            current = None
        if current != data:
            paths.ensure_private_dir(self.home)
            folder.mkdir(mode=0o700, exist_ok=True)
            write_bytes_atomic(target, data)
        return target

    @property
    def cache_dir(self) -> Path | None:
        return paths.cache_dir(self.home) if self.use_cache else None

    def entries(self) -> tuple[list[FrameworkEntry], list[Problem]]:
        """Every framework found, and problems such as an unreadable framework.toml or a shadowed id."""
        found: list[FrameworkEntry] = []
        problems: list[Problem] = []
        seen: dict[str, FrameworkEntry] = {}
        for root, origin in self.framework_roots:
            if not root.is_dir():
                continue
            from ctoprep.formats.toml_quick import toml_data

            for folder in sorted(p for p in root.iterdir() if (p / FRAMEWORK_FILE).is_file()):
                try:
                    data = toml_data(folder / FRAMEWORK_FILE)
                    meta = data["framework"]
                    entry = FrameworkEntry(
                        id=str(meta["id"]),
                        title=str(meta.get("title", "")),
                        version=str(meta.get("version", "")),
                        path=folder,
                        origin=origin,
                    )
                except ContentError as exc:
                    problems.extend(exc.problems)
                    continue
                except (KeyError, TypeError):
                    problems.append(
                        Problem(
                            display_path(folder / FRAMEWORK_FILE),
                            "no [framework] table with an id",
                            hint=f"run 'ctoprep validate {display_path(folder)}'",
                        )
                    )
                    continue
                if entry.id in seen:
                    problems.append(
                        Problem(
                            display_path(folder),
                            f"framework id {entry.id!r} is also in "
                            f"{display_path(seen[entry.id].path)}; that one is used",
                            severity=Severity.WARNING,
                        )
                    )
                    continue
                seen[entry.id] = entry
                found.append(entry)
        return found, problems

    def entry(self, framework_id: str) -> FrameworkEntry:
        return self._entry_in(self.entries()[0], framework_id)

    @staticmethod
    def _entry_in(entries: list[FrameworkEntry], framework_id: str) -> FrameworkEntry:
        for entry in entries:
            if entry.id == framework_id:
                return entry
        ids = [e.id for e in entries]
        raise ContentError(
            [
                Problem(
                    framework_id,
                    "no framework with this id",
                    hint=did_you_mean(framework_id, ids)
                    or f"available: {', '.join(ids) or 'none'} (see 'ctoprep frameworks')",
                )
            ]
        )

    def default_framework_id(self) -> str:
        return self._default_in(self.entries()[0])

    @staticmethod
    def _default_in(entries: list[FrameworkEntry]) -> str:
        for entry in entries:
            if entry.id == "cosn-k12-cto":
                return entry.id
        if not entries:
            raise ContentError([Problem(str(bundled_frameworks_dir()), "no frameworks found")])
        return entries[0].id

    def framework(self, framework_id: str | None = None) -> Framework:
        if framework_id is not None and framework_id in self._frameworks:
            return self._frameworks[framework_id]
        entries = self.entries()[0]  # read once: the default id and the folder both come from it
        fid = framework_id or self._default_in(entries)
        if fid not in self._frameworks:
            from ctoprep.formats import framework_cache

            folder = self._entry_in(entries, fid).path
            cache = self._private_cache()
            cached = framework_cache.read(folder, cache) if cache is not None else None
            if cached is None:
                from ctoprep.formats.loading import load_framework

                cached = load_framework(folder, cache)
            self._frameworks[fid] = cached
        return self._frameworks[fid]

    def bank_files(self, framework_id: str) -> list[Path]:
        files: list[Path] = []
        for root in self.bank_roots:
            folder = root / framework_id
            if folder.is_dir():
                files.extend(sorted(folder.glob("*.toml")))
        return files

    def _private_cache(self) -> Path | None:
        cache = self.cache_dir
        if cache is not None:
            try:
                paths.ensure_private_dir(self.home)
                paths.ensure_private_dir(cache)
            except OSError:
                cache = None  # a read-only home still loads, only more slowly
        return cache

    def questions(self, framework: Framework) -> QuestionBank:
        from ctoprep.formats.loading import check_question_banks

        cache = self._private_cache()
        files = self.bank_files(framework.id)
        bank, problems = check_question_banks(files, framework, cache)
        if bank is None:
            # a broken file of the user's own is reported and skipped; the bundled banks still load
            broken = {p.file for p in problems if p.severity is Severity.ERROR}
            user = [f for f in files if display_path(f) in broken and self._is_user_file(f)]
            if user and len(user) < len(files) and broken == {display_path(f) for f in user}:
                kept = [f for f in files if f not in user]
                bank, _ = check_question_banks(kept, framework, cache)
                if bank is not None:
                    skipped = tuple(f"{display_path(f)} (skipped: it has errors)" for f in user)
                    return bank.model_copy(update={"skipped": skipped})
            raise ContentError(problems)
        return bank

    def _is_user_file(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(paths.user_banks_dir(self.home).resolve())
        except ValueError:
            return False
        return True
