"""Shingles: what counts as the same wording, and that the hashes are stable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storyline.link.shingles import SHINGLE_WORDS, digest, main_text, shingles, words


def test_words_drop_case_punctuation_hashtags_handles_and_links() -> None:
    text = "Dock STRIKE at #Calder port!\nhttps://x.example/a?b=1 via @harbourwatch — “Ports” ﬁle"
    assert words(text) == ["dock", "strike", "at", "port", "via", "ports", "file"]


def test_rewrapping_and_retagging_do_not_change_the_shingles(article, copies) -> None:
    text = article("strike")
    base = shingles(words(text))
    assert shingles(words(copies.rewrap(text, 45))) == base
    retagged = shingles(words(copies.retag(text)))
    # the tag line and "Share this" add a few shingles at the end and remove none
    assert base <= retagged and len(retagged - base) <= 12


def test_the_headline_is_left_out(article) -> None:
    text = article("strike")
    body_start = text.index("\n\n") + 2
    other_headline = "Totally different headline\n\n" + text[body_start:]
    assert shingles(words(main_text(text, body_start))) == shingles(
        words(main_text(other_headline, len("Totally different headline") + 2))
    )


@pytest.mark.parametrize("count", [0, 1, SHINGLE_WORDS - 1])
def test_texts_shorter_than_a_shingle_have_none(count: int) -> None:
    assert shingles([f"w{i}" for i in range(count)]) == frozenset()


def test_one_shingle_per_position() -> None:
    tokens = [f"w{i}" for i in range(30)]
    assert len(shingles(tokens)) == 30 - SHINGLE_WORDS + 1
    assert len(shingles(tokens[:SHINGLE_WORDS])) == 1


def test_word_order_matters() -> None:
    assert shingles(["a", "b", "c", "d", "e"]) != shingles(["e", "d", "c", "b", "a"])


def test_digest_ignores_wrapping_but_not_a_changed_word(article, copies) -> None:
    text = article("flood")
    assert digest(words(text)) == digest(words(copies.rewrap(text)))
    assert digest(words(text)) != digest(words(text.replace("600", "700")))


def test_hashes_are_the_same_in_another_process() -> None:
    """Signatures are stored, so shingle hashes must not depend on Python's hash seed."""
    code = "from storyline.link.shingles import shingles; print(sorted(shingles(list('abcdefg'))))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert runs.pop().strip() == str(sorted(shingles(list("abcdefg"))))
