"""Faust agents: thin wiring around the pure pipeline in ``stream.wire``/``dedup``/``stories``."""

from stream.agents import desk, intake  # noqa: F401
