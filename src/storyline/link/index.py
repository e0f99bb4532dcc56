"""The reprint algorithm over an in-memory index: for benchmarks, evaluation and tests.

Why it exists beside the database version (:mod:`storyline.store.stories`): the benchmark
measures the algorithm itself on thousands of documents, and the evaluation scores grouping
without a database. Both versions call the same pure steps (:func:`fingerprint`,
:func:`band_keys`, :func:`shortlist`, :func:`verify`) in the same order, so they group
documents the same way; ``benchmarks/reprints.py`` checks that they agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from storyline.link.reprints import (
    Candidate,
    Fingerprint,
    band_keys,
    shortlist,
    verify,
)


class ReprintIndex:
    """Documents added one at a time; each joins (and may merge) the stories it reprints.

    Stories are kept in a union-find structure; a story's id is its lowest document id.
    """

    def __init__(self) -> None:
        self._buckets: dict[int, list[int]] = defaultdict(list)
        self._prints: dict[int, Fingerprint] = {}
        self._by_digest: dict[str, int] = {}
        self._parent: dict[int, int] = {}

    def add(self, document_id: int, print_: Fingerprint) -> int:
        """Index one document and return the id of the story it now belongs to."""
        self._parent[document_id] = document_id
        if not print_.linkable:
            return document_id
        same = self._by_digest.get(print_.digest)
        if same is not None:  # identical text: same story, no new bands needed
            return self._union(same, document_id)
        keys = band_keys(print_.signature)
        hits: Counter[int] = Counter()
        for key in keys:
            hits.update(self._buckets.get(key, ()))
        candidates = [
            Candidate(
                other,
                self.story(other),
                count,
                self._prints[other].signature,
                self._prints[other].size,
            )
            for other, count in hits.items()
        ]
        matches = verify(
            print_,
            shortlist(print_, candidates),
            lambda ids: {i: self._prints[i].shingles for i in ids},
        )
        for candidate, _overlap in matches:
            self._union(candidate.document_id, document_id)
        for key in keys:
            self._buckets[key].append(document_id)
        self._prints[document_id] = print_
        self._by_digest[print_.digest] = document_id
        return self.story(document_id)

    def story(self, document_id: int) -> int:
        """The story id of a document (its lowest member's id)."""
        root = document_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[document_id] != root:  # path compression
            self._parent[document_id], document_id = root, self._parent[document_id]
        return root

    def stories(self) -> dict[int, list[int]]:
        """Every story id with its document ids, sorted."""
        groups: dict[int, list[int]] = defaultdict(list)
        for document_id in sorted(self._parent):
            groups[self.story(document_id)].append(document_id)
        return dict(groups)

    def _union(self, a: int, b: int) -> int:
        root_a, root_b = self.story(a), self.story(b)
        root = min(root_a, root_b)
        self._parent[max(root_a, root_b)] = root
        return root
