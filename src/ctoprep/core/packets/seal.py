"""The checksum that seals a packet or review: canonical JSON of the payload, hashed with SHA-256."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from ctoprep.core.packets.models import CHECKSUM_ALGORITHM


def canonical_json(value: Any) -> bytes:
    """The one byte string a JSON value hashes as: sorted keys, no whitespace, UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def payload_checksum(payload: Any) -> str:
    """SHA-256 (hex) of a payload given as plain JSON data (dicts, lists, strings, numbers)."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def seal(fmt: str, version: int, payload: BaseModel) -> tuple[dict[str, Any], str]:
    """The sealed document for a payload (format, version, checksum, payload) and the checksum's value."""
    data = payload.model_dump(mode="json")
    value = payload_checksum(data)
    return {
        "format": fmt,
        "schema_version": version,
        "checksum": {"algorithm": CHECKSUM_ALGORITHM, "value": value},
        "payload": data,
    }, value


def document_json(document: dict[str, Any]) -> str:
    """A sealed document as the JSON text written to a file (indented, ending in a newline)."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
