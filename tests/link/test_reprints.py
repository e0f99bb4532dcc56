"""Reprint detection: signatures, band keys, the reprint test and the in-memory index."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from storyline.link.index import ReprintIndex
from storyline.link.reprints import (
    BANDS,
    MIN_SHARED,
    MINHASH_BATCH,
    NUM_PERM,
    SEED,
    band_keys,
    compare,
    estimated_overlap,
    fingerprint,
    signature,
    signature_bytes,
    signature_from_bytes,
)


def body_start(text: str) -> int:
    return text.index("\n\n") + 2


def fp(text: str):
    return fingerprint(text, body_start(text))


def test_signature_is_fixed_and_round_trips(article) -> None:
    first = fp(article("strike"))
    again = fp(article("strike"))
    assert first.signature.dtype == np.uint32 and first.signature.size == NUM_PERM
    assert np.array_equal(first.signature, again.signature)
    assert np.array_equal(signature_from_bytes(signature_bytes(first.signature)), first.signature)
    assert len(signature_bytes(first.signature)) == 4 * NUM_PERM


@pytest.mark.parametrize("size", [0, 1, 17, MINHASH_BATCH, MINHASH_BATCH + 1, 3000])
def test_signature_is_datasketchs_minhash(size: int) -> None:
    """Stored signatures must stay comparable: ours are datasketch's values for the seed."""
    values = np.random.default_rng(size).choice(2**32, size=size, replace=False)
    shingle_set = frozenset(int(value) for value in values)
    expected = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    expected.update_batch(list(shingle_set))
    ours = signature(shingle_set)
    assert ours.dtype == np.uint32
    assert np.array_equal(ours, np.asarray(expected.hashvalues, dtype=np.uint32))


def test_band_keys(article) -> None:
    keys = band_keys(fp(article("strike")).signature)
    assert len(keys) == BANDS == len(set(keys))
    assert all(-(2**63) <= key < 2**63 for key in keys)  # fits a signed BIGINT
    assert keys == band_keys(fp(article("strike")).signature)
    other = set(band_keys(fp(article("strike-other")).signature))
    assert len(other & set(keys)) <= 2
    with pytest.raises(ValueError, match="expected 256"):
        band_keys(np.zeros(10, dtype=np.uint32))


def test_a_truncated_repost_is_contained_not_similar(article, copies) -> None:
    original = fp(article("strike"))
    third = fp(copies.cut(article("strike"), 0.3))
    overlap = compare(original.shingles, third.shingles)
    assert overlap.jaccard < 0.35  # Jaccard alone would miss it
    assert overlap.coefficient > 0.95
    assert overlap.is_reprint


@pytest.mark.parametrize("kind", ["rewrap", "retag", "edit"])
def test_light_changes_are_reprints(article, copies, kind: str) -> None:
    text = article("flood")
    overlap = compare(fp(text).shingles, fp(getattr(copies, kind)(text)).shingles)
    assert overlap.is_reprint and overlap.coefficient > 0.7


def test_a_quote_inside_another_article_is_a_reprint(article, copies) -> None:
    quoted = copies.quote(article("colony"), article("election"))
    overlap = compare(fp(article("colony")).shingles, fp(quoted).shingles)
    assert overlap.is_reprint
    assert not compare(fp(article("election")).shingles, fp(quoted).shingles).is_reprint


@pytest.mark.parametrize("name", ["strike", "flood", "colony"])
def test_same_topic_reports_are_not_reprints(article, name: str) -> None:
    overlap = compare(fp(article(name)).shingles, fp(article(f"{name}-other")).shingles)
    assert not overlap.is_reprint
    assert overlap.coefficient < 0.1


def test_a_shared_sentence_is_not_enough(article) -> None:
    sentence = "The Federal Penitentiary Service did not respond to a request for comment."
    short = fp(f"Headline\n\n{sentence} Officials in Moscow declined to say more.")
    overlap = compare(short.shingles, fp(article("colony")).shingles)
    assert overlap.coefficient > 0.5 and overlap.shared < MIN_SHARED
    assert not overlap.is_reprint
    assert not short.linkable


def test_estimate_is_close_for_texts_of_similar_size(article, copies) -> None:
    a, b = fp(article("strike")), fp(copies.edit(article("strike")))
    exact = compare(a.shingles, b.shingles).coefficient
    assert abs(estimated_overlap(a.signature, a.size, b.signature, b.size) - exact) < 0.1
    assert estimated_overlap(a.signature, 0, b.signature, b.size) == 0.0


# ------------------------------------------------------------------------------- index


def stories_of(index: ReprintIndex) -> list[set[int]]:
    return sorted((set(ids) for ids in index.stories().values()), key=min)


def test_index_groups_copies_and_keeps_same_topic_reports_apart(article, copies) -> None:
    strike = article("strike")
    texts = [
        strike,
        copies.cut(strike, 0.4),
        copies.rewrap(strike),
        copies.retag(strike),
        copies.edit(strike),
        copies.quote(strike, article("election")),
        article("strike-other"),
        article("flood"),
        copies.cut(article("flood"), 0.5),
        "Calder port strike",  # a headline alone
    ]
    index = ReprintIndex()
    for number, text in enumerate(texts, 1):
        start = body_start(text) if "\n\n" in text else 0
        index.add(number, fingerprint(text, start))
    assert stories_of(index) == [{1, 2, 3, 4, 5, 6}, {7}, {8, 9}, {10}]


def test_reprints_before_their_original_merge_when_it_arrives(article) -> None:
    strike = article("strike")
    title, body = strike.split("\n\n", 1)
    paragraphs = body.split("\n\n")
    first_half = f"{title}\n\n" + "\n\n".join(paragraphs[:2])
    second_half = f"{title}\n\n" + "\n\n".join(paragraphs[3:])
    index = ReprintIndex()
    index.add(1, fp(first_half))
    index.add(2, fp(second_half))
    assert stories_of(index) == [{1}, {2}]  # the halves share nothing
    assert index.add(3, fp(strike)) == 1
    assert stories_of(index) == [{1, 2, 3}]


def test_identical_texts_skip_the_index(article, copies) -> None:
    index = ReprintIndex()
    text = article("colony")
    for number in range(1, 301):
        index.add(number, fp(copies.rewrap(text, 50 + number % 30)))
    assert stories_of(index) == [set(range(1, 301))]
    assert sum(len(ids) for ids in index._buckets.values()) == BANDS  # one copy indexed
