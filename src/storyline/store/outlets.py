"""Outlets and their reliability grades (Admiralty code A-F), shown beside each copy.

Why a table of its own: a grade belongs to an outlet, not to a document, and must survive
re-linking. Outlets are keyed by web host (``example.org``) or, for outlets known only by
name, by the lower-cased name, so a copy finds its grade by its URL or its site name.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from storyline.store.db import Store
from storyline.store.schema import OutletRow

#: Reliability grades (Admiralty code, source reliability): A completely reliable,
#: B usually reliable, C fairly reliable, D not usually reliable, E unreliable,
#: F cannot be judged.
GRADES = ("A", "B", "C", "D", "E", "F")


def outlet_name(value: str) -> str:
    """The key an outlet is stored under: a URL's or domain's host, or a name, lower case.

    ``https://www.Example.org/news/1`` and ``example.org`` both give ``example.org``.
    """
    value = value.strip()
    if "://" in value or ("/" in value and " " not in value):
        try:
            value = urlsplit(value if "://" in value else f"//{value}").hostname or ""
        except ValueError:
            value = ""
    return " ".join(value.casefold().split()).removeprefix("www.")


def set_outlet(
    store: Store, name: str, *, reliability: str | None = None, note: str | None = None
) -> OutletRow:
    """Create or update an outlet's grade and note.

    Raises:
        ValueError: an empty name or a grade outside A-F (the CLI checks both first).
    """
    key = outlet_name(name)
    if not key:
        raise ValueError("an outlet needs a domain or a name")
    if reliability is not None and reliability not in GRADES:
        raise ValueError(f"reliability must be one of {', '.join(GRADES)}")
    with store.sessions.begin() as session:
        row = session.scalar(select(OutletRow).where(OutletRow.name == key))
        if row is None:
            row = OutletRow(name=key)
            session.add(row)
        if reliability is not None:
            row.reliability = reliability
        if note is not None:
            row.note = note
        row.updated_at = datetime.now(UTC)
        session.flush()
        return row


def list_outlets(store: Store) -> list[OutletRow]:
    """Every graded outlet, by name."""
    with store.sessions() as session:
        return list(session.scalars(select(OutletRow).order_by(OutletRow.name)))


def outlet_grades(session: Session) -> dict[str, str]:
    """Every graded outlet's grade, by stored name."""
    rows = session.execute(select(OutletRow.name, OutletRow.reliability)).all()
    return {name: grade for name, grade in rows if grade}


def outlet_grade(grades: dict[str, str], outlet: str | None, url: str | None) -> str | None:
    """The grade of a copy: by its URL's host, else by its outlet name."""
    if not grades:
        return None
    for key in (outlet_name(url or ""), outlet_name(outlet or "")):
        if key and key in grades:
            return grades[key]
    return None
