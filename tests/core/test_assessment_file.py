"""The assessment document turned into the resolved assessment builds what the constructors build."""

from __future__ import annotations

import dataclasses

import pytest

from ctoprep.core.models import assessment as resolved
from ctoprep.core.models import assessment_file


def test_ratings_are_what_the_constructor_builds() -> None:
    document = assessment_file.Assessment.model_validate(
        {
            "framework": {"id": "f", "version": "1"},
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-02T00:00:00Z",
            "ratings": {
                "a": {"level": 2, "evidence": "did it", "confidence": "high", "rated_at": "2026-01-01T10:00:00Z"},
                "b": {"skipped": True, "rated_at": "2026-01-01T11:00:00+05:00"},
                "c": {"evidence": "notes first", "rated_at": "2026-01-01T12:00:00Z"},
            },
            "core_values": {"v": {"level": 3, "rated_at": "2026-01-01T13:00:00Z"}},
        }
    )
    made = assessment_file.to_resolved(document)
    for mine, theirs in ((made.ratings, document.ratings), (made.core_values, document.core_values)):
        assert set(mine) == set(theirs)
        for key, rating in mine.items():
            expected = resolved.Rating(**theirs[key].model_dump())
            assert type(rating) is resolved.Rating
            assert rating == expected
            assert hash(rating) == hash(expected)
            assert repr(rating) == repr(expected)
            assert rating.done == expected.done
            with pytest.raises(dataclasses.FrozenInstanceError):
                rating.level = 1  # type: ignore[misc]
    assert assessment_file.to_document(made) == document
