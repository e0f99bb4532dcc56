"""HTML pages: main text and metadata with trafilatura (dates through htmldate).

trafilatura already removes navigation, share bars, related links and comments; the
boilerplate filter runs again on its output for the comment forms and cookie lines it
keeps on small sites. Dates come only from the page's markup and metadata
(``extensive_search=False``): a date guessed from the body text would be a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura

from storyline.parse.boilerplate import is_boilerplate, is_comment_form_start
from storyline.parse.plaintext import parse_tag_line

_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
#: Fewer words than this is a menu or a caption that trafilatura fell back to, not a report.
MIN_ARTICLE_WORDS = 8
#: Tags :func:`flatten` removes: all but the frame, paragraphs, line breaks and headings.
_NESTING_TAG = re.compile(r"<(?!/?(?:html|head|title|meta|body|p|br|h[1-6])\b)/?[a-zA-Z][^>]*>")


@dataclass(frozen=True)
class HtmlParts:
    """What a page yields: headline, main-text paragraphs and metadata."""

    title: str | None
    paragraphs: tuple[str, ...]
    byline: str | None
    outlet: str | None
    published: date | None
    canonical_url: str | None
    language: str | None
    tags: tuple[str, ...]


def flatten(html: str) -> str | None:
    """``html`` with every tag but the document frame, paragraphs, line breaks and headings
    removed (their text stays), or ``None`` when there was nothing to remove.

    Why: libxml2 stops building the tree at 255 levels of nesting, so the article of a page
    nested deeper (generated markup, or a page built to defeat scrapers) silently vanished
    and the page was reported as having no article. A flat page cannot be too deep.
    """
    flat = _NESTING_TAG.sub(" ", html)
    return flat if flat != html else None


def extract_html(html: str, url: str | None = None) -> HtmlParts | None:
    """Extract the article from ``html``; ``None`` when the page holds no article text."""
    parts = _extract(html, url)
    if parts is None:  # a second look, in case the page was too deeply nested to parse
        flat = flatten(html)
        if flat is not None:
            parts = _extract(flat, url)
    return parts


def _extract(html: str, url: str | None) -> HtmlParts | None:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        return None
    paragraphs: list[str] = []
    for line in (result.text or "").split("\n"):
        if is_comment_form_start(line):
            break
        if line.strip() and not is_boilerplate(line):
            paragraphs.append(" ".join(line.split()))
    if sum(len(p.split()) for p in paragraphs) < MIN_ARTICLE_WORDS:
        return None
    title = " ".join(result.title.split()) if result.title else None
    if title and paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    if paragraphs:
        tag_line = parse_tag_line(paragraphs[-1])
        if tag_line:
            paragraphs.pop()
    tags = _unique([*(result.categories or []), *(result.tags or [])])
    match = _HTML_LANG.search(html.encode("utf-8", errors="ignore")[:4096])
    return HtmlParts(
        title=title,
        paragraphs=tuple(paragraphs),
        byline=result.author or None,
        outlet=result.sitename or result.hostname or None,
        published=_to_date(result.date),
        canonical_url=result.url or None,
        language=match.group(1).decode().lower()[:2] if match else None,
        tags=tuple(tags),
    )


def _to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        clean = " ".join(item.split())
        if clean and clean.lower() not in (key.lower() for key in seen):
            seen[clean] = None
    return list(seen)
