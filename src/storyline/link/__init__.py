"""Link: reprint detection across documents (the story a document belongs to).

``shingles`` turns a main text into word shingles, ``reprints`` into MinHash signatures,
LSH band keys and the reprint test, ``original`` chooses which copy of a story is the
original (with ``credits`` holding the credit-line patterns), and ``index`` is the same
algorithm over an in-memory index (benchmarks, evaluation). The database side lives in
:mod:`storyline.store.stories`. Everything here is pure.
"""

from __future__ import annotations

#: Version of the linking stage, stored with every fingerprint (``storyline stories
#: --rebuild`` recomputes fingerprints made by another version).
VERSION = "link/1"
