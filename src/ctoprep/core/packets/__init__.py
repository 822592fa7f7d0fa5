"""Review packets (mentee → mentor) and mentor reviews (mentor → mentee): files passed by hand.

Both are JSON documents with ``format``, ``schema_version``, a ``checksum`` and a ``payload``::

    {"format": "ctoprep.review-packet", "schema_version": 1,
     "checksum": {"algorithm": "sha256", "value": "<64 hex digits>"},
     "payload": {...}}

The checksum is the SHA-256 of the payload in canonical JSON (keys sorted, no spaces, UTF-8, see
:func:`canonical_json`). It is computed over the payload *as read*, before any validation, so any
change to it — a level edited by hand, a file cut short in an e-mail — is refused with a clear
message. It is a seal against accidents and casual edits, not a signature: anyone can recompute it,
so it does not prove who made the file. ``docs/mentoring.md`` describes both formats.

Everything read here may be hostile: size-limited, parsed with :mod:`ctoprep.core.assessment_io`'s
helpers, checked, then validated by models that forbid unknown fields and bound every collection.

The package: ``models`` (the formats as models, and their limits), ``seal`` (the checksum), ``write``
(building, sealing and writing packets and reviews), ``read`` (checking, verifying and parsing them)
and ``fit`` (fitting a packet to the reader's framework, the targets a review agreed).
"""

from __future__ import annotations

from ctoprep.core.packets.fit import (
    FittedPacket,
    agreed_profile,
    fit_packet,
)
from ctoprep.core.packets.models import (
    CHECKSUM_ALGORITHM,
    MAX_ASSESSMENTS,
    MAX_COMMENTS,
    MAX_PACKET_BYTES,
    MAX_PLANNED,
    MAX_PRACTICE,
    PACKET_FORMAT,
    PACKET_SCHEMA_VERSION,
    REVIEW_FORMAT,
    REVIEW_SCHEMA_VERSION,
    Checksum,
    ExchangeModel,
    Hex64,
    MentorReview,
    PacketPayload,
    PersonId,
    PlanLimitsDoc,
    PlannedItem,
    PlanSummary,
    PracticeArea,
    PracticeResult,
    ProfileAdjustment,
    ReviewPacket,
    ReviewPayload,
    ShortId,
    TargetOverride,
)
from ctoprep.core.packets.read import (
    parse_packet,
    parse_review,
    sniff_format,
)
from ctoprep.core.packets.seal import (
    canonical_json,
    payload_checksum,
)
from ctoprep.core.packets.write import (
    build_packet,
    build_review,
    packet_to_document,
    packet_to_json,
    plan_summary,
    practice_result,
    review_to_document,
    review_to_json,
)

__all__ = [
    "CHECKSUM_ALGORITHM",
    "MAX_ASSESSMENTS",
    "MAX_COMMENTS",
    "MAX_PACKET_BYTES",
    "MAX_PLANNED",
    "MAX_PRACTICE",
    "PACKET_FORMAT",
    "PACKET_SCHEMA_VERSION",
    "REVIEW_FORMAT",
    "REVIEW_SCHEMA_VERSION",
    "Checksum",
    "ExchangeModel",
    "FittedPacket",
    "Hex64",
    "MentorReview",
    "PacketPayload",
    "PersonId",
    "PlanLimitsDoc",
    "PlanSummary",
    "PlannedItem",
    "PracticeArea",
    "PracticeResult",
    "ProfileAdjustment",
    "ReviewPacket",
    "ReviewPayload",
    "ShortId",
    "TargetOverride",
    "agreed_profile",
    "build_packet",
    "build_review",
    "canonical_json",
    "fit_packet",
    "packet_to_document",
    "packet_to_json",
    "parse_packet",
    "parse_review",
    "payload_checksum",
    "plan_summary",
    "practice_result",
    "review_to_document",
    "review_to_json",
    "sniff_format",
]
