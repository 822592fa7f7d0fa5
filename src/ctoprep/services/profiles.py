"""The target profiles a user can measure against: the framework's own, and those agreed with a mentor.

A mentor review can agree targets for the mentee (a framework profile with some skills' targets
changed). Once the mentee imports that review, its targets are a profile they can choose like any
other. Such a profile is never copied into the store: its id, ``review:<id of the stored review>``,
points at the review, and the targets are rebuilt from it against the framework in use, so a review
that names skills or levels this framework lacks simply contributes fewer targets.
"""

from __future__ import annotations

import dataclasses

from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.vocabulary import AGREED_PROFILE_PREFIX
from ctoprep.core.problems import ContentError
from ctoprep.storage import settings
from ctoprep.storage.store import Store

# The packets and the mentor store (about 18 ms to import, the planner included) are needed only for
# agreed profiles: the home screen's profile is nearly always a framework's own, found without them.

AGREED_PREFIX = AGREED_PROFILE_PREFIX
"""Profile ids of agreed targets start with this (defined in the vocabulary, which costs nothing to import)."""
SHORT_REVIEW_ID = 8
"""The store setting that holds the id of the profile chosen for a framework."""


def agreed_profiles(store: Store, framework: Framework) -> list[Profile]:
    """One profile per imported review of this framework that agreed targets, newest first."""
    from ctoprep.core.packets import agreed_profile
    from ctoprep.storage import mentor_store

    out: list[Profile] = []
    for review_id, _, review in reversed(mentor_store.received_reviews(store)):
        payload = review.payload
        if payload.framework.id != framework.id or payload.profile is None or not payload.profile.targets:
            continue
        try:
            profile = agreed_profile(framework, payload.profile, None)
        except ContentError:
            continue  # the framework has no profile to start from
        changed = sum(1 for s in payload.profile.targets if s in framework.skill_by_id)
        mentor = payload.mentor or "your mentor"
        out.append(
            dataclasses.replace(
                profile,
                id=f"{AGREED_PREFIX}{review_id}",
                title=f"Agreed with {mentor} ({payload.created_at:%Y-%m-%d})",
                description=(
                    f"{profile.title} with {changed} skill target{'s' if changed != 1 else ''} "
                    "changed in the mentor review"
                ),
                default=False,
            )
        )
    return out


def choosable_profiles(store: Store, framework: Framework) -> list[Profile]:
    """The framework's profiles, then the agreed ones."""
    return [*framework.profiles, *agreed_profiles(store, framework)]


def find_profile(store: Store, framework: Framework, profile_id: str | None) -> Profile | None:
    """The profile with this id (a framework's or an agreed one), or None when there is none."""
    if not profile_id:
        return None
    if profile_id in framework.profile_by_id:
        return framework.profile_by_id[profile_id]
    if profile_id.startswith(AGREED_PREFIX) and len(profile_id) > len(AGREED_PREFIX):
        agreed = agreed_profiles(store, framework)
        exact = [p for p in agreed if p.id == profile_id]
        # the start of a review id is enough when it names only one (as with mentor sessions)
        matches = exact or [p for p in agreed if p.id.startswith(profile_id)]
        if len(matches) == 1:
            return matches[0]
    return None


def chosen_profile(store: Store, framework: Framework, fallback_id: str | None = None) -> Profile | None:
    """The profile chosen for this framework (else ``fallback_id``'s), else the framework's default."""
    chosen = store.get_setting(settings.PROFILE, framework=framework.id) or fallback_id
    return find_profile(store, framework, chosen) or framework.default_profile


def choose_profile(store: Store, framework: Framework, profile_id: str) -> Profile:
    """Remember a profile as the one chosen for this framework.

    Raises:
        KeyError: no profile has this id.
    """
    profile = find_profile(store, framework, profile_id)
    if profile is None:
        raise KeyError(profile_id)
    store.set_setting(settings.PROFILE, profile_id, framework=framework.id)
    return profile


def short_id(profile: Profile) -> str:
    """An agreed profile's id shortened for typing; a framework profile's id as it is."""
    if profile.id.startswith(AGREED_PREFIX):
        return profile.id[: len(AGREED_PREFIX) + SHORT_REVIEW_ID]
    return profile.id
