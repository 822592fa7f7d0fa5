"""Pydantic models of the domain: frameworks, question banks and assessments."""

from ctoprep.core.models.assessment import Assessment, Confidence, Rater, RaterRole, Rating
from ctoprep.core.models.framework import (
    Activity,
    Area,
    Blueprint,
    Catalogue,
    Category,
    Framework,
    Profile,
    Scale,
    Skill,
    Target,
)
from ctoprep.core.models.questions import Question, QuestionBank

__all__ = [
    "Activity",
    "Area",
    "Assessment",
    "Blueprint",
    "Catalogue",
    "Category",
    "Confidence",
    "Framework",
    "Profile",
    "Question",
    "QuestionBank",
    "Rater",
    "RaterRole",
    "Rating",
    "Scale",
    "Skill",
    "Target",
]
