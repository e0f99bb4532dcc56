"""Work limits of extraction: overlong "words" and very long texts stay bounded."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from storyline import extract as extract_package
from storyline import nlp
from storyline.extract import MAX_TOKEN_CHARS, extract


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
