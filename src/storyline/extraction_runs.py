"""Extraction of a group of documents that survives one bad document.

Used by the pipeline in this process and by :mod:`storyline.workers` in worker processes;
it lives apart from both so neither imports the other (no import circle).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.errors import describe_failure

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.model import Document, Extraction


def extract_each(
    documents: list[Document], codebook: Codebook | None
) -> Iterator[Extraction | str]:
    """One extraction per document, in order, or the reason it failed.

    The batch runs through spaCy together; if it breaks, the documents not yet extracted
    are retried one at a time so only the document at fault fails.
    """
    done = 0
    try:
        for extraction in _extract_many(documents, codebook):
            done += 1
            yield extraction
        return
    except Exception:
        pass
    for document in documents[done:]:
        try:
            yield next(_extract_many([document], codebook))
        except Exception as exc:
            yield "extraction failed: " + describe_failure(exc)


def _extract_many(documents: list[Document], codebook: Codebook | None) -> Iterator[Extraction]:
    """The extract stage over a batch (imported lazily: it loads spaCy)."""
    from storyline.extract import extract_documents

    return extract_documents(documents, codebook=codebook)
