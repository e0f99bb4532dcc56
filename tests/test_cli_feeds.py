"""``storyline poll`` and ``watch`` against a real feed served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body} Guards at the Calder penal colony told prisoners this week that those who "
    "sign a contract will be released after six months, relatives said.</p>"
    "<p>The colony administration did not answer questions about the recruitment.</p>"
    "</article></body></html>"
)


class Site:
    """A feed and its articles; counts requests so tests see what a poll downloaded."""

    def __init__(self) -> None:
        self.items = ["a1", "a2"]
        self.version = 1
        self.requests: list[str] = []
        self.conditional: list[str | None] = []

    def feed(self, base: str) -> bytes:
        entries = "".join(
            f"<item><title>Report {name}</title><link>{base}/{name}</link>"
            f"<guid>urn:calder:{name}</guid></item>"
            for name in reversed(self.items)  # newest first, as feeds list them
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Calder Watch</title>'
            f"<link>{base}/</link><description>News</description>{entries}</channel></rss>"
        ).encode()


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                etag = f'"v{state.version}"'
                state.conditional.append(self.headers.get("If-None-Match"))
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(state.feed(base), "application/rss+xml", {"ETag": etag})
            elif self.path.lstrip("/") in state.items and self.path != "/gone":
                name = self.path.lstrip("/")
                page = ARTICLE.format(title=f"Report {name}", body=f"Report {name} begins.")
                self._send(page.encode(), "text/html; charset=utf-8")
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

        def _send(self, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _poll(cli, feed: str) -> tuple[int, list[dict]]:
    result = cli("poll", feed, "--no-extract", "--delay", "0", "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_second_poll_adds_nothing_and_sends_the_etag(cli, site: tuple[Site, str]) -> None:
    state, base = site
    feed = f"{base}/feed.xml"
    code, reports = _poll(cli, feed)
    assert code == 0
    assert [(o["input"], o["status"]) for o in reports[0]["outcomes"]] == [
        (f"{base}/a1", "added"),  # oldest first
        (f"{base}/a2", "added"),
    ]
    listing = json.loads(cli("list", "--format", "json").stdout)
    assert {d["title"] for d in listing} == {"Report a1", "Report a2"}

    state.requests.clear()
    code, reports = _poll(cli, feed)
    assert code == 0
    assert reports[0]["status"] == "not modified" and reports[0]["outcomes"] == []
    assert state.requests == ["/feed.xml"] and state.conditional[-1] == '"v1"'

    state.items.append("a3")
    state.version = 2
    state.requests.clear()
    code, reports = _poll(cli, feed)
    assert [(o["input"], o["status"]) for o in reports[0]["outcomes"]] == [(f"{base}/a3", "added")]
    assert state.requests == ["/feed.xml", "/a3"]  # the items seen before are not fetched

    listed = json.loads(cli("feeds", "--format", "json").stdout)
    assert [(f["feed"], f["title"], f["items seen"], f["stored"]) for f in listed] == [
        (feed, "Calder Watch", 3, 3)
    ]
    assert listed[0]["last result"] == "1 new item(s)"


def test_failed_item_is_retried_by_the_next_poll(cli, site: tuple[Site, str]) -> None:
    state, base = site
    state.items = ["a1", "gone"]
    code, reports = _poll(cli, f"{base}/feed.xml")
    assert code == 1
    assert [o["status"] for o in reports[0]["outcomes"]] == ["added", "failed"]
    assert reports[0]["outcomes"][1]["error"] == "HTTP 404 Not Found"

    state.version = 2  # the feed changed: its items are considered again
    state.requests.clear()
    code, reports = _poll(cli, f"{base}/feed.xml")
    assert state.requests == ["/feed.xml", "/gone"]  # a1 was seen; gone is tried again


def test_not_a_feed_and_bad_interval(cli, site: tuple[Site, str]) -> None:
    _state, base = site
    result = cli("poll", f"{base}/a1", "--no-extract", "--delay", "0")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {base}/a1: not an RSS or Atom feed")
    watched = cli("watch", f"{base}/feed.xml", "--every", "5s")
    assert watched.exit_code == 2
    assert "shorter than one minute" in watched.stderr


def test_watch_polls_until_told_to_stop(cli, site: tuple[Site, str]) -> None:
    state, base = site
    result = cli("watch", f"{base}/feed.xml", "--times", "1", "--no-extract", "--delay", "0")
    assert result.exit_code == 0
    assert state.requests == ["/feed.xml", "/a1", "/a2"]
    assert f"{base}/feed.xml: ok, 2 new item(s): 2 added, 0 failed" in result.stderr
