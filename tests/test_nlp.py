"""The shared spaCy pipeline: paragraph-aware sentences and the fast attribute ruler."""

from __future__ import annotations

import spacy

from storyline import nlp

TEXTS = [
    "Prison Recruits Sign Up for the Front\n\nAbout 40 of the colony's 400 inmates signed up, "
    "two former inmates said. It is unclear if they were paid.",
    "Y'all gonna see it? Let's go, c'mon. He ain't here. There is nothin' to see. I do. Do you?",
    "The ministry did not confirm it. What the women wanted was clear; that's what I'd do.",
    "Dock workers walked out on Monday.\nPort management did not respond.\n\nGot ta see it.",
]


def test_a_line_break_starts_a_sentence() -> None:
    doc = nlp.load("en")("Flood Hits Town\n\nResidents fled on Monday.")
    assert [s.text.strip() for s in doc.sents] == ["Flood Hits Town", "Residents fled on Monday."]


def test_fast_attribute_ruler_matches_the_models_own() -> None:
    fast = nlp.load("en")
    assert "attribute_ruler" not in fast.pipe_names
    original = spacy.load(nlp.MODELS["en"])
    original.add_pipe(nlp.PARAGRAPHS, before="parser")
    for ours, theirs in zip(fast.pipe(TEXTS), original.pipe(TEXTS), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.dep_) for t in theirs
        ]
