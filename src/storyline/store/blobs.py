"""Content-addressed blob store for raw captures: ``<data_dir>/ab/cd/<sha256>``.

Blobs are written atomically (temporary file, then rename) so an interrupted write never
leaves a half blob under a valid name, and ``storyline verify`` can re-hash every blob
against its name. The capture of a report with a protected witness is sealed (encrypted
with the key of :mod:`storyline.store.sealing`) into ``<sha256>.sealed`` and the plain file
removed; reads and re-hashes open it transparently.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.store.sealing import Sealer

#: Suffix of a blob encrypted because its report names a protected witness.
SEALED = ".sealed"


class BlobStore:
    """Raw bytes by SHA-256 under one directory."""

    def __init__(self, root: Path, sealer: Sealer | None = None) -> None:
        self.root = root
        self.sealer = sealer

    def path(self, sha256: str) -> Path:
        """Where the blob with this digest lives (two levels of fan-out)."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> bool:
        """Store ``data`` under ``sha256``; return False when it was already there."""
        target = self.path(sha256)
        if target.exists() or self.is_sealed(sha256):
            return False
        self._write(target, data)
        return True

    def _write(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def sealed_path(self, sha256: str) -> Path:
        """Where the encrypted form of a blob lives."""
        return self.path(sha256).with_name(sha256 + SEALED)

    def is_sealed(self, sha256: str) -> bool:
        """Whether the blob is kept encrypted."""
        return self.sealed_path(sha256).exists()

    def seal(self, sha256: str) -> None:
        """Encrypt a blob in place (its plain file is removed once the sealed one exists)."""
        plain = self.path(sha256)
        if self.sealer is None or not plain.exists():
            return
        self._write(self.sealed_path(sha256), self.sealer.seal(plain.read_bytes()))
        plain.unlink()

    def unseal(self, sha256: str) -> None:
        """Decrypt a sealed blob back to its plain file (its witness is no longer protected)."""
        if not self.is_sealed(sha256):
            return
        self._write(self.path(sha256), self.get(sha256))
        self.sealed_path(sha256).unlink()

    def get(self, sha256: str) -> bytes:
        """The stored bytes, decrypted if sealed (``FileNotFoundError`` when missing)."""
        sealed = self.sealed_path(sha256)
        if sealed.exists() and self.sealer is not None:
            return self.sealer.open(sealed.read_bytes())
        return self.path(sha256).read_bytes()

    def remove(self, sha256: str) -> None:
        """Delete a blob (used to undo a write whose database transaction failed)."""
        self.path(sha256).unlink(missing_ok=True)
        self.sealed_path(sha256).unlink(missing_ok=True)

    def rehash(self, sha256: str) -> str | None:
        """SHA-256 of the stored file, streamed; ``None`` when the file is missing."""
        path = self.path(sha256)
        if not path.exists():
            if self.is_sealed(sha256) and self.sealer is not None:
                return hashlib.sha256(self.get(sha256)).hexdigest()
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
