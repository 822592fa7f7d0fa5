"""``ctoprep export-case [ID] -o FILE.json``: a framework as a 1EdTech CASE 1.1 package."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_BASE_URI = "urn:uuid:"
"""Kept equal to ``ctoprep.formats.case_export.DEFAULT_BASE_URI`` (a test checks); defined here so that
building the parser does not import the exporter."""

_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-case",
        help="write a framework as a CASE 1.1 package (JSON) for other tools",
        description="Write a framework as a 1EdTech CASE 1.1 CFPackage: the document, its categories, "
        "areas and skills as items, isChildOf associations and a rubric of the scale and level "
        "descriptors. Identifiers stay the same on every export. See docs/interchange.md.",
    )
    p.add_argument("id", nargs="?", help="framework id (default: the bundled CoSN framework)")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write ('-' for standard output)")
    p.add_argument(
        "--base-uri",
        default=DEFAULT_BASE_URI,
        help=f"prefix of every record's uri, followed by its identifier (default: {DEFAULT_BASE_URI})",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def _changed_at() -> datetime:
    """Now, or $SOURCE_DATE_EPOCH for reproducible files."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from ctoprep.cli import output
    from ctoprep.formats.case_export import export_case
    from ctoprep.services.content import Library

    if not _URI_SCHEME.match(args.base_uri):
        return output.fail(f"--base-uri {args.base_uri!r} is not a URI", "e.g. https://example.org/case/ or urn:uuid:")
    framework = Library(args.home).framework(args.id)
    package = export_case(framework, changed_at=_changed_at(), base_uri=args.base_uri)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    status = output.write_file(args.output, text, force=args.force)
    if status == 0:
        output.err().print(
            f"{len(package['CFItems'])} items, {len(package['CFAssociations'])} associations, "
            f"{len(package['CFRubrics'][0]['CFRubricCriteria'])} rubric criteria",
            markup=False,
        )
    return status
