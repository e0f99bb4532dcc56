"""Shared fixtures for extractor tests: one spaCy pipeline per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline import nlp as nlp_module


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English pipeline, loaded once (about a second)."""
    return nlp_module.load("en")


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[[str], Doc]:
    """Turn a text into an annotated spaCy Doc."""
    return nlp
