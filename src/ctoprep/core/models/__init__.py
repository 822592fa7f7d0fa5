"""Pydantic models of the domain: frameworks (``framework``, ``files``), question banks (``questions``)
and assessments (``assessment``). Import from the submodules: start-up only pays for what it uses."""
