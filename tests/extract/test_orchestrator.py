"""The extract stage as a whole: the Python API, numbering, chunking, and bad input."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.extract import CHUNK_CHARS, _chunks, extract_document, extract_documents
from storyline.extract.contract import extraction_to_json, mention_from_json, mention_to_json
from storyline.model import Document

REPORT = """Flood forces thousands from their homes

About 3,000 residents left the town of Brenmoor in late March after the river burst its banks,
according to two volunteers who asked not to be named. The regional governor, Anna Kessler, said
on Tuesday that repairs could cost up to $4 million. It is unclear whether the dam will hold."""


def test_python_api_returns_numbered_mentions_in_text_order() -> None:
    result = storyline.extract(REPORT, published=date(2025, 4, 10))
    text = result.document.text
    assert text.startswith("Flood forces thousands from their homes\n\nAbout 3,000")
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    for prefix in "qtshe":
        ids = [m.id for m in result.mentions if m.id.startswith(prefix)]
        assert ids == [f"{prefix}{n}" for n in range(1, len(ids) + 1)]
    kinds = {m.kind for m in result.mentions}
    assert kinds == {"quantity", "time", "source", "hedge", "entity"}
    late_march = next(m for m in result.mentions if m.text == "late March")
    assert (late_march.start_date, late_march.end_date) == (date(2025, 3, 21), date(2025, 3, 31))
    entity_ids = {e.id for e in result.entities}
    assert all(m.entity in entity_ids for m in result.mentions if m.kind == "entity")


def test_named_source_is_linked_to_its_entity() -> None:
    result = storyline.extract(REPORT, published=date(2025, 4, 10))
    kessler = [e for e in result.entities if "Kessler" in e.name]
    sources = [m for m in result.mentions if m.kind == "source" and not m.anonymous]
    assert kessler and any(m.entity == kessler[0].id for m in sources)


def test_without_publication_date_relative_times_stay_unresolved() -> None:
    result = storyline.extract(REPORT)
    late_march = next(m for m in result.mentions if m.text == "late March")
    assert late_march.resolved is False
    assert late_march.start_date is None


def test_contract_round_trip() -> None:
    result = storyline.extract(REPORT, published=date(2025, 4, 10))
    data = extraction_to_json(result)
    assert data["schema"] == "storyline.extraction/1"
    assert data["document"]["published"] == "2025-04-10"
    for mention, as_json in zip(result.mentions, data["mentions"], strict=True):
        assert mention_from_json(as_json) == mention
        assert mention_to_json(mention_from_json(as_json)) == as_json


def test_long_texts_are_chunked_with_offsets_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storyline.extract.CHUNK_CHARS", 1_000)
    paragraph = (
        "About 40 inmates signed contracts in late May, two former prisoners said. "
        "Officials in Moscow denied it.\n\n"
    )
    text = "Headline\n\n" + paragraph * (3_000 // len(paragraph))
    document = Document(text=text, sha256="", body_start=10, published=date(2024, 6, 20))
    result = extract_document(document)
    assert result.mentions[-1].start > 2_000
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    moscow = {m.entity for m in result.mentions if m.kind == "entity" and m.text == "Moscow"}
    assert len(moscow) == 1  # one entity across chunks
    forty = [m for m in result.mentions if m.kind == "quantity" and m.text.startswith("About 40")]
    assert len(forty) == text.count("About 40")


@pytest.mark.parametrize(
    "text",
    [
        "Only numbers\n\n1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "Mixed scripts\n\nВ Самаре 40 человек, 北京 says 300 people, مرحبا 12 km.",
        "Odd unicode\n\nBroken \udcff surrogate and \x00 control characters in 2023.",
    ],
)
def test_odd_texts_do_not_crash(text: str) -> None:
    document = Document(text=text, sha256="", body_start=text.index("\n\n") + 2)
    result = extract_document(document)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_languages_without_a_pack_get_no_mentions() -> None:
    document = Document(text="Titel\n\nEtwa 40 Menschen.", sha256="", language="de")
    assert extract_document(document).mentions == ()


def test_russian_is_read_with_its_own_lexicon() -> None:
    document = Document(text="Заголовок\n\nОколо 40 человек.", sha256="", language="ru")
    (mention,) = extract_document(document).mentions
    assert (mention.text, mention.value, mention.unit) == ("Около 40 человек", 40, "person")


def test_empty_text_gives_nothing() -> None:
    assert extract_document(Document(text="", sha256="")).mentions == ()


def test_a_five_megabyte_text_is_cut_into_bounded_chunks() -> None:
    paragraph = "Prices rose by about 5% last month, the ministry said. " * 300 + "\n\n"
    text = "Headline\n\n" + paragraph * (5_000_000 // len(paragraph))
    pieces = list(_chunks(text, CHUNK_CHARS))
    assert "".join(piece for _, piece in pieces) == text
    assert max(len(piece) for _, piece in pieces) <= CHUNK_CHARS
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_memory_does_not_grow_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    monkeypatch.setattr("storyline.extract.CHUNK_CHARS", 2_000)
    monkeypatch.setattr("storyline.extract.BATCH_SIZE", 2)
    paragraph = "Prices rose by about 5% last month, the ministry said.\n\n"
    extract_document(Document(text=paragraph, sha256=""))  # load the model first

    def peak(chunks: int) -> int:
        text = "Headline\n\n" + paragraph * (chunks * 2_000 // len(paragraph))
        document = Document(text=text, sha256="", body_start=10, published=date(2024, 6, 20))
        tracemalloc.start()
        result = extract_document(document)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert sum(m.kind == "quantity" for m in result.mentions) == text.count("about 5%")
        return peak

    small, large = peak(2), peak(8)
    assert large < 2 * small  # four times the text, far less than four times the memory


def test_batches_give_the_same_results_in_input_order() -> None:
    texts = [
        Document(text="Storm\n\nAbout 200 homes lost power on Monday.", sha256="a", body_start=7),
        Document(text="", sha256="b"),
        Document(text="Заголовок\n\nОколо 40 человек.", sha256="c", language="ru"),
        Document(text="Vote\n\nTurnout was 61%, officials said.", sha256="d", body_start=6),
    ]
    batched = list(extract_documents(texts, batch_size=3))
    assert [r.document.sha256 for r in batched] == ["a", "b", "c", "d"]
    assert batched == [extract_document(d) for d in texts]
    assert [len(r.mentions) > 0 for r in batched] == [True, False, True, True]
