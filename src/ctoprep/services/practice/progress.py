"""Practice progress: accuracy per area, mock-exam scores, the readiness verdict and the home screen's facts.

:class:`PracticeProgress` is the second layer of :class:`~ctoprep.services.practice.sessions.Practice`
(a weak-spot drill starts from :meth:`PracticeProgress.accuracy`).
"""

from __future__ import annotations

from ctoprep.core.calibration import AreaCalibration, calibrate, gap_adjustments
from ctoprep.core.models.assessment import Assessment
from ctoprep.core.models.vocabulary import AttemptStatus
from ctoprep.core.practice import AreaAccuracy, Mode, accuracy_by_area, readiness
from ctoprep.core.problems import ContentError
from ctoprep.core.scoring import score_assessment
from ctoprep.services.practice.base import PracticeBase, _problem_text
from ctoprep.services.practice.values import HomeFacts, MockScore, Progress
from ctoprep.storage import practice_store as ps


class PracticeProgress(PracticeBase):
    """What the progress and home screens show, gathered from the store and the bank."""

    def accuracy(self) -> dict[str, AreaAccuracy]:
        records = ps.answer_records(self.store, self.framework.id, self._bank().area_of_question)
        return accuracy_by_area(self.framework, records)

    def adjustments(self, assessment: Assessment | None) -> dict[str, float]:
        """Gap-priority multipliers from calibration; empty without an assessment or practice answers."""
        if assessment is None or not self.store.has_practice(self.framework.id):
            return {}  # nothing answered: no need to read the bank
        accuracy = self.accuracy()
        if not any(a.answered for a in accuracy.values()):
            return {}
        return gap_adjustments(calibrate(score_assessment(self.framework, assessment), accuracy))

    def mock_scores(self) -> list[MockScore]:
        scores = []
        for record in ps.attempts(self.store, self.framework.id, status=AttemptStatus.FINISHED):
            if record.mode != Mode.MOCK.value or not record.result:
                continue
            result = record.result.result
            scores.append(
                MockScore(
                    when=record.finished_at or record.started_at,
                    scaled=result.scaled,
                    percent=round(result.percent, 1),
                    total=result.total,
                    full_form=bool(record.config.get("full_form", False)),
                    timed_out=record.result.timed_out,
                )
            )
        return scores

    def progress(self, assessment: Assessment | None) -> Progress:
        bank = self._bank()
        records = ps.answer_records(self.store, self.framework.id, bank.area_of_question)
        accuracy = accuracy_by_area(self.framework, records)
        mocks = self.mock_scores()
        full = [m.scaled for m in mocks if m.full_form and m.scaled is not None]
        verdict = readiness(self.framework, full, records)
        calibration: tuple[AreaCalibration, ...] = ()
        adjustments: dict[str, float] = {}
        if assessment is not None:
            calibration = tuple(calibrate(score_assessment(self.framework, assessment), accuracy))
            if records:
                adjustments = gap_adjustments(list(calibration))
        seen = ps.seen_questions(self.store, self.framework.id) & set(bank.area_of_question)
        return Progress(
            mocks=tuple(mocks),
            accuracy=accuracy,
            answered=len(records),
            seen=len(seen),
            bank_size=len(bank.questions),
            readiness=verdict,
            calibration=calibration,
            adjustments=adjustments,
            due_today=len(self.due_today()),
            exam_date=self.exam_date,
        )

    def home_facts(self, assessment: Assessment | None) -> HomeFacts:
        """The due-today count, unfinished attempts and calibration weights (call it from a worker)."""
        unfinished = tuple(m.value for m in Mode if self.unfinished(m))
        attempts = ps.attempt_count(self.store, self.framework.id)
        try:
            bank = self.load_bank()
        except ContentError as exc:
            return HomeFacts(unfinished=unfinished, attempts=attempts, problem=_problem_text(exc))
        return HomeFacts(
            due_today=len(self.due_today()),
            unfinished=unfinished,
            attempts=attempts,
            problem="; ".join(bank.skipped),
            adjustments=self.adjustments(assessment),
            bank=bank,
        )
