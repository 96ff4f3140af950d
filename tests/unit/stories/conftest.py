"""Fixtures for the story engine: items with the fields the clusterer reads, and the real model."""

from __future__ import annotations

import pytest

from stream import settings
from stream.stories.model import JoinModel


@pytest.fixture(scope="session")
def stories_cfg():
    return settings.load().stories


@pytest.fixture(scope="session")
def model():
    return JoinModel.load()
