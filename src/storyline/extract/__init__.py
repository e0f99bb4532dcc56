"""Extract: find every mention a researcher needs in a document's text, tied to its span.

One spaCy pass per chunk of text feeds five extractors (quantities, times, sources, hedges,
entities), each a pure function in its own module. This module orchestrates them: it
chunks long texts so memory stays bounded, shifts offsets back, numbers the mentions
(``q1``, ``t1``…) in text order and links sources to their entities (:mod:`.source_links`).

``storyline.extract(text_or_html, published=…)`` is the Python API: this package is
callable (see :class:`_CallableModule`), so the DESIGN's API and the DESIGN's layout
(an ``extract/`` package) can both hold.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import itertools
import re
import sys
import types
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from storyline.model import (
    Capture,
    Document,
    Entity,
    EntityMention,
    Event,
    Extraction,
    Mention,
    QuantityMention,
    Token,
)

if TYPE_CHECKING:
    from storyline.events import Codebook

#: Texts are cut into chunks of at most this many characters, at paragraph boundaries,
#: so a 5 MB text never becomes one spaCy Doc (memory grows with the Doc).
CHUNK_CHARS = 20_000
#: Work limit per document: only this many characters of a text are read for mentions and
#: events (the whole text is still stored). Extraction time grows faster than the text
#: (events × mentions within a chunk); a 115 KB event-dense text took 28 s and 560 MB on
#: one busy core, so this keeps any one document to seconds. Real reports are far shorter
#: (a 5,000-word feature is about 30,000 characters). See :func:`extraction_limited`.
MAX_EXTRACT_CHARS = 60_000
#: …and at most this many tokens (as :data:`_TOKEN` counts them, never fewer than spaCy
#: makes). Work grows with tokens, not characters, and a character can be a token: 40 KB of
#: "&" or of "(" became 40,000 tokens and took 8 CPU-s (a 60 KB report of prose is about
#: 12,500 tokens and 3 CPU-s): the costliest inputs of the fuzz soak's corpus.
#: Prose reaches :data:`MAX_EXTRACT_CHARS` first (about 0.21 tokens per character in the
#: gold and real sets), so only texts of symbols, digits or one-letter words are cut here.
MAX_EXTRACT_TOKENS = 15_000
#: A chunk also ends after this many tokens, so a batch of chunks through spaCy (the
#: extraction worker's step, :data:`storyline.worker_process.STREAM_BATCH`) is about one
#: input's work at most; prose reaches :data:`CHUNK_CHARS` first.
CHUNK_TOKENS = 5_000
#: What counts as a token for those limits: a word, any other non-space character, and a
#: whitespace run that spaCy keeps as a token of its own (not one plain space).
_TOKEN = re.compile(r"\w+|[^\w\s]|\s{2,}|[^\S ]")
#: Runs of non-space characters longer than this are cut (for spaCy only) with a space
#: every so many characters: spaCy's tokenizer is quadratic in a token's length, so 40 KB
#: of "&" took 40 s to tokenize. No word or number in a report is this long.
MAX_TOKEN_CHARS = 100
_LONG_RUN = re.compile(r"\S{" + str(MAX_TOKEN_CHARS + 1) + ",}")
#: Chunks sent through spaCy together (see :func:`extract_documents`).
BATCH_SIZE = 32
#: The language assumed for a document whose language is unknown.
DEFAULT_LANGUAGE = "en"
#: Lone surrogates (malformed Unicode from broken decoders) cannot be encoded, so spaCy
#: and the database would fail on them.
_SURROGATE = re.compile("[\ud800-\udfff]")
_PREFIX = {"quantity": "q", "time": "t", "source": "s", "hedge": "h", "entity": "e"}


def versions() -> dict[str, str]:
    """The versioned name of each extractor (stored with every mention), and the languages
    extracted (``languages/en+ru+uk``): a document stored before its language had a pack
    got no mentions, so a new pack makes every stored document stale for ``reprocess``."""
    from storyline import events, langpacks, places
    from storyline.extract import entities, hedges, quantities, sources, times

    return {
        "event": events.VERSION,
        "place": places.VERSION,
        "quantity": quantities.VERSION,
        "time": times.VERSION,
        "source": sources.VERSION,
        "hedge": hedges.VERSION,
        "entity": entities.VERSION,
        "language": "languages/" + "+".join(langpacks.supported()),
    }


def extract_document(document: Document, codebook: Codebook | None = None) -> Extraction:
    """Run every extractor over ``document.text``, then assemble events through ``codebook``
    (the default codebook when ``None``)."""
    return next(extract_documents([document], codebook=codebook))


def extract_documents(
    documents: Iterable[Document],
    batch_size: int | None = None,
    codebook: Codebook | None = None,
) -> Iterator[Extraction]:
    """Extract many documents, in order, sending their chunks through spaCy in batches.

    Batching is where the throughput comes from: spaCy's networks run one matrix product
    for a batch of texts instead of one per text (about 1.6× faster per article at 32 on
    one core, see benchmarks/extraction.py). Results are consumed as they stream out, so
    only a batch of Docs (``batch_size`` chunks of at most :data:`CHUNK_CHARS`) is alive at
    a time, however long the texts.
    """
    from storyline import nlp, nlp_ru_uk
    from storyline.events import default_codebook

    book = codebook or default_codebook()
    pending: list[int] = []  # documents not yet yielded, in input order
    state: dict[int, _Accumulator] = {}

    def chunk_stream() -> Iterator[tuple[str, _Chunk]]:
        for index, original in enumerate(documents):
            document = _clean(original)
            state[index] = _Accumulator(document, book)
            pending.append(index)
            if not extracted_language(document.language) or not document.text.strip():
                continue  # nothing to send: completed once a later chunk (or the end) arrives
            pieces = list(_pieces(document))
            for number, (offset, text, language) in enumerate(pieces):
                yield _breakable(text), _Chunk(index, offset, number == len(pieces) - 1, language)

    def finished() -> Iterator[Extraction]:
        while pending and state[pending[0]].done:
            yield state.pop(pending.pop(0)).result()

    def parsed(chunks: Iterator[tuple[str, _Chunk]]) -> Iterator[tuple[Any, _Chunk]]:
        """Each run of chunks in one language through that language's parser, in order."""
        for language, run in itertools.groupby(chunks, key=lambda item: item[1].language):
            if language in nlp_ru_uk.LANGUAGES:
                yield from nlp_ru_uk.pipe(run, language)
            else:
                yield from nlp.load("en").pipe(
                    run, as_tuples=True, batch_size=batch_size or BATCH_SIZE
                )

    stream = chunk_stream()
    first = next(stream, None)
    if first is not None:  # load a parser only when some document has text to read
        chunks = itertools.chain([first], stream)
        for doc, (index, offset, last, language) in parsed(chunks):
            # Chunks arrive in input order, so every earlier document is complete.
            for earlier in pending:
                if earlier == index:
                    break
                state[earlier].done = True
            state[index].add(doc, offset, language)
            state[index].done = last
            yield from finished()
    for index in pending:
        state[index].done = True
    yield from finished()


class _Chunk(NamedTuple):
    """Where a chunk of text belongs: its document, offset, whether it is the document's
    last, and the language whose parser and extractors read it."""

    document: int
    offset: int
    last: bool
    language: str


def extracted_language(language: str | None) -> bool:
    """Whether documents in ``language`` get mentions and events (an installed language
    pack; unknown languages are read as :data:`DEFAULT_LANGUAGE`)."""
    from storyline import langpacks

    return langpacks.not_extracted(language) is None


def _pieces(document: Document) -> Iterator[tuple[int, str, str]]:
    """``(offset, text, language)`` chunks of the part of ``document`` that is read.

    Paragraphs in another supported language than the document's (a quoted statement) are
    read by that language's parser and extractors (:func:`storyline.parse.language.segments`).
    """
    from storyline.parse.language import segments

    text = document.text[: read_end(document.text)]
    language = document.language or DEFAULT_LANGUAGE
    for segment in segments(text, language):
        part = text[segment.start : segment.end]
        for offset, piece in _chunks(part, CHUNK_CHARS, CHUNK_TOKENS):
            yield segment.start + offset, piece, segment.language


def _call(function: Any, *args: Any, language: str) -> Any:
    """``function(*args, language=…)``; a function without that parameter (an extractor not
    yet written for other languages) reads English only and returns nothing for others."""
    if _takes_language(function):
        return function(*args, language=language)
    return [] if language != DEFAULT_LANGUAGE else function(*args)


@functools.lru_cache(maxsize=64)
def _takes_language(function: Any) -> bool:
    return "language" in inspect.signature(function).parameters


@dataclasses.dataclass
class _Accumulator:
    """Mentions of one document gathered chunk by chunk."""

    document: Document
    codebook: Codebook
    found: list[Mention] = dataclasses.field(default_factory=list)
    entities: list[Entity] = dataclasses.field(default_factory=list)
    events: list[Event] = dataclasses.field(default_factory=list)
    done: bool = False
    #: The date relative times are resolved against: the publication date, else the
    #: page's own stamp (:func:`storyline.extract.dateline.page_date`), looked up once.
    reference: date | None = None
    looked: bool = False

    def published(self) -> date | None:
        """The publication date, else the date and time line the page prints itself."""
        if not self.looked:
            from storyline.extract.dateline import page_date

            self.looked = True
            self.reference = self.document.published or page_date(
                self.document.text, self.document.language or DEFAULT_LANGUAGE
            )
        return self.reference

    def add(self, doc: Any, offset: int, language: str = DEFAULT_LANGUAGE) -> None:
        from storyline.events import assemble
        from storyline.extract import entities, hedges, quantities, sources, times

        published = self.published()
        part: list[Mention] = []
        for extractor in (quantities, times, sources, hedges):
            part += _call(extractor.extract, doc, published, language=language)
        entity_mentions, doc_entities = entities.extract(doc, published, language=language)
        tag = f"c{offset}:"
        part += [_retag(m, tag) for m in entity_mentions]
        self.entities += [dataclasses.replace(e, id=tag + e.id) for e in doc_entities]
        shifted = [_shift(_retag(m, tag) if m.kind == "quantity" else m, offset) for m in part]
        self.found += shifted
        # Assembly reads this chunk's parse now, so no spaCy Doc outlives its chunk; its
        # fillers name mentions by span until result() gives the final ids.
        self.events += _call(
            assemble,
            self.document.text,
            _tokens(doc, offset),
            shifted,
            self.codebook,
            self.document.body_start,
            language=language,
        )

    def result(self) -> Extraction:
        from storyline.events import drop_retold, link_mentions
        from storyline.extract.source_links import carry_to_events, link_sources
        from storyline.places import resolve_places

        mentions, merged, entity_ids = _number(self.found, self.entities)
        mentions = link_sources(mentions)
        text = self.document.text
        if _LONG_RUN.search(text, 0, MAX_EXTRACT_CHARS):  # spaCy read it with cut runs
            mentions = [_reread(m, text) for m in mentions]
        events = drop_retold(
            link_mentions(self.events, mentions, entity_ids), mentions, self.codebook
        )
        return Extraction(
            document=self.document,
            mentions=tuple(mentions),
            entities=resolve_places(self.document.text, mentions, merged),
            versions={**versions(), "codebook": self.codebook.id},
            events=tuple(carry_to_events(events, mentions)),
        )


def _lemma(lemma: str) -> str:
    """Lowercase, with the typographic apostrophe's negation read as "not" ("hasn’t said")."""
    lemma = lemma.lower()
    return "not" if lemma in {"n’t", "n't"} else lemma


def _tokens(doc: Any, offset: int) -> list[Token]:
    """The chunk's parse as plain records (see :class:`storyline.model.Token`)."""
    sentence = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sentence[token.i] = number
    return [
        Token(
            start=t.idx + offset,
            end=t.idx + len(t.text) + offset,
            lemma=_lemma(t.lemma_),
            pos=t.pos_,
            dep=t.dep_,
            head=t.head.i,
            sent=sentence[t.i],
            tag=t.tag_,
        )
        for t in doc
    ]


def extraction_limited(document: Document) -> bool:
    """Whether only the first :func:`read_end` characters of ``document`` are read."""
    return read_end(document.text) < len(document.text)


def read_end(text: str) -> int:
    """Where reading ``text`` for mentions and events stops: after
    :data:`MAX_EXTRACT_CHARS` characters or :data:`MAX_EXTRACT_TOKENS` tokens, whichever
    comes first (the work limit per document)."""
    return _token_end(text, 0, min(len(text), MAX_EXTRACT_CHARS), MAX_EXTRACT_TOKENS)


def _token_end(text: str, start: int, end: int, tokens: int) -> int:
    """``end``, or the start of the token after the first ``tokens`` from ``start``."""
    for count, match in enumerate(_TOKEN.finditer(text, start, end)):
        if count == tokens:
            return match.start()
    return end


def _breakable(text: str) -> str:
    """``text`` with a space every :data:`MAX_TOKEN_CHARS` characters of overlong runs.

    The length, and so every offset, stays the same; mention texts are re-read from the
    document afterwards (:meth:`_Accumulator.result`), so the spaces never reach the record.
    """

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        step = MAX_TOKEN_CHARS
        return "".join(run[i : i + step - 1] + " " for i in range(0, len(run), step))[: len(run)]

    return _LONG_RUN.sub(cut, text)


def _reread(mention: Mention, text: str) -> Mention:
    """The mention with its text taken from the document (not from the cut runs)."""
    original = text[mention.start : mention.end]
    return mention if original == mention.text else dataclasses.replace(mention, text=original)


def _clean(document: Document) -> Document:
    """Replace lone surrogates (malformed Unicode) by U+FFFD: same length, offsets hold."""
    if _SURROGATE.search(document.text):
        return dataclasses.replace(document, text=_SURROGATE.sub("\ufffd", document.text))
    return document


def extract(
    text_or_html: str | bytes,
    published: date | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
) -> Extraction:
    """Parse and extract a report given as text or HTML: the Python API.

    Args:
        text_or_html: a pasted report (headline, blank line, body) or an HTML page.
        published: the publication date relative dates resolve against (else the
            page's own date; relative dates stay unresolved when neither is known).
        title: a headline for pastes without one.
        url: where the report came from.

    Example:
        >>> import storyline
        >>> result = storyline.extract("Floods\\n\\nAbout 300 people fled.", published=None)
    """
    from storyline.capture.hashing import sha256_hex
    from storyline.parse import ParseOptions, parse

    if isinstance(text_or_html, str):
        text_or_html = _SURROGATE.sub("\ufffd", text_or_html)
    data = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
    capture = Capture(
        data=data, sha256=sha256_hex(data), input="text", captured_at=datetime.now(UTC)
    )
    document = parse(capture, ParseOptions(title=title, published=published, url=url))
    return extract_document(document)


def _chunks(text: str, size: int, tokens: int | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, chunk)`` pieces of at most ``size`` characters (and ``tokens``
    tokens), cut between paragraphs (or, inside a giant paragraph, at a sentence end or a
    space)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if tokens is not None:
            end = _token_end(text, start, end, tokens)
        if end < len(text):
            cut = max(
                text.rfind("\n\n", start, end),
                text.rfind(". ", start, end),
                text.rfind(" ", start, end),
            )
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _shift(mention: Mention, offset: int) -> Mention:
    if offset == 0:
        return mention
    changes: dict[str, Any] = {"start": mention.start + offset, "end": mention.end + offset}
    for name in (
        "source_start",
        "source_end",
        "claim_start",
        "claim_end",
        "scope_start",
        "scope_end",
    ):
        value = getattr(mention, name, None)
        if value is not None:
            changes[name] = value + offset
    return dataclasses.replace(mention, **changes)


def _retag(mention: Mention, tag: str) -> Mention:
    """Make chunk-local ids unique before numbering (``q3`` → ``c0:q3``)."""
    changes: dict[str, Any] = {}
    if isinstance(mention, QuantityMention):
        changes["id"] = tag + mention.id if mention.id else ""
        if mention.part_of:
            changes["part_of"] = tag + mention.part_of
    elif isinstance(mention, EntityMention) and mention.entity:
        changes["entity"] = tag + mention.entity
    return dataclasses.replace(mention, **changes) if changes else mention


def _number(
    mentions: list[Mention], chunk_entities: list[Entity]
) -> tuple[list[Mention], list[Entity], dict[str, str]]:
    """Number mentions per kind in text order and merge same-named entities across chunks."""
    entity_ids: dict[str, str] = {}
    merged: list[Entity] = []
    by_name: dict[tuple[str, str], str] = {}
    for entity in chunk_entities:
        key = (entity.name.casefold(), entity.type)
        if key not in by_name:
            by_name[key] = f"E{len(merged) + 1}"
            merged.append(dataclasses.replace(entity, id=by_name[key]))
        entity_ids[entity.id] = by_name[key]
    ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.kind))
    counters = dict.fromkeys(_PREFIX, 0)
    quantity_ids: dict[str, str] = {}
    numbered: list[Mention] = []
    for mention in ordered:
        counters[mention.kind] += 1
        new_id = f"{_PREFIX[mention.kind]}{counters[mention.kind]}"
        if isinstance(mention, QuantityMention) and mention.id:
            quantity_ids[mention.id] = new_id
        numbered.append(dataclasses.replace(mention, id=new_id))
    result: list[Mention] = []
    for mention in numbered:
        if isinstance(mention, QuantityMention) and mention.part_of:
            mention = dataclasses.replace(mention, part_of=quantity_ids.get(mention.part_of))
        elif isinstance(mention, EntityMention) and mention.entity:
            mention = dataclasses.replace(mention, entity=entity_ids.get(mention.entity))
        result.append(mention)
    return result, merged, entity_ids


class _CallableModule(types.ModuleType):
    """Lets ``storyline.extract(...)`` call :func:`extract` while ``storyline.extract`` stays
    the package that holds the extractor modules."""

    def __call__(self, *args: Any, **kwargs: Any) -> Extraction:
        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
