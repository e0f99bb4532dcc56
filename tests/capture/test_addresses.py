"""Which addresses a team server may fetch from: every spelling of a private address is caught."""

from __future__ import annotations

import ipaddress

import pytest

from storyline.capture.addresses import AddressPolicy, is_public
from storyline.capture.http import fetch
from storyline.errors import FetchError

LIMITS = {"max_bytes": 1_000_000, "timeout": 2.0, "max_redirects": 3, "user_agent": "test/1"}
PUBLIC_ONLY = AddressPolicy(public_only=True)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "::",
        "::127.0.0.1",  # IPv4-compatible (deprecated) form
        "::ffff:127.0.0.1",  # IPv4-mapped
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "fe80::1",
        "fc00::1",
        "224.0.0.1",
    ],
)
def test_private_and_smuggled_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://0177.0.0.1:9/x",  # octal
        "http://2130706433:9/x",  # decimal
        "http://0x7f.0.0.1:9/x",  # hex
        "http://[::127.0.0.1]:9/x",
        "http://[::ffff:127.0.0.1]:9/x",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[2002:7f00:1::]:9/x",
        "http://localhost:9/x",
    ],
)
def test_a_public_only_fetch_refuses_every_spelling_of_a_local_address(url: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch(url, **LIMITS, policy=PUBLIC_ONLY)


def test_a_name_is_refused_when_any_of_its_addresses_is_private() -> None:
    policy = AddressPolicy(
        public_only=True, resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"]
    )
    with pytest.raises(FetchError, match="private or local address"):
        fetch("http://mixed.example/x", **LIMITS, policy=policy)
