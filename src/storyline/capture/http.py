"""Fetch http(s) URLs with httpx: one deadline, checked addresses, a bounded decoded size.

- **Addresses**: each host — the first and every redirect's — is resolved once and all its
  addresses checked (:class:`~storyline.capture.addresses.AddressPolicy`); the request then
  goes to that checked address, with the real name in ``Host`` and in TLS (SNI and the
  certificate check), so a second DNS answer can never be used.
- **Time**: ``timeout`` bounds the whole download, redirects included, not each read, so a
  server dripping one byte a second cannot hold a fetch for long.
- **Size**: the cap applies to the *decoded* body while it streams in, and each layer of
  ``Content-Encoding`` (``gzip, gzip``…) is inflated with a bounded output, so a small bomb
  is stopped at the cap instead of inflating in memory first.

The transport is injectable (``transport=``) so the client can be exercised without the
network; the test suite uses a real server on 127.0.0.1.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.capture.addresses import AddressPolicy
from storyline.capture.hashing import sha256_hex
from storyline.errors import FetchError, TooLargeError
from storyline.model import Capture

_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}


class NotModified(Exception):
    """The server answered 304: nothing changed since the validators the caller sent."""


def is_url(text: str) -> bool:
    """True for well-formed ``http://`` and ``https://`` addresses (the only schemes fetched)."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def looks_like_url(text: str) -> bool:
    """True when ``text`` is meant as a web address (even a malformed one), not a path."""
    return text[:8].lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    max_redirects: int,
    user_agent: str,
    transport: httpx.BaseTransport | None = None,
    policy: AddressPolicy | None = None,
    validators: Mapping[str, str] | None = None,
) -> Capture:
    """Download ``url`` and return its bytes with the headers that matter.

    ``validators`` are conditional request headers (``If-None-Match``,
    ``If-Modified-Since``) from an earlier answer; feeds are polled this way.

    Raises:
        NotModified: the server answered 304 to the ``validators``.
        FetchError: a malformed URL, a refused address, the deadline, a connection
            failure, an error status, a redirect loop or an undecodable body.
        TooLargeError: the (decompressed) body passes ``max_bytes``.
    """
    policy = policy or AddressPolicy()
    deadline = time.monotonic() + timeout
    headers = {
        "User-Agent": user_agent,
        "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    headers.update(validators or {})
    current = url
    try:
        with httpx.Client(
            follow_redirects=False, headers=headers, transport=transport, trust_env=False
        ) as client:
            for _hop in range(max_redirects + 1):
                request = _pinned_request(client, url, current, policy, deadline, timeout)
                response = client.send(request, stream=True)
                try:
                    location = response.headers.get("location")
                    if response.status_code == 304 and validators:
                        raise NotModified(url)
                    if response.status_code in _REDIRECTS and location:
                        current = urljoin(current, location)
                        continue
                    return _read(url, current, response, max_bytes, deadline, timeout)
                finally:
                    response.close()
            raise FetchError(url, f"too many redirects (more than {max_redirects})")
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"download failed ({exc.__class__.__name__}: {exc})") from None
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(url, f"not a valid web address ({exc})") from None


def _pinned_request(
    client: httpx.Client,
    url: str,
    current: str,
    policy: AddressPolicy,
    deadline: float,
    timeout: float,
) -> httpx.Request:
    """A GET for ``current`` addressed to its checked IP, with the name kept for Host/TLS."""
    try:
        parts = urlsplit(current)
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"not a valid web address ({exc})") from None
    if parts.scheme not in _DEFAULT_PORTS:
        raise FetchError(url, f"only http and https addresses are fetched, not {current!r}")
    name = parts.hostname or ""
    try:
        host = name.encode("idna").decode("ascii") if name and ":" not in name else name
    except UnicodeError:
        raise FetchError(url, f"not a valid host name: {name!r}") from None
    if not host:
        raise FetchError(url, f"no host name in {current!r}")
    port = port or _DEFAULT_PORTS[parts.scheme]
    address = policy.resolve(url, host, port)
    literal = f"[{address}]" if ":" in address else address
    path = parts.path or "/"
    target = f"{parts.scheme}://{literal}:{port}{path}" + (f"?{parts.query}" if parts.query else "")
    shown_host = f"[{host}]" if ":" in host else host
    host_header = shown_host if port == _DEFAULT_PORTS[parts.scheme] else f"{shown_host}:{port}"
    remaining = max(deadline - time.monotonic(), 0.001)
    request = client.build_request(
        "GET",
        target,
        headers={"Host": host_header},
        timeout=httpx.Timeout(min(timeout, remaining)),
    )
    if parts.scheme == "https":
        request.extensions["sni_hostname"] = host
    return request


def _read(
    url: str,
    final: str,
    response: httpx.Response,
    max_bytes: int,
    deadline: float,
    timeout: float,
) -> Capture:
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)
    decoder = BoundedDecoder(response.headers.get("content-encoding", ""), max_bytes, url)
    chunks: list[bytes] = []
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {timeout:g} s")
        chunks.append(decoder.feed(raw))
    chunks.append(decoder.flush())
    data = b"".join(chunks)
    content_type = response.headers.get("content-type")
    return Capture(
        data=data,
        sha256=sha256_hex(data),
        input=url,
        captured_at=datetime.now(UTC).replace(microsecond=0),
        url=final,
        content_type=content_type.split(";")[0].strip() if content_type else None,
        charset=response.charset_encoding,
        http_date=response.headers.get("date"),
        last_modified=response.headers.get("last-modified"),
        etag=response.headers.get("etag"),
    )


class _Inflater:
    """One ``gzip`` or ``deflate`` layer whose output is never more than asked for."""

    def __init__(self, encoding: str) -> None:
        self.gzip = encoding in ("gzip", "x-gzip")
        self.raw_tried = False
        self.engine = self._new()

    def _new(self, raw: bool = False) -> zlib._Decompress:
        if self.gzip:
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)

    def inflate(self, data: bytes, limit: int) -> tuple[bytes, bool]:
        """Inflate ``data`` into at most ``limit`` bytes; the flag says output was cut off."""
        try:
            out = self.engine.decompress(data, limit)
        except zlib.error:
            if self.gzip or self.raw_tried:
                raise
            self.raw_tried = True  # "deflate" is sent both with and without a zlib header
            self.engine = self._new(raw=True)
            out = self.engine.decompress(data, limit)
        self.raw_tried = True
        cut = bool(self.engine.unconsumed_tail)
        if self.gzip and self.engine.eof and self.engine.unused_data and not cut:
            rest = self.engine.unused_data  # another gzip member follows
            self.engine = self._new()
            more, cut = self.inflate(rest, limit - len(out))
            out += more
        return out, cut


class BoundedDecoder:
    """Undo a ``Content-Encoding`` chain, refusing once any layer passes ``max_bytes``."""

    def __init__(self, header: str, max_bytes: int, url: str) -> None:
        names = [part.strip().lower() for part in header.split(",") if part.strip()]
        names = [name for name in names if name != "identity"]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise FetchError(url, f"unsupported Content-Encoding {name!r}")
        self.layers = [_Inflater(name) for name in reversed(names)]  # last applied first
        self.totals = [0] * len(self.layers)
        self.output = 0
        self.max_bytes = max_bytes
        self.url = url

    def feed(self, data: bytes) -> bytes:
        """Decode the next raw chunk."""
        for index, layer in enumerate(self.layers):
            if not data:
                return b""
            limit = self.max_bytes + 1 - self.totals[index]
            try:
                data, cut = layer.inflate(data, max(limit, 1))
            except zlib.error as exc:
                raise FetchError(self.url, f"could not decode the response body ({exc})") from None
            self.totals[index] += len(data)
            if cut or self.totals[index] > self.max_bytes:
                raise _too_large(self.url, self.max_bytes)
        self.output += len(data)
        if self.output > self.max_bytes:
            raise _too_large(self.url, self.max_bytes)
        return data

    def flush(self) -> bytes:
        """Whatever the layers still hold at the end of the body."""
        return self.feed(b"") if not self.layers else b""


def _too_large(url: str, cap: int) -> TooLargeError:
    return TooLargeError(url, f"larger than the {cap:,}-byte limit (set STORYLINE_MAX_BYTES)")
