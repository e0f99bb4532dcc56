"""Reading stories: a story with its copies, the original and why, as the CLI and the web
app show them (``storyline stories``, ``storyline show N --story``).

Kept apart from :mod:`storyline.store.stories`, which links documents into stories, so
that the code that writes the reprint index and the code that reads the result each stay
one job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storyline.errors import NotFoundInStoreError, StorylineError
from storyline.store.db import Store
from storyline.store.outlets import outlet_grade, outlet_grades, outlet_name
from storyline.store.schema import CaptureRow, DocumentRow, StoryRow

#: Story ids read per query.
_CHUNK = 500


@dataclass(frozen=True)
class CopyView:
    """One document of a story, as the CLI and the web app show it."""

    document_id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    captured_at: datetime
    reliability: str | None
    original: bool

    def as_json(self) -> dict[str, Any]:
        """The copy as a JSON object."""
        return {
            "document": self.document_id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "captured_at": self.captured_at.isoformat(),
            "reliability": self.reliability,
            "original": self.original,
        }


@dataclass(frozen=True)
class StoryView:
    """A story with its copies (the original first, then by date)."""

    id: int
    original: int | None
    basis: str
    reason: str
    copies: tuple[CopyView, ...]

    def as_json(self) -> dict[str, Any]:
        """``{"story": 1, "original": 4, "documents": [4, 9, 12], "reason": "…", …}``."""
        return {
            "story": self.id,
            "original": self.original,
            "documents": sorted(c.document_id for c in self.copies),
            "basis": self.basis,
            "reason": self.reason,
            "copies": [c.as_json() for c in self.copies],
        }


def list_stories(store: Store, *, include_single: bool = False) -> list[StoryView]:
    """Stories with their copies, largest first; single-document stories on request."""
    with store.sessions() as session:
        sizes = (
            select(DocumentRow.story_id, func.count().label("size"))
            .where(DocumentRow.story_id.is_not(None))
            .group_by(DocumentRow.story_id)
        )
        if not include_single:
            sizes = sizes.having(func.count() > 1)
        wanted = sizes.subquery()
        stories = session.execute(
            select(StoryRow, wanted.c.size)
            .join(wanted, wanted.c.story_id == StoryRow.id)
            .order_by(wanted.c.size.desc(), StoryRow.id)
        ).all()
        copies = _copies(session, [story.id for story, _size in stories])
        return [_view(story, copies.get(story.id, [])) for story, _size in stories]


def story_of(store: Store, document_id: int) -> StoryView:
    """The story of one document.

    Raises:
        NotFoundInStoreError: no document with that id.
        StorylineError: the document is not linked yet (a store from before this stage).
    """
    with store.sessions() as session:
        if session.get(DocumentRow, document_id) is None:
            raise NotFoundInStoreError(f"no document with id {document_id}")
        story_id = session.scalar(select(DocumentRow.story_id).where(DocumentRow.id == document_id))
        story = session.get(StoryRow, story_id) if story_id is not None else None
        if story is None:
            raise StorylineError(
                f"document {document_id} is not linked to a story yet: "
                "run storyline stories --rebuild"
            )
        return _view(story, _copies(session, [story.id]).get(story.id, []))


def story_ids(store: Store) -> dict[int, int | None]:
    """Every document's story id (``None`` when not linked yet)."""
    with store.sessions() as session:
        return dict(session.execute(select(DocumentRow.id, DocumentRow.story_id)).all())


def unlinked_count(store: Store) -> int:
    """Documents without a story (stored before linking existed): ``--rebuild`` links them."""
    with store.sessions() as session:
        return (
            session.scalar(select(func.count(DocumentRow.id)).where(DocumentRow.story_id.is_(None)))
            or 0
        )


def _copies(session: Session, story_ids: Sequence[int]) -> dict[int, list[tuple[Any, ...]]]:
    found: dict[int, list[tuple[Any, ...]]] = {}
    grades = outlet_grades(session)
    for start in range(0, len(story_ids), _CHUNK):
        chunk = story_ids[start : start + _CHUNK]
        rows = session.execute(
            select(
                DocumentRow.story_id,
                DocumentRow.id,
                DocumentRow.title,
                DocumentRow.outlet,
                DocumentRow.url,
                DocumentRow.published,
                CaptureRow.captured_at,
            )
            .join(CaptureRow, CaptureRow.id == DocumentRow.capture_id)
            .where(DocumentRow.story_id.in_(chunk))
        ).all()
        for story_id, doc_id, title, outlet, url, published, captured in rows:
            if story_id is None:  # not possible with the IN filter; keeps the type exact
                continue
            grade = outlet_grade(grades, outlet, url)
            found.setdefault(story_id, []).append(
                (doc_id, title, outlet, url, published, captured, grade)
            )
    return found


def _view(story: StoryRow, rows: Iterable[tuple[Any, ...]]) -> StoryView:
    copies = [
        CopyView(
            document_id=doc_id,
            title=title,
            outlet=outlet or (outlet_name(url) if url else None) or None,
            url=url,
            published=published,
            captured_at=captured,
            reliability=grade,
            original=doc_id == story.original_document_id,
        )
        for doc_id, title, outlet, url, published, captured, grade in rows
    ]
    copies.sort(key=lambda c: (not c.original, c.published or date.max, c.document_id))
    return StoryView(story.id, story.original_document_id, story.basis, story.reason, tuple(copies))
