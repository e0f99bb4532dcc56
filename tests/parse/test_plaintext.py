"""Plain-text pastes: headline, tag line, hashtags and comment forms."""

from __future__ import annotations

import pytest

from storyline.parse.plaintext import parse_tag_line, split_paste

REPOST = """Mayor resigns after audit

The mayor of a small river town resigned on Friday, two council members said.

The audit found missing funds.

Local Politics,Audits, Inquiries and Reviews,Riverside (County), #Mayor #Audit

Leave a Reply

Your email address will not be published. Required fields are marked *

Name *
"""


def test_repost_shape_is_split_into_title_body_and_tags() -> None:
    parts = split_paste(REPOST)
    assert parts.title == "Mayor resigns after audit"
    assert parts.paragraphs == (
        "The mayor of a small river town resigned on Friday, two council members said.",
        "The audit found missing funds.",
    )
    assert parts.tags == ("Local Politics", "Audits, Inquiries and Reviews", "Riverside (County)")


def test_hashtag_only_line_and_windows_newlines_are_handled() -> None:
    parts = split_paste("Headline\r\n\r\nBody one.\r\n\r\n#one #two #three\r\n")
    assert parts.title == "Headline"
    assert parts.paragraphs == ("Body one.",)
    assert parts.tags == ()


def test_without_a_blank_line_the_first_line_is_body() -> None:
    parts = split_paste("First line of prose.\nSecond line of the same paragraph.")
    assert parts.title is None
    assert parts.paragraphs == ("First line of prose. Second line of the same paragraph.",)


def test_prose_last_paragraph_is_not_taken_for_tags() -> None:
    parts = split_paste("Title\n\nThey came from Kyiv, Lviv, Odesa and Kharkiv, officials said.")
    assert parts.tags == ()
    assert parts.paragraphs[-1].endswith("officials said.")


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("Floods,Weather,Europe", ("Floods", "Weather", "Europe")),
        ("Floods, Weather, Europe", ("Floods", "Weather", "Europe")),
        ("A sentence, with commas, that ends.", ()),
        ("Only,Two", ()),
    ],
)
def test_tag_lines(line: str, tags: tuple[str, ...]) -> None:
    assert parse_tag_line(line) == tags
