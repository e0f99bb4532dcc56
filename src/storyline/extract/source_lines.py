"""Attributions made by the layout of a line: a headline credit and a credit line.

Why a module of its own: these forms have no reporting verb for the parser to find. A
headline that ends "– NYT", "— Reports" or ": Wagner head" puts the whole headline in the
mouth of the outlet or person after the dash; a line "Source: press service of the
ministry" credits the report to that body. Both are recognised on the text of one line,
then checked on the parse: the credited words must be a short noun phrase without a verb
that names someone (a name, or a noun for people, institutions or documents). The
conventions (span, source, anonymity) are those of :mod:`.sources`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from storyline.extract import attribution_lexicon as lex
from storyline.extract.source_anonymity import is_anonymous
from storyline.extract.source_context import Context
from storyline.extract.source_phrases import NAMED_ENTITY_TYPES
from storyline.model import SourceMention

#: "<claim> – <credit>" or "<claim>: <credit>" at the end of the headline.
_HEADLINE_CREDIT = re.compile(
    r"^(?P<claim>.*\S)\s*(?:\s[–—-]|:)\s+(?P<credit>[^–—:]{2,60}?)\s*$", re.MULTILINE
)
#: A credit line: "Source: <credit>" (not a page's metadata bar "Source: X | date | …").
_CREDIT_LINE = re.compile(r"^\s*(?:sources?|via)\s*:\s*(?P<credit>[^\s|][^\n|]{1,100}?)\s*$", re.I)
_MAX_CREDIT_TOKENS = 12


def line_credits(ctx: Context) -> list[tuple[SourceMention, int, int]]:
    """The headline credit and credit lines of the document, with their cue spans."""
    found: list[tuple[SourceMention, int, int]] = []
    text = ctx.text
    start, end = _headline(text)
    m = _HEADLINE_CREDIT.match(text, start, end)
    if m is not None and m.group("claim").count("(") > m.group("claim").count(")"):
        m = None  # "(Picture: Getty Images / Reuters)": a photo credit in parentheses
    if m is not None and _label_before(m.group("claim")):
        m = None  # "… location. Photo: Press Service via AP": a caption's credit
    if m is not None and end < len(text):  # a headline only when a body follows
        claim = (m.start("claim"), m.end("claim"))
        item = _credit(ctx, m.start("credit"), m.end("credit"), m.start("credit"), claim)
        if item is not None:
            found.append(item)
    offset = 0
    for line in text.split("\n"):
        m = _CREDIT_LINE.match(line)
        if m is not None:
            start, end = offset + m.start("credit"), offset + m.end("credit")
            item = _credit(ctx, start, end, offset + len(line) - len(line.lstrip()), None)
            if item is not None:
                found.append(item)
        offset += len(line) + 1
    return found


#: A first line that is page furniture, not the headline ("Support The Moscow Times!",
#: "NewsSociety"): an exclamation, or a single word.
_FURNITURE = re.compile(r"^\s*(?:[^.?!]*!|\S+)\s*$")


def _label_before(claim: str) -> bool:
    """Whether the words before a colon credit end in a label ("Photo", "Video")."""
    words = claim.split()
    return bool(words) and words[-1].strip(".,").lower() in lex.COLON_LABELS


def _headline(text: str) -> tuple[int, int]:
    """Bounds of the headline: the first line, or the next one when the first is page
    furniture (the credit rule runs on it alone)."""
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    if not _FURNITURE.match(text[:first_end]):
        return 0, first_end
    start = first_end
    while start < len(text) and text[start] == "\n":
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return (start, end) if start < end else (0, first_end)


def _credit(
    ctx: Context, start: int, end: int, span_start: int, claim: tuple[int, int] | None
) -> tuple[SourceMention, int, int] | None:
    """A credit from ``start`` to ``end`` if it is a short naming noun phrase; the mention
    runs from ``span_start`` (the line's start for a credit line) to ``end``, and the
    claim is ``claim`` (the headline before a headline credit; none for a credit line,
    which vouches for the whole report)."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    if span is None or not 1 <= len(span) <= _MAX_CREDIT_TOKENS or not _names_someone(span):
        return None
    root = span.root
    anonymous = is_anonymous(ctx, root, (start, end))
    mention = SourceMention(
        start=span_start,
        end=end,
        text=ctx.text[span_start:end],
        source=ctx.text[start:end],
        source_start=start,
        source_end=end,
        anonymous=anonymous,
        cue="credit",
        claim_start=claim[0] if claim else None,
        claim_end=claim[1] if claim else None,
    )
    return mention, span_start, end


def _names_someone(span: Span) -> bool:
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    lemma = span.root.lemma_.lower()
    return (
        any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_ENTITY_TYPES for t in span)
        or lemma in lex.PERSON_NOUNS
        or lemma in lex.ORG_NOUNS
        or lemma in lex.DOCUMENT_NOUNS
    )
