"""Lines that scraped pages and pastes carry but that are not part of a report.

Pattern data only; :mod:`storyline.parse.plaintext` and :mod:`storyline.parse.html` apply it.
"""

from __future__ import annotations

import re

#: A line matching one of these starts a comment form: it and everything after it goes.
COMMENT_FORM_START = re.compile(
    r"^\s*(leave a (reply|comment)|post a comment|add a comment|\d+ comments?|comments?\s*$|"
    r"join the (discussion|conversation)|you must be logged in to post a comment)",
    re.IGNORECASE,
)

#: Single lines of boilerplate removed wherever they stand.
BOILERPLATE_LINE = re.compile(
    r"^\s*("
    r"your email address will not be published\.?.*|"
    r"required fields are marked.*|"
    r"save my name, email,? and website.*|"
    r"(name|email|website|comment)\s*\*?\s*$|"
    r"post comment\s*$|"
    r"share (this|on)\b.{0,40}$|"
    r"(click|tap) (here )?to share.*|"
    r"(related|read more|see also|you may also like)\s*:?\s*$|"
    r"(we use cookies|this (web)?site uses cookies).*|"
    r"accept( all)? cookies\s*$|"
    r"subscribe to (our|the) newsletter.*|"
    r"advertisement\s*$"
    r")",
    re.IGNORECASE,
)

#: A run of hashtags at the end of a line (``#Russia #Prison``).
TRAILING_HASHTAGS = re.compile(r"(?:\s*#[^\s#,]+)+\s*$")
#: A line that is nothing but hashtags.
HASHTAG_LINE = re.compile(r"^\s*(?:#[^\s#]+\s*)+$")


def is_comment_form_start(line: str) -> bool:
    """True when ``line`` opens a comment form (everything after it is dropped)."""
    return bool(COMMENT_FORM_START.match(line))


def is_boilerplate(line: str) -> bool:
    """True for a single line of share-bar, cookie or comment-form boilerplate."""
    return bool(BOILERPLATE_LINE.match(line)) or bool(HASHTAG_LINE.match(line))
