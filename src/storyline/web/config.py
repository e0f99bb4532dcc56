"""Options of one running web app (how it is served), apart from the storage settings.

Why separate from :class:`storyline.settings.Settings`: these describe the *server*
(where it listens, whether cookies need HTTPS), which only ``storyline serve`` and tests
decide, while ``Settings`` describes the record and ingestion that every command shares.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Host names a browser uses for this machine; in local mode any other Host header is
#: refused, so a web page cannot reach the app through DNS rebinding.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class WebOptions:
    """How the app is served.

    Attributes:
        local: the server listens on a loopback address only. Then, while the store has no
            accounts, whoever opens the page acts as the local admin (single-user mode),
            requests must name a loopback host, and "add by URL" may fetch private
            addresses. Off for a team server.
        secure_cookies: mark cookies ``Secure`` (HTTPS only). Browsers also accept them on
            ``http://127.0.0.1`` and ``http://localhost``; turn this off only for a team
            server on plain HTTP inside a trusted network.
        page_size: rows per page of the lists (the API takes ``limit``).
        threads: how many requests a process works on at once (the rest wait their turn).
            Handlers are CPU-bound Python holding the GIL between short queries, so many
            threads only interleave requests and stretch each one. Measured with
            ``benchmarks/web.py`` (20 clients, 2 busy cores): 4 threads against
            Starlette's default 40 took the p95 of the documents list from 419 to 280 ms
            and of a document page from 445 to 303 ms.
    """

    local: bool = True
    secure_cookies: bool = True
    page_size: int = 50
    threads: int = 4


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address, optionally ``[::1]``) is this machine only."""
    name = host.strip().lower()
    if name in LOOPBACK_HOSTS:
        return True
    return name.startswith("127.") and name.replace(".", "").isdigit()
