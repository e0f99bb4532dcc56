"""Exceptions Storyline raises, and what the command line does with them.

Every error a user can cause is a :class:`StorylineError` with a one-line message that names
the input and the reason; the CLI prints that line and exits with the error's ``exit_code``::

    StorylineError                  exit 1
    ├── InputError                  a report could not be captured or parsed
    │   ├── NotFoundError           a path that does not exist
    │   ├── TooLargeError           bigger than the configured cap
    │   ├── EmptyInputError         no bytes, or no text after parsing
    │   ├── NotTextError            binary data (an image, an archive…)
    │   ├── NoArticleError          HTML with no article text in it
    │   ├── CharsetError            bytes that no known charset decodes
    │   └── FetchError              a URL that timed out, failed or redirected forever
    ├── StoreError                  the database refused or is missing
    ├── NotFoundInStoreError        no document with that id
    ├── ConfigError                 bad settings or a missing model (exit 2)
    ├── CodebookError               a codebook file with problems, each at a line
    ├── AccountError                a bad user name, role, password or token; a refused login
    └── ReviewError                 a review decision that cannot apply (bad field, wrong state)
"""

from __future__ import annotations

import errno


class StorylineError(Exception):
    """Base class: a failure with a message fit to show a user as one line."""

    exit_code = 1


class InputError(StorylineError):
    """A report could not be captured or parsed; ``input`` names it."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class NotFoundError(InputError):
    """A path that does not exist."""


class TooLargeError(InputError):
    """An input above the configured size cap (checked before reading it all)."""


class EmptyInputError(InputError):
    """No bytes at all, or nothing left after parsing."""


class NotTextError(InputError):
    """Binary data such as an image or an archive."""


class NoArticleError(InputError):
    """An HTML page in which no article text was found."""


class CharsetError(InputError):
    """Bytes that no declared or detected character set decodes."""


class FetchError(InputError):
    """A URL that timed out, returned an error status, or redirected too often."""


class FilterError(StorylineError):
    """A filter value the store cannot search with (e.g. longer than any name it holds)."""


class StoreError(StorylineError):
    """The database could not be opened, migrated or written."""


class NotFoundInStoreError(StorylineError):
    """No stored record with the id the user gave."""


class ConfigError(StorylineError):
    """Bad settings, a bad codebook, or a missing model package."""

    exit_code = 2


class CodebookError(StorylineError):
    """A codebook that cannot be used; ``problems`` are ``file:line: message`` lines.

    The message (``str``) is the first problem plus how many more there are, so the CLI's
    one-line rule holds; ``storyline codebook check`` prints every problem.
    """

    def __init__(self, problems: list[str]) -> None:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)
        self.problems = problems


class AccountError(StorylineError):
    """A bad user name, role, password or token, or a web server that must not start yet."""


class ReviewError(StorylineError):
    """A review decision that cannot apply: an unknown field, a bad date, a missing event."""


def describe_failure(exc: BaseException) -> str:
    """One line saying why an input failed, for any exception a stage may raise.

    Why: a batch records every input's outcome, so even an error no stage foresaw (a bug,
    a full disk, memory running out) must become a readable line, not a traceback that
    ends the batch.
    """
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, StorylineError):
        return _one_line(str(exc))
    full = disk_full(exc)
    if full:
        return full
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"cannot read or write a file{where}: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "ran out of memory while processing it"
    if isinstance(exc, RecursionError):
        return "too deeply nested to process"
    return f"unexpected error ({exc.__class__.__name__}: {_one_line(str(exc))})"


#: How every disk-full message starts (the web app answers these with 507, not 400).
DISK_FULL = "disk full: "

#: PostgreSQL's SQLSTATE for ``disk_full`` ("could not extend file …: No space left").
_PG_DISK_FULL = "53100"
#: SQLite's result code SQLITE_FULL ("database or disk is full").
_SQLITE_FULL = 13


def disk_full(exc: BaseException) -> str | None:
    """A one-line ``disk full: …`` message when ``exc`` says the disk or database is full.

    Why one place: a full disk reaches us as an ``OSError`` (blob files), as SQLite's
    SQLITE_FULL (the database file or its journal could not grow, or ``max_page_count`` was
    reached) or as PostgreSQL's ``DiskFull`` (the server's disk) — the last two wrapped by
    SQLAlchemy. Each is a rolled-back transaction, so nothing is half-written; the user
    must hear *disk full*, not a driver's exception name. Duck-typed (``orig``,
    ``sqlite_errorcode``, ``sqlstate``) so this module imports no driver.
    """
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT):
        where = f" for {original.filename}" if original.filename else ""
        return (
            f"{DISK_FULL}no space left on the device{where} "
            "(nothing was written: free some space, then run it again)"
        )
    text = str(original)
    if getattr(original, "sqlite_errorcode", None) == _SQLITE_FULL or (
        original.__class__.__module__.startswith("sqlite3") and "disk is full" in text
    ):
        return (
            f"{DISK_FULL}the SQLite database cannot grow ({_one_line(text)}); the change was "
            "rolled back: free some space, then run it again"
        )
    if getattr(original, "sqlstate", None) == _PG_DISK_FULL or "could not extend file" in text:
        return (
            f"{DISK_FULL}the PostgreSQL server has no space left ({_one_line(text)}); the "
            "change was rolled back: free space on the server, then run it again"
        )
    return None


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:300] if lines else ""
