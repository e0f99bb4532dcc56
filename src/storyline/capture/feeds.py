"""RSS and Atom feeds: fetch one politely (conditional GET) and list its items, with feedparser.

Why conditional requests: a monitoring team polls dozens of feeds every few minutes for
years; a feed that did not change answers ``304 Not Modified`` to the ``ETag`` and
``Last-Modified`` it sent last time, so an idle poll costs the outlet a few hundred bytes.
The feed is downloaded with the same client as any URL (:func:`storyline.capture.http.fetch`:
timeouts, size cap, redirect limit), and parsed from bytes, so feedparser never opens a
connection itself.

Each item is known by a key: the SHA-256 of its ``id`` (``guid``), or of its link when it
has none, so an item whose title is corrected later is not taken for a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import feedparser

from storyline.capture.hashing import sha256_hex
from storyline.capture.http import NotModified, fetch
from storyline.errors import InputError
from storyline.settings import Settings


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its key, and the link to the report it announces."""

    key: str
    link: str | None
    title: str | None


@dataclass(frozen=True)
class FeedAnswer:
    """What a poll of one feed got: its items (feed order) and the validators for next time.

    ``items`` is ``None`` when the server answered 304 (nothing changed).
    """

    url: str
    items: list[FeedItem] | None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def fetch_feed(
    url: str, settings: Settings, *, etag: str | None = None, last_modified: str | None = None
) -> FeedAnswer:
    """Fetch and parse the feed at ``url``, sending the validators of the last answer.

    Raises:
        InputError: the feed cannot be fetched, or the bytes are not RSS or Atom.
    """
    validators = {}
    if etag:
        validators["If-None-Match"] = etag
    if last_modified:
        validators["If-Modified-Since"] = last_modified
    try:
        captured = fetch(
            url,
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            max_redirects=settings.max_redirects,
            user_agent=settings.user_agent,
            validators=validators,
        )
    except NotModified:
        return FeedAnswer(url, None, etag=etag, last_modified=last_modified)
    parsed: Any = feedparser.parse(
        captured.data, response_headers={"content-location": captured.url or url}
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no RSS or Atom items"
        raise InputError(url, f"not an RSS or Atom feed ({reason})")
    items = [_item(entry) for entry in parsed.entries]
    return FeedAnswer(
        url,
        [item for item in items if item is not None],
        title=parsed.feed.get("title"),
        etag=captured.etag,
        last_modified=captured.last_modified,
    )


def _item(entry: Any) -> FeedItem | None:
    link = entry.get("link") or None
    ident = entry.get("id") or link
    if not ident:
        return None
    return FeedItem(sha256_hex(str(ident).encode("utf-8")), link, entry.get("title"))
