"""Content hashing: the SHA-256 hex digest is the address of every stored capture."""

from __future__ import annotations

import hashlib


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data`` (the blob name and the duplicate key)."""
    return hashlib.sha256(data).hexdigest()
