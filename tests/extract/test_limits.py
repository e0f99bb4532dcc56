"""Work limits of extraction: overlong "words" and very long texts stay bounded."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from storyline import extract as extract_package
from storyline import nlp
from storyline.extract import (
    CHUNK_TOKENS,
    MAX_EXTRACT_CHARS,
    MAX_EXTRACT_TOKENS,
    MAX_TOKEN_CHARS,
    extract,
    extract_document,
    extraction_limited,
    read_end,
)
from storyline.model import Document


def test_spacy_never_sees_a_run_longer_than_the_token_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """40 KB of "&" took spaCy's tokenizer 40 s: its suffix search is quadratic in a token."""
    seen: list[str] = []
    real_load = nlp.load

    class Recording:
        def __init__(self, model: Any) -> None:
            self.model = model

        def pipe(self, texts: Any, **kwargs: Any) -> Any:
            def record() -> Any:
                for text, context in texts:
                    seen.append(text)
                    yield text, context

            return self.model.pipe(record(), **kwargs)

    monkeypatch.setattr(nlp, "load", lambda language: Recording(real_load(language)))
    junk = "&" * 5_000
    text = f"Arrests\n\nPolice detained 12 people in Kazan. {junk} Officials said 40 were freed."
    result = extract(text)
    assert seen and max(len(run) for s in seen for run in re.findall(r"\S+", s)) <= MAX_TOKEN_CHARS
    document = result.document.text
    assert junk in document  # the record keeps the text as written
    assert all(document[m.start : m.end] == m.text for m in result.mentions)
    assert {"12 people", "40"} <= {m.text for m in result.mentions if m.kind == "quantity"}


def test_a_text_past_the_work_limit_is_stored_whole_and_says_so(
    cli: Callable[..., Any], write: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_package, "MAX_EXTRACT_CHARS", 2_000)
    # No per-input limit, so extraction runs in this process and sees the patched constant.
    monkeypatch.setenv("STORYLINE_EXTRACT_TIMEOUT", "0")
    monkeypatch.setenv("STORYLINE_EXTRACT_MAX_MB", "0")
    sentence = "On Monday police detained 12 protesters in Kazan, officials said. "
    report = write("long.txt", "Long report\n\n" + sentence * 100)
    result = cli("add", "--format", "json", str(report))
    assert result.exit_code == 0, result.stderr
    [outcome] = json.loads(result.stdout)
    assert outcome["note"] == "mentions and events read from the first 2,000 characters only"
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert len(shown["text"]) > 6_000
    assert shown["mentions"] and max(m["end"] for m in shown["mentions"]) <= 2_000
    table = cli("add", str(write("long2.txt", "Second\n\n" + sentence * 100)))
    assert "(mentions and events read from the first 2,000 characters only)" in table.stdout


HOSTILE = {
    "ampersands": "&" * 40_000,
    "brackets": "(" * 20_000 + "12 people" + ")" * 20_000,
    "one-letter words": "a " * 30_000,
    "line breaks": "x\n" * 30_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_spacy_reads_a_bounded_number_of_tokens_whatever_the_characters(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A character can be a token: 40 KB of "&" was 40,000 tokens and took 8 CPU-s, so
    such inputs ran past the per-input time limit on a loaded machine. The work (tokens
    through spaCy and the extractors) is bounded per document and per chunk instead."""
    sizes: list[int] = []
    real_load = nlp.load

    class Counting:
        def __init__(self, model: Any) -> None:
            self.model = model

        def pipe(self, texts: Any, **kwargs: Any) -> Any:
            for doc, context in self.model.pipe(texts, **kwargs):
                sizes.append(len(doc))
                yield doc, context

    monkeypatch.setattr(nlp, "load", lambda language: Counting(real_load(language)))
    text = HOSTILE[name]
    document = Document(text=text, sha256="0" * 64, language="en")
    extract_document(document)
    assert sizes and max(sizes) <= CHUNK_TOKENS
    assert sum(sizes) <= MAX_EXTRACT_TOKENS
    assert extraction_limited(document)  # the note says the text was not read whole


def test_prose_is_read_up_to_the_character_limit_not_cut_by_tokens() -> None:
    sentence = "On Monday police detained 12 protesters in Kazan, officials said. "
    text = "Long report\n\n" + sentence * (MAX_EXTRACT_CHARS // len(sentence) - 1)
    assert len(text) <= MAX_EXTRACT_CHARS
    assert read_end(text) == len(text)
    assert read_end(text + sentence * 10) == MAX_EXTRACT_CHARS
