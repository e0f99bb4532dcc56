"""Parse: captured bytes → a :class:`~storyline.model.Document` (clean text + metadata).

The document text is the headline, a blank line, then the main text with one blank line
between paragraphs; every offset in later stages refers to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.capture.sniff import binary_description, sniff
from storyline.errors import CharsetError, EmptyInputError, NoArticleError, NotTextError
from storyline.model import Capture, Document
from storyline.parse.decode import decode
from storyline.parse.hostile import clean_title, is_visible, without_nul
from storyline.parse.html import extract_html
from storyline.parse.language import guess_language, normalise
from storyline.parse.plaintext import split_paste

VERSION = "parse/1"


@dataclass(frozen=True)
class ParseOptions:
    """What the user may say about an input that the bytes do not (CLI flags)."""

    title: str | None = None
    published: date | None = None
    url: str | None = None


def parse(capture: Capture, options: ParseOptions | None = None) -> Document:
    """Turn one capture into a document.

    Raises:
        EmptyInputError: no bytes, or no text left once boilerplate is removed.
        NotTextError: an image, archive or other binary data.
        NoArticleError: an HTML page with no article text.
        CharsetError: bytes that no charset decodes.
    """
    options = options or ParseOptions()
    name = capture.input
    if not capture.data.strip():
        raise EmptyInputError(name, "empty input (no text)")
    binary = binary_description(capture.data)
    if binary:
        raise NotTextError(name, f"not a text or HTML report ({binary})")
    text, charset = decode(capture.data, capture.charset, input=name)
    text = without_nul(text)
    if _mostly_undecodable(text):
        raise CharsetError(name, f"mostly bytes that {charset} cannot decode (not a text report)")
    kind = sniff(capture.data, capture.content_type)
    url = options.url or capture.url
    if kind == "html":
        parts = extract_html(text, url=url)
        if parts is None:
            raise NoArticleError(name, "no article text found in the HTML page")
        if not is_visible("".join(parts.paragraphs)):
            raise EmptyInputError(name, "no visible text (only spaces or invisible characters)")
        title = options.title or parts.title
        published, source = _published(options.published, parts.published)
        return _document(
            capture,
            title,
            parts.paragraphs,
            charset=charset,
            content_type="text/html",
            byline=parts.byline,
            outlet=parts.outlet,
            published=published,
            published_source=source,
            url=url,
            canonical_url=parts.canonical_url,
            language=parts.language,
            tags=parts.tags,
        )
    if not is_visible(text):
        raise EmptyInputError(name, "no visible text (only spaces or invisible characters)")
    paste = split_paste(text)
    if not paste.paragraphs:
        raise EmptyInputError(name, "no report text left after removing boilerplate")
    published, source = _published(options.published, None)
    paragraphs = paste.paragraphs
    if options.title and paste.title and paste.title != options.title:
        # The user named the paste; its own first line is then text, not to be dropped.
        paragraphs = (paste.title, *paragraphs)
    return _document(
        capture,
        options.title or paste.title,
        paragraphs,
        charset=charset,
        content_type="text/plain",
        published=published,
        published_source=source,
        url=url,
        tags=paste.tags,
    )


def _published(user: date | None, found: date | None) -> tuple[date | None, str | None]:
    if user is not None:
        return user, "user"
    if found is not None:
        return found, "metadata"
    return None, None


def _document(
    capture: Capture,
    title: str | None,
    paragraphs: tuple[str, ...],
    *,
    charset: str,
    content_type: str,
    language: str | None = None,
    **metadata: object,
) -> Document:
    title = clean_title(title)
    body = "\n\n".join(paragraphs)
    text = f"{title}\n\n{body}" if title else body
    body_start = len(title) + 2 if title else 0
    return Document(
        text=text,
        sha256=capture.sha256,
        body_start=body_start,
        title=title,
        charset=charset,
        content_type=content_type,
        language=normalise(language) or guess_language(body),
        **metadata,  # type: ignore[arg-type]
    )


def _mostly_undecodable(text: str) -> bool:
    """Whether half or more of the visible characters are U+FFFD, the mark of bytes the
    charset could not decode: a four-byte UTF-32 byte-order mark alone decoded to one such
    mark and was stored as a one-word "report"."""
    visible = [c for c in text if not c.isspace()]
    return bool(visible) and visible.count("\ufffd") * 2 >= len(visible)
