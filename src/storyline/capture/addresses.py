"""Which network addresses a download may connect to, decided once per hop.

Why here and not in the web app: a check made before the download and a connection made by
the HTTP client are two look-ups of the same name, and a name can answer a public address
to the first and ``127.0.0.1`` to the second (DNS rebinding). So :mod:`storyline.capture.http`
resolves each host once through :meth:`AddressPolicy.resolve`, which checks *every* address
the name has, and then connects to the checked address itself — for the first request and
for every redirect.

Addresses that smuggle an IPv4 address inside IPv6 (``::ffff:127.0.0.1``, the deprecated
``::127.0.0.1``, NAT64 ``64:ff9b::7f00:1``, 6to4 ``2002:7f00:1::``, Teredo) are judged by
the IPv4 address inside as well. Odd spellings of IPv4 (``0177.0.0.1``, ``2130706433``,
``0x7f.1``) need no rule of their own: they are judged by what they resolve to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside an IPv6 address (mapped, compatible, NAT64, 6to4, Teredo)."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast, and so is every IPv4 address carried inside it."""
    for candidate in (address, *embedded_ipv4(address)):
        if not candidate.is_global or candidate.is_multicast or candidate.is_unspecified:
            return False
    return True


@dataclass(frozen=True)
class AddressPolicy:
    """How hosts are resolved and which of their addresses may be contacted.

    Attributes:
        public_only: refuse a host when *any* of its addresses is not public (a team
            server); off on a researcher's own machine, where fetching a page served on
            the intranet or on localhost is legitimate.
        allow: networks (``"127.0.0.1/32"``) allowed even when ``public_only`` is on; the
            tests use it to serve "public" pages from 127.0.0.1.
        resolver: name → addresses; injectable so tests can play a rebinding DNS server.
    """

    public_only: bool = False
    allow: tuple[str, ...] = ()
    resolver: Resolver = field(default=system_resolver)

    def permits(self, address: IPAddress) -> bool:
        """Whether a connection to ``address`` is allowed."""
        if not self.public_only:
            return True
        if any(address in ipaddress.ip_network(net) for net in self.allow):
            return True
        return is_public(address)

    def resolve(self, url: str, host: str, port: int) -> str:
        """Resolve ``host`` once, check every address, return the one to connect to.

        Raises:
            FetchError: the name does not resolve, or one of its addresses is not allowed.
        """
        try:
            answers = list(self.resolver(host, port))
        except (OSError, UnicodeError, ValueError):
            raise FetchError(url, f"cannot resolve the host {host!r}") from None
        addresses: list[IPAddress] = []
        for answer in answers:
            try:
                addresses.append(ipaddress.ip_address(answer))
            except ValueError:
                raise FetchError(url, f"cannot resolve the host {host!r}") from None
        if not addresses:
            raise FetchError(url, f"cannot resolve the host {host!r}")
        for address in addresses:
            if not self.permits(address):
                raise FetchError(
                    url,
                    f"{host} is a private or local address; this server fetches public pages only",
                )
        return str(addresses[0])
