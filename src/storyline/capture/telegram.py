"""Telegram channel exports (Telegram Desktop → Export chat history → JSON: ``result.json``).

Why posts are built here and not parsed from bytes: an export is one JSON file holding
thousands of posts, each already structured (id, date, text, "forwarded from"), so each
post becomes its own capture and document directly. The capture's bytes are the post's own
JSON object with its channel (canonical, sorted keys), so importing the same export twice
stores nothing new, and ``storyline verify`` can still re-hash every post.

A forwarded post starts with the line Telegram itself shows, ``Forwarded from <channel>``,
kept out of the main text (``body_start``) so reprint detection compares the posts alone,
while the credit finder (:mod:`storyline.link.credits`) reads it as a credit: the original
channel's post is then chosen as the story's original.

Both export shapes are read: one chat (``{"name", "type", "id", "messages"}``) and a whole
account (``{"chats": {"list": [chat, …]}}``). Exports do not hold the channel's public
username, so post links (``https://t.me/<username>/<id>``) need ``--username`` unless the
file has a ``username`` field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.capture.hashing import sha256_hex
from storyline.errors import InputError, NotFoundError, TooLargeError
from storyline.model import Capture, Document
from storyline.parse.language import guess_language

#: Recorded as the documents' ``parser_version``.
VERSION = "telegram/1"
#: The header line of a forwarded post (what Telegram shows above it).
FORWARDED = "Forwarded from {name}"
#: Where the publication date of a post comes from (``documents.published_source``).
PUBLISHED_SOURCE = "telegram"


@dataclass(frozen=True)
class Post:
    """One channel post with text."""

    channel: str
    channel_id: int | None
    username: str | None
    id: int
    date: datetime
    text: str
    forwarded_from: str | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def link(self) -> str | None:
        """``https://t.me/<username>/<id>`` when the channel's public username is known."""
        return f"https://t.me/{self.username}/{self.id}" if self.username else None


@dataclass
class Export:
    """What an export holds: posts with text, and how many were left out and why."""

    posts: list[Post] = field(default_factory=list)
    media_only: int = 0
    service: int = 0


def read_export(path: str | Path, max_bytes: int, username: str | None = None) -> Export:
    """Read a Telegram Desktop JSON export (``result.json``, or the folder holding it).

    Raises:
        NotFoundError: no such file.
        TooLargeError: the file is bigger than ``max_bytes``.
        InputError: not a Telegram JSON export.
    """
    file = Path(path)
    if file.is_dir():  # the export folder (ChatExport_…/) holds result.json
        file = file / "result.json"
    name = str(path)
    if not file.is_file():
        raise NotFoundError(name, "no such file" if file == Path(path) else "no result.json in it")
    if file.stat().st_size > max_bytes:
        raise TooLargeError(
            name, f"larger than the {max_bytes:,}-byte limit (set STORYLINE_MAX_EXPORT_BYTES)"
        )
    try:
        data = json.loads(file.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(name, f"not a Telegram JSON export (invalid JSON: {exc})") from None
    chats = list(_chats(data))
    if not chats:
        raise InputError(name, "not a Telegram JSON export (no 'messages' list)")
    export = Export()
    for chat in chats:
        _read_chat(chat, username if len(chats) == 1 else None, export)
    return export


def _chats(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        yield data
    elif isinstance(data, dict) and isinstance(data.get("chats"), dict):
        for chat in data["chats"].get("list") or []:
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                yield chat


def _read_chat(chat: dict[str, Any], username: str | None, export: Export) -> None:
    channel = str(chat.get("name") or "Telegram channel")
    channel_id = chat.get("id") if isinstance(chat.get("id"), int) else None
    handle = (username or chat.get("username") or "").lstrip("@") or None
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("type") != "message":
            export.service += 1
            continue
        text = message_text(message.get("text"))
        if not text.strip():
            export.media_only += 1
            continue
        forwarded = message.get("forwarded_from")
        export.posts.append(
            Post(
                channel=channel,
                channel_id=channel_id,
                username=handle,
                id=int(message["id"]),
                date=_date(message),
                text=text,
                forwarded_from=str(forwarded) if forwarded else None,
                raw=message,
            )
        )


def message_text(value: Any) -> str:
    """A post's text: Telegram writes a plain string, or a list of strings and entity
    objects (``{"type": "bold", "text": "…"}``) when the post has formatting or links."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, str | dict)
        )
    return ""


def _date(message: dict[str, Any]) -> datetime:
    """The post's time in UTC: ``date_unixtime`` (newer exports), else ``date`` (the
    exporting computer's local time, taken as UTC for want of better)."""
    unix = message.get("date_unixtime")
    if unix is not None and str(unix).isdigit():
        return datetime.fromtimestamp(int(unix), UTC)
    return datetime.fromisoformat(str(message["date"])).replace(tzinfo=UTC)


def post_input(path: str | Path, post: Post) -> str:
    """How a post is named in outcomes and in the capture's ``input``: ``FILE#channel/id``."""
    return f"{path}#{post.username or post.channel_id or post.channel}/{post.id}"


def post_capture(path: str | Path, post: Post) -> Capture:
    """The capture of one post: its own JSON object with its channel, canonical bytes.

    Only what the export file says is captured (``--username`` is not), so the same post
    imported again, with or without a username, is the same capture.
    """
    record = {"channel": post.channel, "channel_id": post.channel_id, "message": post.raw}
    data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Capture(
        data=data,
        sha256=sha256_hex(data),
        input=post_input(path, post),
        captured_at=datetime.now(UTC).replace(microsecond=0),
        url=post.link,
        content_type="application/json",
    )


def post_document(post: Post, capture: Capture) -> Document:
    """A post as a document: its text in paragraphs, published on the post's date, the
    channel as outlet, and a forwarded post's origin as a header line (a credit)."""
    paragraphs = [line.strip() for line in post.text.splitlines() if line.strip()]
    body = "\n\n".join(paragraphs)
    header = FORWARDED.format(name=post.forwarded_from) + "\n\n" if post.forwarded_from else ""
    return Document(
        text=header + body,
        sha256=capture.sha256,
        body_start=len(header),
        outlet=post.channel,
        published=post.date.date(),
        published_source=PUBLISHED_SOURCE,
        url=post.link,
        language=guess_language(body),
        charset="utf-8",
        content_type="text/plain",
    )
