"""Using what was read: a packet's assessments fitted to the reader's framework, and agreed targets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ctoprep.core.assessment_io import map_to_framework
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile, Target
from ctoprep.core.packets.models import ProfileAdjustment, ReviewPacket
from ctoprep.core.problems import ContentError, Problem, Severity

# fitting to the reader's framework ----------------------------------------------------------------


@dataclass(frozen=True)
class FittedPacket:
    """A packet's assessments made to fit the reader's framework, and what did not fit."""

    packet: ReviewPacket
    assessments: tuple[Assessment, ...]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def current(self) -> Assessment:
        return self.assessments[-1]


def fit_packet(packet: ReviewPacket, framework: Framework, shown: str) -> FittedPacket:
    """Map every assessment in a packet onto ``framework`` by skill id, collecting warnings.

    Raises:
        ContentError: the packet is for a different framework altogether.
    """
    ref = packet.payload.framework
    if ref.id != framework.id:
        raise ContentError(
            [Problem(shown, f"packet is for framework {ref.id!r}, not {framework.id!r}", hint="install that framework")]
        )
    warnings: list[Problem] = []
    if ref.version != framework.version:
        warnings.append(
            Problem(
                shown,
                f"packet was made with {framework.id} version {ref.version}, this is version {framework.version}: "
                "ratings were matched by skill id",
                severity=Severity.WARNING,
            )
        )
    elif ref.content_hash and framework.content_hash and ref.content_hash != framework.content_hash:
        warnings.append(
            Problem(
                shown,
                f"packet was made with a differently edited copy of {framework.id} {ref.version}: "
                "ratings were matched by skill id",
                severity=Severity.WARNING,
            )
        )
    fitted = []
    for a in packet.payload.assessments:
        fit = map_to_framework(a, framework)
        # the version warning is given once for the packet, not once per assessment
        warnings.extend(w for w in fit.warnings(shown) if "another version" not in w.message)
        fitted.append(fit.assessment)
    return FittedPacket(packet, tuple(fitted), _dedupe(warnings))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.message not in seen:
            seen.add(p.message)
            out.append(p)
    return out


# agreed targets -----------------------------------------------------------------------------------


def agreed_profile(framework: Framework, adjustment: ProfileAdjustment | None, fallback: Profile | None) -> Profile:
    """The target profile a review agreed: its base profile with the mentor's per-skill targets.

    Targets naming a skill the framework lacks, or levels off its scale, are ignored.

    Raises:
        ContentError: there is neither a base profile nor a fallback.
    """
    base = None
    if adjustment is not None and adjustment.base:
        base = framework.profile_by_id.get(adjustment.base)
    base = base or fallback or framework.default_profile
    if base is None:
        raise ContentError([Problem(framework.id, "this framework has no target profiles to adjust")])
    if adjustment is None or not adjustment.targets:
        return base
    values = set(framework.scale.values)
    targets = dict(base.skill_targets)
    for skill_id, override in adjustment.targets.items():
        if skill_id in framework.skill_by_id and override.min in values and override.max in values:
            old = targets.get(skill_id)
            targets[skill_id] = Target(
                min=override.min,
                max=override.max,
                importance=old.importance if old else 1.0,
                rationale="agreed with the mentor",
                scope="skill",
            )
    return dataclasses.replace(
        base, id=f"{base.id}+agreed", title=f"{base.title} (agreed with mentor)", skill_targets=targets
    )
