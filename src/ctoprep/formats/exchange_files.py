"""The exchange files read from disk: review packets, mentor reviews, assessments, cohort folders.

The parsing itself is pure (``core.packets``, ``core.assessment_io``: bytes in, models out); this
module is where the files are found and read, with the size limits and the one read policy of
``formats.toml_source.read_bytes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctoprep.core.assessment_io import MAX_ASSESSMENT_BYTES, parse_assessment
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.problems import ContentError, Problem, Severity, display_path
from ctoprep.formats.toml_source import read_bytes

if TYPE_CHECKING:
    # the packet models and what they import (the question models) are only needed to read a packet:
    # reading an assessment file (every 'ctoprep report FILE') should not pay for them
    from ctoprep.core.packets import MentorReview, ReviewPacket


def read_packet(path: Path, shown: str | None = None) -> ReviewPacket:
    from ctoprep.core.packets import MAX_PACKET_BYTES, parse_packet

    shown = shown or display_path(path)
    return parse_packet(read_bytes(Path(path), limit=MAX_PACKET_BYTES, shown=shown), shown)


def read_review(path: Path) -> MentorReview:
    from ctoprep.core.packets import MAX_PACKET_BYTES, parse_review

    return parse_review(read_bytes(Path(path), limit=MAX_PACKET_BYTES), display_path(path))


def read_assessment(path: Path) -> Assessment:
    """Read an assessment JSON file (raises :class:`ContentError` with a clear message)."""
    return parse_assessment(read_bytes(Path(path), limit=MAX_ASSESSMENT_BYTES), display_path(path))


# many packets at once (a cohort) -----------------------------------------------------------------

MAX_COHORT_FILES = 1_000


@dataclass(frozen=True)
class PacketFile:
    path: Path
    shown: str
    packet: ReviewPacket


def packet_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The JSON files named, or found directly inside the folders named, in order and without repeats."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in paths:
        shown = display_path(path)
        try:
            if path.is_dir():
                children = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
                if not children:
                    problems.append(Problem(shown, "folder holds no .json files", severity=Severity.WARNING))
            elif path.is_file():
                children = [path]
            else:
                problems.append(Problem(shown, "no such file or folder"))
                continue
        except OSError as exc:
            problems.append(Problem(shown, f"cannot be read: {exc.strerror or exc}"))
            continue
        for child in children:
            key = child.resolve()
            if key not in seen:
                seen.add(key)
                found.append(child)
    if len(found) > MAX_COHORT_FILES:
        problems.append(
            Problem(
                display_path(found[MAX_COHORT_FILES]),
                f"more than {MAX_COHORT_FILES} files: the rest were not read",
                severity=Severity.WARNING,
            )
        )
        found = found[:MAX_COHORT_FILES]
    return found, problems


def collect_packets(paths: Sequence[Path]) -> tuple[list[PacketFile], list[Problem]]:
    """Read every packet in ``paths`` (files or folders); each broken one is reported and skipped."""
    files, problems = packet_paths(paths)
    packets: list[PacketFile] = []
    seen: dict[str, str] = {}
    folders: dict[Path, str] = {}  # a folder's shown path, worked out once for all its packets
    for path in files:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent)
        shown = path.name if folder == "." else f"{folder}/{path.name}"
        try:
            packet = read_packet(path, shown)
        except ContentError as exc:
            problems.extend(exc.problems or [Problem(shown, "cannot be read as a review packet")])
            continue
        except Exception as exc:  # one hostile file must never end the run for the others
            problems.append(Problem(shown, f"cannot be read as a review packet ({type(exc).__name__})"))
            continue
        if packet.checksum.value in seen:
            problems.append(
                Problem(shown, f"same packet as {seen[packet.checksum.value]}; counted once", severity=Severity.WARNING)
            )
            continue
        seen[packet.checksum.value] = shown
        packets.append(PacketFile(path, shown, packet))
    return packets, problems
