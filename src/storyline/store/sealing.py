"""Encryption at rest for protected witnesses: a key kept outside the database.

Why a key file and not a column: someone who copies the database file (a backup, a stolen
laptop, a PostgreSQL dump) must not be able to read a protected name. The key lives in a
file of its own — ``$STORYLINE_KEY_FILE``, by default ``<data dir>.key`` beside the blob
folder — created with mode 0600 the first time something is sealed. Fernet (AES-128-CBC
with an HMAC-SHA256 tag, from the well-kept ``cryptography`` package) both hides and
authenticates each sealed text, so a tampered or foreign ciphertext fails loudly instead
of decrypting to garbage.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from storyline.errors import StoreError

#: Environment variable naming the key file (overrides the default location).
KEY_ENV = "STORYLINE_KEY_FILE"


class KeyMissingError(StoreError):
    """Sealed data exists but the key that opens it is not where it should be."""


def default_key_path(data_dir: Path) -> Path:
    """``<data dir>.key``: beside the blob folder, never inside the database."""
    return data_dir.parent / f"{data_dir.name}.key"


def key_path(data_dir: Path, explicit: Path | None = None) -> Path:
    """The key file: an explicit path, else ``$STORYLINE_KEY_FILE``, else the default."""
    if explicit is not None:
        return explicit.expanduser()
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_key_path(data_dir)


class Sealer:
    """Seals and opens protected texts with the key in one file (loaded on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fernet: Fernet | None = None

    def seal(self, plain: bytes) -> bytes:
        """Encrypt ``plain``, creating the key file (mode 0600) if there is none yet."""
        return self._key(create=True).encrypt(plain)

    def open(self, token: bytes) -> bytes:
        """Decrypt what :meth:`seal` made.

        Raises:
            KeyMissingError: the key file is missing.
            StoreError: the key does not open this text (another key, or tampering).
        """
        try:
            return self._key(create=False).decrypt(bytes(token))
        except InvalidToken:
            raise StoreError(
                f"{self.path}: this key does not open the protected texts "
                "(another store's key, or the data was altered)"
            ) from None

    def seal_text(self, plain: str) -> bytes:
        """:meth:`seal` for text (UTF-8)."""
        return self.seal(plain.encode("utf-8"))

    def open_text(self, token: bytes) -> str:
        """:meth:`open` for text (UTF-8)."""
        return self.open(token).decode("utf-8")

    def _key(self, *, create: bool) -> Fernet:
        if self._fernet is not None:
            return self._fernet
        if not self.path.exists():
            if not create:
                raise KeyMissingError(
                    f"{self.path}: the key for protected witnesses is missing; restore it "
                    f"(or set {KEY_ENV}) — without it protected texts cannot be shown"
                )
            self._create()
        try:
            self._fernet = Fernet(self.path.read_bytes().strip())
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path}: not a usable key file ({exc})") from None
        return self._fernet

    def _create(self) -> None:
        """Write a new key atomically, readable by the owner only."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key() + b"\n")
            # link() fails when another process created the key meanwhile: keep theirs.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
