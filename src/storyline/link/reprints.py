"""Near-duplicate detection: MinHash signatures, LSH band keys, and the reprint test.

Why MinHash LSH, and why containment: comparing a new report with every stored one costs
time in proportion to the store; a MinHash signature (:data:`NUM_PERM` minimum hashes of
the shingle set, with datasketch's permutations for a fixed seed so stored signatures
stay comparable) cut into bands gives, per band, a key that two similar texts share with high
probability, so a new report only meets the few stored ones that share a key. MinHash
estimates *Jaccard* similarity, but a truncated repost is *contained* in its original: a
copy of the first third of an article has Jaccard 0.33 with it and containment 1.0. So the
bands are narrow (:data:`ROWS` = 2 values each, :data:`BANDS` = 128 bands: a pair with
Jaccard 0.15 becomes a candidate with probability 0.95, one with 0.3 with 0.99999), and
candidates are then *verified* exactly on their shingle sets by the overlap coefficient
|A∩B| / min(|A|, |B|): a cut, re-wrapped, re-tagged or lightly edited copy scores near 1,
a copy that quotes a large part of the original inside new text scores above one half,
and two reports on the same subject score near 0.

The functions here are pure; :mod:`storyline.link.index` (in memory) and
:mod:`storyline.store.stories` (in the database) apply them the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from storyline.link.shingles import digest, main_text, shingles, words

#: Minimum hashes per signature. 256 keeps the estimate's error near 0.03 at Jaccard 0.3.
NUM_PERM = 256
#: Fixed seed: signatures are stored, so every process must draw the same permutations.
SEED = 20240620
#: LSH banding: BANDS × ROWS = NUM_PERM. Two rows per band favour recall at low Jaccard,
#: which truncated and quoted copies have; verification removes the extra candidates.
BANDS = 128
ROWS = 2
#: A reprint shares at least this many shingles (about 20 words in a row, or several
#: shorter runs): fewer is a shared quote or a stock phrase, not a copy.
MIN_SHARED = 16
#: ...and at least this share of the smaller text (overlap coefficient). Same-topic reports
#: score below 0.2 on news corpora (boilerplate shared by one outlet's articles reaches
#: 0.17); copies score 0.6-1.0. Calibrated with benchmarks/reprints.py (docs/stories.md).
MIN_OVERLAP = 0.5
#: Candidates whose *estimated* overlap is below this are not verified (cheap prefilter;
#: far enough below MIN_OVERLAP that the estimate's error cannot drop a true copy).
MIN_ESTIMATE = 0.2
#: At most this many candidates per story are verified for one new document.
PER_STORY = 3
#: Shingles hashed per step of :func:`signature`: a 512 × 256 block of 32-bit values fits in
#: the CPU cache, where one block for a long article would not.
MINHASH_BATCH = 512

#: One fixed random salt per band (legacy RandomState: the same numbers in every numpy).
_BAND_SALTS = np.random.RandomState(SEED).randint(1, 2**62, BANDS, dtype=np.int64).astype(np.uint64)
#: datasketch's permutations for the seed (its "affine32" scheme): h -> a·h + b mod 2**32.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
_PERMUTATIONS = _TEMPLATE.permutations
_A = np.asarray(_PERMUTATIONS[0], dtype=np.uint32)[None, :]
_B = np.asarray(_PERMUTATIONS[1], dtype=np.uint32)[None, :]
_EMPTY = np.asarray(_TEMPLATE.hashvalues, dtype=np.uint32)
#: MurmurHash3's 32-bit finaliser, which datasketch applies to each value first.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@dataclass(frozen=True)
class Fingerprint:
    """What reprint detection keeps of one text.

    Attributes:
        shingles: the hashed 5-word shingles of the main text.
        signature: the MinHash signature (``NUM_PERM`` unsigned 32-bit values).
        digest: SHA-256 of the normalised words; equal digests are identical texts.
    """

    shingles: frozenset[int]
    signature: np.ndarray
    digest: str

    @property
    def size(self) -> int:
        """Number of distinct shingles (0 for texts too short to compare)."""
        return len(self.shingles)

    @property
    def linkable(self) -> bool:
        """Whether the text is long enough to be anybody's copy (a headline alone is not).

        A text with fewer than :data:`MIN_SHARED` shingles can never pass the reprint test,
        so it gets a story of its own and is not indexed; nor is its digest trusted (two
        different reports may share a one-line body such as "Watch the video above.").
        """
        return self.size >= MIN_SHARED


@dataclass(frozen=True)
class Candidate:
    """A stored document that shares LSH bands with a new one.

    ``hits`` is the number of shared bands (a rough similarity); ``signature`` and ``size``
    are the stored document's, for the estimate that decides whether to verify it.
    """

    document_id: int
    story_id: int
    hits: int
    signature: np.ndarray
    size: int


@dataclass(frozen=True)
class Overlap:
    """Exact comparison of two shingle sets."""

    shared: int
    size_a: int
    size_b: int

    @property
    def jaccard(self) -> float:
        """|A∩B| / |A∪B|."""
        union = self.size_a + self.size_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def coefficient(self) -> float:
        """|A∩B| / min(|A|, |B|): 1.0 when one text is contained in the other."""
        smaller = min(self.size_a, self.size_b)
        return self.shared / smaller if smaller else 0.0

    @property
    def is_reprint(self) -> bool:
        """True when one text copies (all or a large part of) the other."""
        return self.shared >= MIN_SHARED and self.coefficient >= MIN_OVERLAP


def fingerprint(text: str, body_start: int = 0) -> Fingerprint:
    """Shingles, MinHash signature and digest of a document's main text.

    Args:
        text: the document text (headline, blank line, main text).
        body_start: where the main text begins; the headline is left out.
    """
    tokens = words(main_text(text, body_start))
    shingle_set = shingles(tokens)
    return Fingerprint(shingle_set, signature(shingle_set), digest(tokens))


def signature(shingle_set: Collection[int]) -> np.ndarray:
    """The MinHash signature of a set of 32-bit shingle hashes.

    The values are those of datasketch's ``MinHash`` with this seed and the ``affine32``
    scheme (tests check that they stay equal), computed here over the whole set with numpy:
    datasketch turns each value into a Python int first, which cost as much as the hashing.
    """
    values = np.fromiter(shingle_set, dtype=np.uint32, count=len(shingle_set))
    if not values.size:
        return _EMPTY.copy()
    shift1, multiply1, shift2, multiply2 = _FMIX
    values ^= values >> shift1
    values *= multiply1
    values ^= values >> shift2
    values *= multiply2
    values ^= values >> shift1
    result = _EMPTY.copy()
    block = np.empty((min(values.size, MINHASH_BATCH), NUM_PERM), dtype=np.uint32)
    for start in range(0, values.size, MINHASH_BATCH):
        column = values[start : start + MINHASH_BATCH, None]
        part = block[: column.shape[0]]
        np.multiply(column, _A, out=part)
        part += _B
        np.minimum(result, part.min(axis=0), out=result)
    return result


def signature_bytes(values: np.ndarray) -> bytes:
    """A signature as bytes for storage (little-endian uint32)."""
    return np.asarray(values, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """The inverse of :func:`signature_bytes`."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: the band's values mixed with a per-band salt.

    Each of a band's :data:`ROWS` values is folded in with the SplitMix64 finaliser (a
    bijection on 64 bits), so different bands never share keys and different values
    collide only by a 64-bit accident (which verification would catch). Vectorised: about
    10 µs for 128 bands, a tenth of hashing each band with BLAKE2.
    """
    if values.size != NUM_PERM:
        raise ValueError(f"signature has {values.size} values, expected {NUM_PERM}")
    rows = np.asarray(values, dtype=np.uint64).reshape(BANDS, ROWS)
    keys = _BAND_SALTS.copy()
    with np.errstate(over="ignore"):
        for column in range(ROWS):
            keys ^= rows[:, column]
            keys ^= keys >> np.uint64(30)
            keys *= np.uint64(0xBF58476D1CE4E5B9)
            keys ^= keys >> np.uint64(27)
            keys *= np.uint64(0x94D049BB133111EB)
            keys ^= keys >> np.uint64(31)
    return keys.view(np.int64).tolist()


def estimated_overlap(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> float:
    """The overlap coefficient estimated from two signatures and the two set sizes.

    |A∩B| = J·(|A|+|B|)/(1+J) for Jaccard J. The estimate is noisy when one set is far
    larger than the other, which is why candidates are verified exactly afterwards.
    """
    if not size_a or not size_b:
        return 0.0
    jaccard = float(np.count_nonzero(a == b)) / NUM_PERM
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, shared / min(size_a, size_b))


def compare(a: frozenset[int], b: frozenset[int]) -> Overlap:
    """Exact overlap of two shingle sets."""
    return Overlap(len(a & b), len(a), len(b))


def shortlist(new: Fingerprint, candidates: Iterable[Candidate]) -> list[list[Candidate]]:
    """The candidates worth verifying, grouped by story, best first within each story.

    A candidate is kept when its estimated overlap with ``new`` reaches
    :data:`MIN_ESTIMATE`; each story keeps its :data:`PER_STORY` candidates with the most
    shared bands. Stories are ordered by their best candidate.
    """
    by_story: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        estimate = estimated_overlap(new.signature, new.size, candidate.signature, candidate.size)
        if estimate >= MIN_ESTIMATE:
            by_story[candidate.story_id].append(candidate)
    groups = [
        sorted(group, key=lambda c: (-c.hits, c.document_id))[:PER_STORY]
        for group in by_story.values()
    ]
    return sorted(groups, key=lambda g: (-g[0].hits, g[0].story_id))


def verify(
    new: Fingerprint,
    groups: Iterable[list[Candidate]],
    shingles_of: Callable[[list[int]], dict[int, frozenset[int]]],
) -> list[tuple[Candidate, Overlap]]:
    """The stories ``new`` is a reprint of (or that reprint it), one verified match each.

    Args:
        new: the new document's fingerprint.
        groups: :func:`shortlist`'s output: candidates grouped by story, best first.
        shingles_of: fetches the shingle sets of stored documents by id (the in-memory index
            looks them up; the store re-shingles their text), called once for all candidates.

    Returns:
        For each story with a verified copy, the first candidate that passed and its overlap.
    """
    groups = list(groups)
    wanted = [candidate.document_id for group in groups for candidate in group]
    if not wanted:
        return []
    sets = shingles_of(wanted)
    matches = []
    for group in groups:
        for candidate in group:
            overlap = compare(new.shingles, sets.get(candidate.document_id, frozenset()))
            if overlap.is_reprint:
                matches.append((candidate, overlap))
                break
    return matches
