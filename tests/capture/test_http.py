"""URL capture against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest

from storyline.capture.http import fetch
from storyline.errors import FetchError, TooLargeError

LIMITS = {"max_bytes": 1_000_000, "timeout": 1.0, "max_redirects": 3, "user_agent": "test/1"}


def test_fetch_keeps_bytes_final_url_and_headers(http_server: str) -> None:
    capture = fetch(f"{http_server}/redirected", **LIMITS)
    assert capture.url == f"{http_server}/article"
    assert capture.content_type == "text/html"
    assert capture.charset == "utf-8"
    assert capture.last_modified == "Fri, 14 Mar 2025 08:00:00 GMT"
    assert capture.http_date is not None
    assert b"River Ardel" in capture.data
    assert len(capture.sha256) == 64


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/loop", "too many redirects (more than 3)"),
        ("/slow", "timed out after 1 s"),
    ],
)
def test_fetch_failures_name_the_reason(http_server: str, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"{http_server}{path}", **LIMITS)
    assert str(caught.value) == f"{http_server}{path}: {reason}"


@pytest.mark.parametrize("path", ["/bomb", "/endless"])
def test_bodies_past_the_cap_are_refused_while_streaming(http_server: str, path: str) -> None:
    with pytest.raises(TooLargeError, match="larger than the 1,000,000-byte limit"):
        fetch(f"{http_server}{path}", **LIMITS)


def test_connection_refused_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="download failed"):
        fetch("http://127.0.0.1:9/nothing", **LIMITS)
