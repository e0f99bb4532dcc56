"""Reading what protection sealed: masks, revealed text, the sealed names of a document.

Kept apart from :mod:`storyline.store.protection` (which writes, and audits through
:mod:`storyline.store.review`) so that review and re-extraction can black out a typed name
or re-flag mentions without importing the module that imports them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from storyline.errors import ReviewError
from storyline.store.db import Store
from storyline.store.schema import DocumentRow, ProtectedTextRow

#: What each character of a protected text becomes (the web's redaction square).
MASK = "█"

Interval = tuple[int, int]


def reveal(store: Store, document: DocumentRow) -> str:
    """The document's text with its sealed names back in place (for editors only).

    Raises:
        KeyMissingError: the key outside the database is missing.
    """
    with store.sessions() as session:
        rows = sealed_rows(session, document.id)
    if not rows:
        return document.text
    text = list(document.text)
    for r in rows:
        text[r.start : r.end] = open_sealed(store, r)
    return "".join(text)


def protected_names(store: Store, document_id: int, session: Session | None = None) -> list[str]:
    """The distinct sealed names of a document, longest first (opened with the key).

    ``session``: read inside that (write) transaction instead of a new one.
    """
    if session is None:
        with store.sessions() as own:
            rows = sealed_rows(own, document_id)
    else:
        rows = sealed_rows(session, document_id)
    return sorted({open_sealed(store, r) for r in rows}, key=len, reverse=True)


def mask_names(value: Any, names: list[str]) -> Any:
    """``value`` (JSON-like) with every occurrence of ``names`` blacked out.

    Used for what a person types about a document with a protected witness (a role filler,
    a review note), so that typing the name does not store it in plain text.
    """
    if not names:
        return value
    return mask(value, pattern(with_parts(names)))


def with_parts(names: Iterable[str]) -> list[str]:
    """``names`` and each capitalised word of a several-word name ("Pavel", "Sokolov").

    A person types a witness's first name or surname alone ("Pavel called again"), which
    the full name does not match (issue 15, finding 5).
    """
    out = set(names)
    for name in list(out):
        words = name.split()
        if len(words) > 1:
            out.update(w for w in words if len(w) >= 3 and w[:1].isupper())
    return sorted(out, key=len, reverse=True)


def mark_sealed(session: Session, row: DocumentRow) -> None:
    """Mark the document's mentions over blacked-out spans protected (after re-extraction).

    Re-extracting reads the blacked-out text, so no name comes back; this keeps the new
    mentions flagged as the old ones were.
    """
    if row.id is None:
        return
    sealed = [(r.start, r.end) for r in sealed_rows(session, row.id)]
    for mention in row.mentions:
        if any(overlaps((mention.start, mention.end), s) for s in sealed):
            mention.sensitivity = "protected"


def has_sealed(store: Store, document_id: int) -> bool:
    """Whether any text of the document is sealed (its raw capture is editors-only)."""
    with store.sessions() as session:
        return (
            session.scalar(
                select(ProtectedTextRow.id).where(ProtectedTextRow.document_id == document_id)
            )
            is not None
        )


def sealed_rows(session: Session, document_id: int) -> list[ProtectedTextRow]:
    return list(
        session.scalars(
            select(ProtectedTextRow)
            .where(ProtectedTextRow.document_id == document_id)
            .order_by(ProtectedTextRow.start)
        )
    )


def open_sealed(store: Store, row: ProtectedTextRow) -> str:
    if store.sealer is None:  # pragma: no cover - every opened store has one
        raise ReviewError("this store has no key for protected texts")
    return store.sealer.open_text(row.sealed)


def pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching each name in the spellings a report or a person may use.

    Exact matching let a protected name survive as ``ROMAN KUZMENKO``, ``roman.kuzmenko@…``,
    ``RomanKuzmenko``, a URL slug ``roman-kuzmenko``, ``Kuzmenkova``, ``Sokolov's`` or in
    decomposed (NFD) accents (issue 15, finding 4). Each name therefore matches:

    - in any letter case when it has several words; a one-word name (a surname on its
      own) only with a capital first letter, so "Rose" does not black out "rose";
    - with its words joined by any of the data file's separators, or by none;
    - with an accented letter precomposed or decomposed (NFC or NFD);
    - with the data file's suffixes and surname endings (:data:`_VARIANTS`).

    Matches run on the stored text itself, so a masked run replaces exactly the matched
    characters and every offset stays valid.
    """
    alternatives = [_name_regex(n) for n in sorted(set(names), key=len, reverse=True) if n]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


@functools.cache
def _variants() -> dict[str, Any]:
    """The separators, suffixes and surname endings of ``name_variants.yaml``."""
    text = resources.files("storyline.store").joinpath("name_variants.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        "separators": str(data["separators"]),
        "suffixes": [str(s) for s in data["suffixes"]],
        "endings": {str(k): [str(v) for v in vs] for k, vs in data["endings"].items()},
    }


def _name_regex(name: str) -> str:
    words = unicodedata.normalize("NFC", name).split()
    if not words:
        return ""
    variants = _variants()
    joiner = "[" + re.escape(variants["separators"]) + "]*"
    *first, last = words
    endings = [
        _letters(last[: -len(end)]) + "(?:" + "|".join(_letters(v) for v in alts) + ")"
        for end, alts in variants["endings"].items()
        if last.lower().endswith(end) and len(last) > len(end)
    ]
    suffix = "(?:" + "|".join(re.escape(s) for s in variants["suffixes"]) + ")?"
    surname = "(?:" + "|".join([*endings, _letters(last) + suffix]) + ")"
    body = joiner.join([*(_letters(w) for w in first), surname])
    if len(words) > 1:
        return "(?i:" + body + ")"
    head = last[:1]
    if not head.isupper():
        return _letters(last)
    # a single word: its capital first letter as written, then any case (KUZMENKO)
    return "(?=" + _letters(head) + ")(?i:" + body + ")"


def _letters(word: str) -> str:
    """A regex for ``word`` whose accented letters match precomposed or decomposed."""
    out = []
    for char in word:
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char:
            out.append("(?:" + re.escape(char) + "|" + re.escape(decomposed) + ")")
        else:
            out.append(re.escape(char))
    return "".join(out)


def mask(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(lambda m: MASK * len(m.group()), value)
    if isinstance(value, dict):
        return {k: mask(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v, pattern) for v in value]
    return value


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]
