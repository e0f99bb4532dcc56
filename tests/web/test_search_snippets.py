"""Search results show the passage that matched, with the matching words marked."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def test_a_search_shows_the_matching_passage_not_the_start(
    seeded: Any, client_for: Callable[..., Any]
) -> None:
    client = client_for(local=True)
    table = client.get("/documents?q=scrawled+board", headers={"HX-Request": "true"}).text
    snippets = re.findall(r'<div class="snippet">(.*?)</div>', table, re.S)
    assert len(snippets) == 2  # the report and its reprint
    for snippet in snippets:
        assert "<mark>scrawled</mark>" in snippet and "<mark>board</mark>" in snippet
        assert "Recruiters visited" not in snippet  # not the start of the text
        # The report's "<script>" is around the hit: escaped (FTS5) or dropped as a tag
        # (ts_headline), never markup.
        assert "alert(" in snippet and "<script>" not in snippet
    api = client.get("/api/documents", params={"q": "scrawled"}).json()
    assert "scrawled on the notice board" in api["items"][0]["snippet"]
    assert "\ue000" not in api["items"][0]["snippet"]
    assert api["items"][0]["matches"]  # where the words are, for API clients


def test_without_a_search_the_snippet_is_the_start_of_the_report(
    seeded: Any, client_for: Callable[..., Any]
) -> None:
    table = client_for(local=True).get("/documents", headers={"HX-Request": "true"}).text
    assert "Recruiters visited Penal Colony" in table and "<mark>" not in table
