"""Pages and pastes built to confuse: deep nesting, invisible text, hidden controls, NUL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.capture.hashing import sha256_hex
from storyline.errors import EmptyInputError
from storyline.model import Capture
from storyline.parse import ParseOptions, parse

PARAGRAPH = (
    "<p>Police detained twelve protesters in Kazan on Monday, officials said, and more "
    "people were held overnight at the central station.</p>"
)


def _capture(data: bytes) -> Capture:
    return Capture(data=data, sha256=sha256_hex(data), input="t", captured_at=datetime.now(UTC))


@pytest.mark.parametrize("depth", [255, 400, 5000])
def test_deeply_nested_pages_still_yield_their_article(depth: int) -> None:
    html = (
        "<html><head><title>Arrests in Kazan</title></head><body>"
        + "<div><span>" * depth
        + PARAGRAPH * 3
        + "</span></div>" * depth
        + "</body></html>"
    )
    document = parse(_capture(html.encode()))
    assert document.title == "Arrests in Kazan"
    assert "Police detained twelve protesters in Kazan" in document.text


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200b\u200d", " \u00a0\u2060\n\n\u200b\t", "\ufeff\u200e\u202e"],
)
def test_invisible_pastes_are_refused(text: str) -> None:
    with pytest.raises(EmptyInputError, match="no visible text"):
        parse(_capture(text.encode()))


@pytest.mark.parametrize(
    "title", ["Report \u202egpj.exe", "Report \u2066gpj.exe\u2069", "Report\u200f gpj.exe"]
)
def test_bidi_controls_never_reach_a_title(title: str) -> None:
    document = parse(_capture(b"Police detained five people."), ParseOptions(title=title))
    assert document.title is not None
    assert not any(ch in document.title for ch in "\u202e\u2066\u2069\u200f")
    assert document.text.startswith(document.title + "\n\n")


def test_nul_becomes_a_replacement_character_keeping_offsets() -> None:
    document = parse(_capture(b"Arrests\n\nPolice detained\x00 five people.\n"))
    assert "\x00" not in document.text
    assert "detained\ufffd five" in document.text


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x00", b"\xfe\xff\xd8\x00\xd8\x00\xd8\x00"])
def test_bytes_that_decode_to_nothing_but_replacement_marks_are_no_report(data: bytes) -> None:
    """A UTF-32 byte-order mark alone decoded to one U+FFFD and was stored as a report; a
    UTF-16 mark before lone surrogates raised an uncaught UnicodeDecodeError."""
    from storyline.errors import CharsetError

    with pytest.raises(CharsetError, match="cannot decode"):
        parse(_capture(data))


def test_a_report_with_a_few_undecodable_bytes_is_still_read() -> None:
    text = "Floods in Drava\n\nAbout 300 people fled the town \ufffd on Monday, officials said."
    assert "300 people" in parse(_capture(text.encode())).text


def test_a_megabyte_title_is_cut_to_a_headline() -> None:
    from storyline.parse.hostile import MAX_TITLE_CHARS

    html = f"<html><head><title>{'Floods ' * 150_000}</title></head><body>{PARAGRAPH * 3}</body>"
    title = parse(_capture(html.encode())).title or ""
    assert len(title) == MAX_TITLE_CHARS and title.endswith("…")
