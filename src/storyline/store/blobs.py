"""Content-addressed blob store for raw captures: ``<data_dir>/ab/cd/<sha256>``.

Blobs are written atomically (temporary file, then rename) so an interrupted write never
leaves a half blob under a valid name, and ``storyline verify`` can re-hash every blob
against its name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    """Raw bytes by SHA-256 under one directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the blob with this digest lives (two levels of fan-out)."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> bool:
        """Store ``data`` under ``sha256``; return False when it was already there."""
        target = self.path(sha256)
        if target.exists():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def get(self, sha256: str) -> bytes:
        """The stored bytes (``FileNotFoundError`` when missing)."""
        return self.path(sha256).read_bytes()

    def remove(self, sha256: str) -> None:
        """Delete a blob (used to undo a write whose database transaction failed)."""
        self.path(sha256).unlink(missing_ok=True)

    def rehash(self, sha256: str) -> str | None:
        """SHA-256 of the stored file, streamed; ``None`` when the file is missing."""
        path = self.path(sha256)
        if not path.exists():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
