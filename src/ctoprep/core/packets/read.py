"""Reading: a packet or review checked, its seal verified, then validated (bytes in, models out).

Everything read here may be hostile: size-limited, parsed with :mod:`ctoprep.core.assessment_io`'s
helpers, checked, then validated by models that forbid unknown fields and bound every collection.
The checksum is verified over the payload *as read*, before any validation.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ctoprep.core.assessment_io import parse_json_document, validation_problems
from ctoprep.core.packets.models import (
    MAX_PACKET_BYTES,
    PACKET_FORMAT,
    PACKET_SCHEMA_VERSION,
    REVIEW_FORMAT,
    REVIEW_SCHEMA_VERSION,
    Checksum,
    MentorReview,
    PacketPayload,
    ReviewPacket,
    ReviewPayload,
)
from ctoprep.core.packets.seal import payload_checksum
from ctoprep.core.problems import ContentError, Problem

P = TypeVar("P", bound=BaseModel)

_KIND = {PACKET_FORMAT: "review packet", REVIEW_FORMAT: "mentor review"}


def _explain_json(problems: Iterable[Problem], kind: str) -> list[Problem]:
    out = []
    for p in problems:
        if p.message.startswith(("not valid JSON", "JSON text is not UTF-8", "this is a binary file")):
            out.append(
                Problem(
                    p.file,
                    f"this {kind} is damaged or cut short ({p.message})",
                    line=p.line,
                    col=p.col,
                    hint="it was probably truncated or changed in transfer; ask for it to be exported and sent again",
                )
            )
        else:
            out.append(p)
    return out


def _verified_payload(data: bytes, shown: str, fmt: str, version: int) -> tuple[dict[str, Any], str, int]:
    """The payload of a sealed document whose checksum matches, with the checksum and schema version."""
    kind = _KIND[fmt]
    if len(data) > MAX_PACKET_BYTES:
        raise ContentError(
            [Problem(shown, f"file is too large for a {kind} (limit {MAX_PACKET_BYTES // 1024 // 1024} MB)")]
        )
    try:
        doc = parse_json_document(data, shown, fmt, version)
    except ContentError as exc:
        raise ContentError(_explain_json(exc.problems, kind)) from None
    unknown = sorted(set(doc) - {"format", "schema_version", "checksum", "payload"})
    if unknown:
        raise ContentError([Problem(shown, f"unknown field(s) at the top level: {', '.join(map(repr, unknown))}")])
    checksum = doc.get("checksum")
    if not isinstance(checksum, dict) or "value" not in checksum:
        raise ContentError(
            [
                Problem(
                    shown,
                    f"this {kind} has no checksum, so it cannot be trusted to be complete and unaltered",
                    hint="ask for it to be exported again with ctoprep",
                )
            ]
        )
    try:
        seal = Checksum.model_validate(checksum)
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(shown, f"checksum.{p.message}", hint="the file was edited by hand or damaged")
                for p in validation_problems("", exc)
            ]
        ) from None
    payload = doc.get("payload")
    if not isinstance(payload, dict):
        raise ContentError([Problem(shown, f"this {kind} has no payload (expected a JSON object)")])
    try:
        actual = payload_checksum(payload)
    except (ValueError, RecursionError, TypeError):
        raise ContentError([Problem(shown, f"this {kind} holds values JSON cannot carry (NaN or too deep)")]) from None
    if not hmac.compare_digest(actual, seal.value):
        raise ContentError(
            [
                Problem(
                    shown,
                    f"checksum does not match: this {kind} was altered or damaged after it was exported",
                    hint="ask for it to be exported and sent again; do not edit it by hand",
                )
            ]
        )
    return payload, seal.value, int(doc["schema_version"])


def parse_packet(data: bytes, shown: str = "<packet>") -> ReviewPacket:
    """Check, verify and validate a review packet (raises :class:`ContentError`)."""
    payload, value, version = _verified_payload(data, shown, PACKET_FORMAT, PACKET_SCHEMA_VERSION)
    body = _validated(PacketPayload, payload, shown)
    return ReviewPacket(schema_version=version, checksum=Checksum(value=value), payload=body)


def parse_review(data: bytes, shown: str = "<review>") -> MentorReview:
    """Check, verify and validate a mentor review (raises :class:`ContentError`)."""
    payload, value, version = _verified_payload(data, shown, REVIEW_FORMAT, REVIEW_SCHEMA_VERSION)
    body = _validated(ReviewPayload, payload, shown)
    return MentorReview(schema_version=version, checksum=Checksum(value=value), payload=body)


def _validated(model: type[P], payload: Any, shown: str) -> P:
    """A verified payload validated into its model, problems located under ``payload.``."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise ContentError(_prefixed(validation_problems(shown, exc))) from None


def _prefixed(problems: list[Problem]) -> list[Problem]:
    return [
        Problem(p.file, f"payload.{p.message}" if p.key_path else p.message, key_path=f"payload.{p.key_path}")
        for p in problems
    ]


def sniff_format(data: bytes) -> str | None:
    """The ``format`` a JSON document declares, or None when it is not a JSON object with one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    fmt = doc.get("format") if isinstance(doc, dict) else None
    return fmt if isinstance(fmt, str) else None
