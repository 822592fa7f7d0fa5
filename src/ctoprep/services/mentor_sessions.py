"""The mentor's review sessions and the mentee's received reviews, as the screens and commands use them.

Each function is one user action and one transaction. Today they are the storage functions themselves,
named here so that the UI and CLI depend on this layer, not on the store; rules that grow around them
(checks, several writes in one action) belong here.
"""

from __future__ import annotations

from ctoprep.storage.mentor_store import (
    ImportedReview,
    MentorSession,
    import_review,
    load_session,
    mark_sent,
    received_reviews,
    record_packet_sent,
    reveal,
    review_from_session,
    sent_packets,
    sessions,
    set_comment,
    set_mentor_name,
    set_plan,
    set_profile,
    set_summary,
)

__all__ = [
    "ImportedReview",
    "MentorSession",
    "import_review",
    "load_session",
    "mark_sent",
    "received_reviews",
    "record_packet_sent",
    "reveal",
    "review_from_session",
    "sent_packets",
    "sessions",
    "set_comment",
    "set_mentor_name",
    "set_plan",
    "set_profile",
    "set_summary",
]
