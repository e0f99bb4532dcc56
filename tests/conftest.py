"""Shared fixtures: a real store on each backend, the CLI runner, a real local HTTP server.

Every store is built by the real Alembic migrations. PostgreSQL stores live in a fresh
schema per test on the server named by ``STORYLINE_TEST_PG`` (default
``postgresql://postgres@127.0.0.1:5432/test``); without a reachable server those tests are
skipped, unless ``STORYLINE_REQUIRE_PG=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import sys
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store.db import Store, normalise_url, open_store

PG_URL = os.environ.get("STORYLINE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("STORYLINE_REQUIRE_PG") == "1"


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        engine = create_engine(normalise_url(PG_URL), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means "not available"
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL URL, or a skip (a failure under STORYLINE_REQUIRE_PG=1)."""
    problem = _pg_available()
    if problem:
        message = f"PostgreSQL not reachable at {PG_URL} ({problem})"
        if REQUIRE_PG:
            pytest.fail(message + " and STORYLINE_REQUIRE_PG=1", pytrace=False)
        pytest.skip(message)
    return PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty store, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'storyline.db'}"
        return
    with pg_schema(request.getfixturevalue("pg_server")) as url:
        yield url


@contextmanager
def pg_schema(server: str) -> Iterator[str]:
    """A fresh, empty schema on the PostgreSQL ``server`` (dropped afterwards), as the URL
    of a store that lives in it: each test (or each store of one test) gets its own."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(server))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def new_pg_schema() -> Callable[[str], AbstractContextManager[str]]:
    """:func:`pg_schema`, for a test that needs a second store on the same server."""
    return pg_schema


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """An opened, migrated store with its blob folder in ``tmp_path``."""
    opened = open_store(db_url, tmp_path / "blobs")
    yield opened
    opened.close()


@dataclass
class CliResult:
    """What a CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Callable[..., CliResult]:
    """Run ``storyline --db <test store> ARGS`` through the real CLI."""
    runner = CliRunner()
    blobs = tmp_path / "blobs"

    def run(*args: str, input: bytes | str | None = None) -> CliResult:
        result = runner.invoke(
            app,
            ["--db", db_url, "--data-dir", str(blobs), *args],
            input=input,
            catch_exceptions=False,
        )
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write a fixture file into ``tmp_path`` and return its path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / "inputs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    """Path of a file in tests/fixtures."""
    return lambda name: FIXTURES / name


# ------------------------------------------------------------------ a real local HTTP server

RUSSIAN_ARTICLE = (
    "<html><head>{meta}<title>Вербовка в колонии</title></head><body><article>"
    "<h1>Вербовщики снова приехали в колонию</h1>"
    "<p>В конце марта в исправительную колонию под Самарой приехали военные вербовщики, "
    "рассказали два бывших заключённых, которые поддерживают связь с теми, кто остался там.</p>"
    "<p>По их словам, около сорока человек подписали контракт. Им обещали помилование и "
    "зарплату, которая в десять раз больше минимальной.</p>"
    "<p>Федеральная служба исполнения наказаний не ответила на запрос о комментарии.</p>"
    "</article></body></html>"
)


def russian_page(encoding: str, meta: str = "") -> bytes:
    """The Russian test article (written for this suite) encoded as asked."""
    return RUSSIAN_ARTICLE.format(meta=meta).encode(encoding)


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[BaseHTTPRequestHandler], None]]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


def _send(body: bytes, content_type: str, extra: dict[str, str] | None = None):
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(body)

    return handler


def _status(code: int):
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_error(code)

    return handler


def _redirect_loop(request: BaseHTTPRequestHandler) -> None:
    request.send_response(302)
    request.send_header("Location", "/loop")
    request.send_header("Content-Length", "0")
    request.end_headers()


def _slow(request: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    _send(b"<p>late</p>", "text/html")(request)


def _endless(request: BaseHTTPRequestHandler) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "text/plain")
    request.end_headers()
    chunk = b"words " * 10_000
    try:
        for _ in range(1000):  # bounded: at most 60 MB, stops when the client hangs up
            request.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _gzip_bomb() -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as archive:
        block = b"\0" * (1 << 20)
        for _ in range(30):  # 30 MB of zeros inflate from about 30 KB
            archive.write(block)
    return buffer.getvalue()


@functools.cache
def _double_gzip_bomb() -> bytes:
    """A few KB that inflate to 256 MB through ``Content-Encoding: gzip, gzip`` (made on
    first request, so only the tests that ask for it pay for it)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31, 9, zlib.Z_RLE)
    block = bytes(1 << 20)
    inner = b"".join([packer.compress(block) for _ in range(256)] + [packer.flush()])
    return gzip.compress(inner, compresslevel=9)


def _double_bomb(request: BaseHTTPRequestHandler) -> None:
    _send(_double_gzip_bomb(), "text/html", {"Content-Encoding": "gzip, gzip"})(request)


def _drip(request: BaseHTTPRequestHandler) -> None:
    """A server that never stalls long enough for a read timeout, yet never finishes."""
    request.send_response(200)
    request.send_header("Content-Type", "text/plain")
    request.end_headers()
    try:
        for _ in range(100):  # at most 20 s, stops when the client hangs up
            request.wfile.write(b"word ")
            request.wfile.flush()
            time.sleep(0.2)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _echo_host(request: BaseHTTPRequestHandler) -> None:
    body = (
        "<html><head><title>Host check</title></head><body><article><p>"
        f"This page was asked for with the host header {request.headers.get('Host')} and "
        "it says that police detained twelve people in Kazan on Monday.</p></article>"
        "</body></html>"
    ).encode()
    _send(body, "text/html; charset=utf-8")(request)


def _to_other_loopback(request: BaseHTTPRequestHandler) -> None:
    """Redirect to the same server under 127.0.0.2 (an address a policy may refuse)."""
    port = request.server.server_address[1]
    request.send_response(302)
    request.send_header("Location", f"http://127.0.0.2:{port}/article")
    request.send_header("Content-Length", "0")
    request.end_headers()


def _slower(request: BaseHTTPRequestHandler) -> None:
    time.sleep(4)
    _send(b"<p>late</p>", "text/html")(request)


class _QuietServer(ThreadingHTTPServer):
    """A test server that does not print a traceback when a client hangs up early.

    The slow, endless and oversized routes exist to be abandoned by the client (timeouts,
    size caps); their handler threads then meet a broken pipe, possibly while a later test
    captures stderr to check a command's one-line error.
    """

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    """Serve the fixture pages on 127.0.0.1 and return the base URL."""
    page = (FIXTURES / "news-page.html").read_bytes()
    _Handler.routes = {
        "/article": _send(
            page, "text/html; charset=utf-8", {"Last-Modified": "Fri, 14 Mar 2025 08:00:00 GMT"}
        ),
        "/redirected": lambda r: (
            r.send_response(301),
            r.send_header("Location", "/article"),
            r.send_header("Content-Length", "0"),
            r.end_headers(),
        ),
        "/ru-cp1251": _send(russian_page("cp1251"), "text/html; charset=windows-1251"),
        "/ru-koi8-undeclared": _send(russian_page("koi8_r"), "text/html"),
        "/ru-cp1251-mislabelled": _send(russian_page("cp1251"), "text/html; charset=iso-8859-1"),
        "/ru-meta-koi8": _send(russian_page("koi8_r", '<meta charset="koi8-r">'), "text/html"),
        "/missing": _status(404),
        "/error": _status(500),
        "/loop": _redirect_loop,
        "/slow": _slow,
        "/endless": _endless,
        "/bomb": _send(_gzip_bomb(), "text/html", {"Content-Encoding": "gzip"}),
        "/image": _send(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png"),
        "/double-bomb": _double_bomb,
        "/drip": _drip,
        "/host": _echo_host,
        "/to-127-0-0-2": _to_other_loopback,
        "/slower": _slower,
    }
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class SqliteFull:
    """Makes a SQLite file full for every new connection: ``PRAGMA max_page_count`` at its
    current size, so not one page may be added — what SQLite reports when the disk under it
    is full (SQLITE_FULL, "database or disk is full"). ``off()`` lifts it, as freeing disk
    space would."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._cap: Callable[..., None] | None = None

    def on(self) -> None:
        import sqlite3

        with sqlite3.connect(self.path) as connection:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]

        def cap(dbapi_connection: object, _record: object) -> None:
            if isinstance(dbapi_connection, sqlite3.Connection):
                dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        self._cap = cap
        event.listen(Engine, "connect", cap)

    def off(self) -> None:
        if self._cap is not None:
            event.remove(Engine, "connect", self._cap)
            self._cap = None


@pytest.fixture
def sqlite_full() -> Iterator[Callable[[str], SqliteFull]]:
    """Make a SQLite file full (``.on()``) for new connections; lifted after the test."""
    made: list[SqliteFull] = []

    def make(path: str) -> SqliteFull:
        made.append(SqliteFull(path))
        return made[-1]

    yield make
    for full in made:
        full.off()
