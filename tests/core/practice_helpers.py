"""A generated question bank for the mini framework (tests/conftest.py)."""

from __future__ import annotations

from ctoprep.core.models.framework import Framework
from ctoprep.core.models.questions import Option, Question, QuestionBank


def generated_bank(framework: Framework, per_skill: int = 10) -> QuestionBank:
    questions = []
    area_of = {}
    for skill in framework.skills:
        for i in range(per_skill):
            qid = f"{skill.id}-{i:02d}"
            questions.append(
                Question(
                    id=qid,
                    skills=[skill.id],
                    difficulty=i % 3 + 1,
                    stem=f"Question {i} on {skill.title}?",
                    answer="ABCD"[i % 4],
                    explanation="because",
                    options=[Option(text=f"option {c}", why="w") for c in "ABCD"],
                )
            )
            area_of[qid] = skill.area_id
    return QuestionBank(framework_id=framework.id, questions=tuple(questions), area_of_question=area_of)
