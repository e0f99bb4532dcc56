"""The parse stage as a whole: HTML pages and pastes become documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.capture.hashing import sha256_hex
from storyline.errors import EmptyInputError, NoArticleError, NotTextError
from storyline.model import Capture
from storyline.parse import ParseOptions, parse


def capture(data: bytes, name: str = "input") -> Capture:
    return Capture(data=data, sha256=sha256_hex(data), input=name, captured_at=datetime.now(UTC))


def test_news_page_keeps_the_article_and_its_metadata(
    fixture_path: Callable[[str], Path],
) -> None:
    document = parse(capture(fixture_path("news-page.html").read_bytes()))
    assert document.title == "River Ardel floods force 3,000 from homes"
    assert document.text.startswith("River Ardel floods force 3,000 from homes\n\nAbout 3,000")
    assert document.body_start == len(document.title) + 2
    assert document.outlet == "Lowland Gazette"
    assert document.byline == "Mira Castell"
    assert document.published == date(2025, 3, 14)
    assert document.published_source == "metadata"
    assert document.canonical_url == "https://lowland-gazette.example/2025/03/ardel-floods"
    assert document.language == "en"
    assert document.tags == ("Floods", "Emergency services")
    for boilerplate in (
        "cookies",
        "Share on",
        "Related articles",
        "newsletter",
        "Leave a Reply",
        "email address",
        "Sport",
        "All rights reserved",
    ):
        assert boilerplate not in document.text


def test_user_date_and_title_win(fixture_path: Callable[[str], Path]) -> None:
    options = ParseOptions(title="Own title", published=date(2025, 3, 15))
    document = parse(capture(fixture_path("paste.txt").read_bytes()), options)
    assert document.title == "Own title"
    assert document.published == date(2025, 3, 15)
    assert document.published_source == "user"


def test_paste_without_date_says_unknown(fixture_path: Callable[[str], Path]) -> None:
    document = parse(capture(fixture_path("repost.txt").read_bytes()))
    assert document.published is None
    assert document.published_source is None
    assert document.tags == (
        "Labour and Jobs",
        "Ports and Shipping",
        "Strikes, Lockouts and Protests",
        "Calder",
    )
    assert "#Strike" not in document.text
    assert "Leave a Reply" not in document.text
    assert document.text.endswith("did not respond to requests for comment.")


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyInputError, "x: empty input (no text)"),
        (b"  \n\t\n", EmptyInputError, "x: empty input (no text)"),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(300),
            NotTextError,
            "x: not a text or HTML report (a PNG image)",
        ),
        (b"PK\x03\x04" + bytes(300), NotTextError, "x: not a text or HTML report (a zip archive)"),
        (
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            NoArticleError,
            "x: no article text found in the HTML page",
        ),
        (
            b"Leave a Reply\nYour email address will not be published.",
            EmptyInputError,
            "x: no report text left after removing boilerplate",
        ),
    ],
)
def test_bad_input_gets_one_clear_line(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        parse(capture(data, "x"))
    assert str(caught.value) == message
