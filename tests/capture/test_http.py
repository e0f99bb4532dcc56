"""URL capture against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from storyline.capture.addresses import AddressPolicy
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


LOCAL_IS_PUBLIC = AddressPolicy(public_only=True, allow=("127.0.0.1/32",))


def test_a_redirect_to_a_refused_address_is_not_followed(http_server: str) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.2 is a private or local address"):
        fetch(f"{http_server}/to-127-0-0-2", **LIMITS, policy=LOCAL_IS_PUBLIC)
    # without the policy (a researcher's own machine) the redirect is followed (nothing
    # listens on 127.0.0.2, so that connection is refused)
    with pytest.raises(FetchError, match="download failed"):
        fetch(f"{http_server}/to-127-0-0-2", **LIMITS)


def test_a_name_is_resolved_once_and_the_checked_address_is_contacted(http_server: str) -> None:
    """DNS rebinding: the first answer is checked; a second, different answer is never used."""
    port = int(http_server.rsplit(":", 1)[1])
    answers = iter([["127.0.0.1"], ["10.9.9.9"], ["10.9.9.9"]])
    asked: list[str] = []

    def rebinding(host: str, _port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    policy = AddressPolicy(public_only=True, allow=("127.0.0.1/32",), resolver=rebinding)
    capture = fetch(f"http://news.example:{port}/host", **LIMITS, policy=policy)
    assert asked == ["news.example"]
    assert f"host header news.example:{port}".encode() in capture.data
    assert capture.url == f"http://news.example:{port}/host"


def test_a_drip_fed_download_ends_at_the_deadline(http_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetch(f"{http_server}/drip", **LIMITS)
    assert time.monotonic() - started < 3


def test_stacked_gzip_is_stopped_at_the_cap_without_inflating_it(http_server: str) -> None:
    fetch(f"{http_server}/article", **LIMITS)  # warm the connection machinery
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="larger than the 1,000,000-byte limit"):
            fetch(f"{http_server}/double-bomb", **{**LIMITS, "timeout": 20.0})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000  # the body inflates to 256 MB


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/", "not a valid web address"),
        ("http://a..b/", "not a valid host name"),
        ("http://exa mple.org/", "cannot resolve the host"),
        ("http://:80/", "no host name"),
    ],
)
def test_malformed_urls_are_fetch_errors(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch(url, **LIMITS)
