"""What the home screen shows, built from the core's scores and gaps (no rules here, only wording)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from ctoprep.core.gaps import GapReport, find_gaps
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.framework import Framework, Profile
from ctoprep.core.models.value import Value, value_class
from ctoprep.core.scoring import ScoreReport, score_assessment
from ctoprep.ui.text import plain
from ctoprep.ui.widgets.bars import bar_line


@value_class
class Summary(Value):
    """An assessment scored, with its gaps against the chosen profile (None without one): what the home reads."""

    framework: Framework
    assessment: Assessment
    report: ScoreReport
    gaps: GapReport | None

    @classmethod
    def build(
        cls,
        framework: Framework,
        assessment: Assessment,
        profile: Profile | None,
        *,
        adjustments: Mapping[str, float] | None = None,
    ) -> Summary:
        """Scores and gaps; ``adjustments`` are calibration weights from practice (none until there is practice)."""
        report = score_assessment(framework, assessment)
        gaps = find_gaps(framework, report, profile, adjustments=adjustments or None) if profile is not None else None
        return cls(framework=framework, assessment=assessment, report=report, gaps=gaps)

    @property
    def rated(self) -> int:
        """Skills with a level (the same count the scores rest on)."""
        return sum(1 for s in self.framework.skills if self.assessment.level_of(s.id) is not None)

    @property
    def skipped(self) -> int:
        """Skills the person deliberately marked "not rated"."""
        return sum(
            1 for s in self.framework.skills if self.assessment.is_done(s.id) and self.assessment.level_of(s.id) is None
        )

    def readiness_text(self) -> Text:
        overall = self.report.overall
        text = bar_line("Overall", overall.score, label_width=16, width=16)
        text.append("\n")
        targets = {}
        if self.gaps is not None:
            for area_gap in self.gaps.areas:
                targets[area_gap.area_id] = area_gap.target_score
        for group in self.report.content_areas:
            parts = [targets.get(a) for a in group.parts]
            known = [t for t in parts if t is not None]
            target = sum(known) / len(known) if known else None
            weight = f"  ({group.weight:g}% of the exam)" if group.weight else ""
            text.append_text(plain(f"{group.id}. {group.title}{weight}", single_line=True))
            text.append("\n")
            text.append_text(bar_line("", group.score, target, label_width=0, width=24))
            text.append("\n")
        done = self.rated
        total = len(self.framework.skills)
        text.append(f"{done} of {total} skills rated", style="dim")
        if self.skipped:
            text.append(f" · {self.skipped} marked not rated", style="dim")
        if not overall.reliable and overall.reason:
            text.append(f"\nScores are provisional: {overall.reason}.", style="italic")
        return text

    def top_gaps_text(self, n: int) -> Text:
        text = Text()
        if self.gaps is None:
            text.append("This framework has no target profiles.")
            return text
        top = self.gaps.top(n)
        if not top:
            if self.gaps.not_rated:
                text.append("No gaps among the skills rated so far.")
            else:
                text.append("You meet every target of this profile. Consider a more demanding one (t).")
            return text
        for i, gap in enumerate(top, 1):
            head, _, rest = gap.reason.partition(": ")  # the reason starts with the skill and its area
            text.append(f"{i}. ", style="bold")
            text.append_text(plain(head, "bold"))
            if rest:
                text.append(": ")
                text.append_text(plain(rest))
            text.append("\n")
        return text

    def next_steps(self) -> list[str]:
        total = len(self.framework.skills)
        done = self.rated
        finished = sum(1 for s in self.framework.skills if self.assessment.is_done(s.id))
        steps: list[str] = []
        if finished < total:
            steps.append(
                f"Press a to continue your self-assessment ({done} of {total} done; it resumes where you stopped)."
            )
        if done >= total // 2:
            steps.append("Press r to see your scores, the exam content areas and every gap with its reasons.")
            steps.append("Press l to build a PD plan that fits your budget and hours.")
        else:
            steps.append("Rate at least half of the skills before reading much into the scores.")
        if finished >= total:
            steps.append("Press p to practice for the exam: a mock exam, or drills aimed at your top gaps.")
            steps.append("Press m to send your ratings to a mentor, who rates you blind and agrees a plan with you.")
        steps.append("Press h to see past assessments and how your ratings changed.")
        return steps
