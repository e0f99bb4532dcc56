"""Full-text search as a condition the database evaluates: never a list of ids in Python.

Why a condition and not ids: a word that matches every report of a million-report archive
would otherwise travel to Python and back as a million bound parameters (SQLite refuses
more than 250,000, and far fewer where the library was built with a lower limit). As a
subquery (SQLite FTS5) or an indexed ``tsvector`` match (PostgreSQL, GIN) the database
joins it with the page's order and limit itself, so every search path — ``storyline
list --search``, the documents page, ``/api/documents`` — costs the same at any size.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, literal_column, text

from storyline.store.schema import DocumentRow


def search_terms(words: str) -> list[str]:
    """The words of a search box, without punctuation (FTS5 and tsquery syntax is not ours)."""
    return [w for w in "".join(c if c.isalnum() else " " for c in words).split() if w]


def search_condition(dialect: str, words: str) -> ColumnElement[bool] | None:
    """A WHERE condition matching documents that contain every word, or ``None`` when the
    search holds no word at all."""
    terms = search_terms(words)
    if not terms:
        return None
    if dialect == "postgresql":
        return literal_column("documents.search").op("@@")(
            func.plainto_tsquery("simple", " ".join(terms))
        )
    match = " ".join(f'"{term}"' for term in terms)
    inner = text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q").bindparams(q=match)
    return DocumentRow.id.in_(inner)
