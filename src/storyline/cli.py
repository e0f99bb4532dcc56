"""The ``storyline`` command line: one thin function per command over the library.

Exit codes: 0 ok, 1 failed (some input or check failed), 2 bad usage or configuration.
The shared app and helpers live in :mod:`storyline.commands.common`; importing the command
modules here registers their commands on it.
"""

from __future__ import annotations

from storyline.commands import (  # noqa: F401  (imported to register their commands)
    audit,
    claims,
    codebooks,
    documents,
    events,
    extraction,
    feeds,
    imports,
    protect,
    publish,
    reprocess,
    stories,
    web,
)
from storyline.commands.common import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # ``python -m storyline.cli``
    main()
