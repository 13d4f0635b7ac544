"""Shared fixtures: the real spaCy pipeline with Whimbrel's stages, loaded once per session."""

import pytest

from whimbrel.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()
