"""What every TOML file model shares: the base class and the constrained string types.

Its own module so that the question bank's models (:mod:`ctoprep.core.models.questions`) do not bring the
framework's two dozen file models with them: a practice session or a warm bank load needs none of them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class FileModel(BaseModel):
    """The TOML file models. A field's docstring is its description in the JSON Schema files, added by
    ``ctoprep schema`` (pydantic's ``use_attribute_docstrings`` reads every class's source when the class
    is made, about 30 ms, which every command and the app's start would pay)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)
