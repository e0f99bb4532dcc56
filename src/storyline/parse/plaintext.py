"""Plain-text pastes: find the headline, the tag line, and drop hashtags and comment forms.

The shape handled is the one researchers paste from reposting sites::

    Headline on one short line

    Paragraph one…

    Paragraph two…

    Tag One,Tag Two,Place (Country), #Hash #Tags

    Leave a Reply
    Your email address will not be published. Required fields are marked *

A short first line followed by a blank line is the headline. A trailing comma-separated
line of short items becomes the document's tags (never part of the text: tags must not
feed entity extraction). Hashtags and the comment form are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.parse.boilerplate import (
    TRAILING_HASHTAGS,
    is_boilerplate,
    is_comment_form_start,
)

#: A headline is one line of at most this many characters (longer first lines are prose).
MAX_TITLE_CHARS = 200
#: Items of a tag line are short; a longer item means the line is prose with commas.
MAX_TAG_WORDS = 8


@dataclass(frozen=True)
class PlainParts:
    """What a paste splits into: headline, body paragraphs and tags."""

    title: str | None
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]


def split_paste(text: str) -> PlainParts:
    """Split a pasted report into headline, body paragraphs and tags."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if is_comment_form_start(line):
            break
        if not is_boilerplate(line):
            kept.append(line.rstrip())
    paragraphs = _paragraphs(kept)
    title: str | None = None
    if len(paragraphs) > 1 and "\n" not in paragraphs[0] and _is_title(paragraphs[0]):
        title = paragraphs.pop(0)
    tags: tuple[str, ...] = ()
    if paragraphs:
        last = TRAILING_HASHTAGS.sub("", paragraphs[-1]).strip().rstrip(",").strip()
        parsed = parse_tag_line(last) if last else ()
        if parsed or not last:
            paragraphs.pop()
            tags = parsed
        elif last != paragraphs[-1]:
            paragraphs[-1] = last
    body = tuple(" ".join(p.split("\n")) for p in paragraphs)
    return PlainParts(title=title, paragraphs=body, tags=tags)


def parse_tag_line(line: str) -> tuple[str, ...]:
    """Return the tags of a comma-separated tag line, or ``()`` when ``line`` is prose.

    Scrapers often join tags with a bare comma (``A,B,C``) while a tag itself may hold
    ", " (``Amnesties, Commutations and Pardons``): when bare commas are present they
    are the separators; otherwise ", " is.
    """
    if "\n" in line or line.endswith((".", "!", "?", ":")):
        return ()
    separator = r",(?!\s)" if re.search(r",(?!\s)", line) else r",\s*"
    items = [item.strip() for item in re.split(separator, line) if item.strip()]
    if len(items) < 3 or any(len(item.split()) > MAX_TAG_WORDS for item in items):
        return ()
    if any(item.endswith(".") for item in items):
        return ()
    return tuple(items)


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_TITLE_CHARS and not stripped.endswith((",", ";"))


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs
