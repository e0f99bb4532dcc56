"""Fetch http(s) URLs with httpx: timeouts, a redirect limit, a size cap, a clear User-Agent.

The size cap is applied to the *decoded* body while it streams in, so a small gzip bomb
that would inflate to gigabytes is stopped as soon as it passes the cap. The transport is
injectable (``transport=``) so the client can be exercised without the network; the test
suite uses a real server on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from storyline.capture.hashing import sha256_hex
from storyline.errors import FetchError, TooLargeError
from storyline.model import Capture


class NotModified(Exception):
    """The server answered 304: nothing changed since the validators the caller sent."""


def is_url(text: str) -> bool:
    """True for ``http://`` and ``https://`` addresses (the only schemes fetched)."""
    return urlsplit(text).scheme in {"http", "https"} and bool(urlsplit(text).netloc)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    max_redirects: int,
    user_agent: str,
    transport: httpx.BaseTransport | None = None,
    validators: Mapping[str, str] | None = None,
) -> Capture:
    """Download ``url`` and return its bytes with the headers that matter.

    ``validators`` are conditional request headers (``If-None-Match``,
    ``If-Modified-Since``) from an earlier answer; feeds are polled this way.

    Raises:
        NotModified: the server answered 304 to the ``validators``.
        FetchError: timeout, connection failure, error status or a redirect loop.
        TooLargeError: the (decompressed) body passes ``max_bytes``.
    """
    headers = {"User-Agent": user_agent, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    headers.update(validators or {})
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=max_redirects,
                timeout=timeout,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code == 304 and validators:
                raise NotModified(url)
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise _too_large(url, max_bytes)
                chunks.append(chunk)
            data = b"".join(chunks)
            content_type = response.headers.get("content-type")
            return Capture(
                data=data,
                sha256=sha256_hex(data),
                input=url,
                captured_at=datetime.now(UTC).replace(microsecond=0),
                url=str(response.url),
                content_type=content_type.split(";")[0].strip() if content_type else None,
                charset=response.charset_encoding,
                http_date=response.headers.get("date"),
                last_modified=response.headers.get("last-modified"),
                etag=response.headers.get("etag"),
            )
    except httpx.TooManyRedirects:
        raise FetchError(url, f"too many redirects (more than {max_redirects})") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.DecodingError as exc:
        raise FetchError(url, f"could not decode the response body ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"download failed ({exc.__class__.__name__}: {exc})") from None


def _too_large(url: str, cap: int) -> TooLargeError:
    return TooLargeError(url, f"larger than the {cap:,}-byte limit (set STORYLINE_MAX_BYTES)")
