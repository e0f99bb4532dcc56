"""Ask spaCy's lemmatizer whether a trigger word can ever be a token's lemma.

Kept apart from :mod:`storyline.events.codebook` so reading a codebook never loads spaCy;
``storyline codebook check`` and ``--codebook FILE`` pass :func:`never_a_lemma` in.
"""

from __future__ import annotations

from functools import lru_cache

_POS = ("noun", "verb", "adj")


@lru_cache(maxsize=4096)
def never_a_lemma(word: str) -> str | None:
    """The lemma spaCy gives ``word`` when ``word`` itself is never a lemma, else ``None``.

    A word the model's lemma index knows as a noun, verb or adjective lemma can match. One
    it does not know, whose suffix rules lead to a known lemma ("offers" → "offer",
    "killed" → "kill", "casualties" → "casualty"), is an inflected form that no token ever
    has as its lemma. Words the index does not know at all (rare names) get the benefit of
    the doubt.
    """
    from spacy.tokens import Doc

    from storyline import nlp

    pipeline = nlp.load("en")
    lemmatizer = pipeline.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    if any(word in index[pos] for pos in _POS):
        return None
    for pos in ("VERB", "NOUN"):
        doc = Doc(pipeline.vocab, words=[word])
        doc[0].pos_ = pos
        for lemma in lemmatizer.rule_lemmatize(doc[0]):  # type: ignore[attr-defined]
            if lemma != word and any(lemma in index[p] for p in _POS):
                return str(lemma)
    return None
