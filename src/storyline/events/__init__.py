"""Events: codebooks of event types, and the assemble stage that builds events from mentions.

``load_codebook`` reads and checks a codebook (built-in name or YAML path);
``assemble`` turns one parsed chunk and its mentions into :class:`storyline.model.Event`
records. See docs/codebooks.md for the format and docs/architecture.md for the stage.
"""

from __future__ import annotations

from functools import lru_cache

from storyline.events.assemble import assemble, drop_retold, link_mentions
from storyline.events.codebook import BUILTIN, DEFAULT, Codebook, load_codebook

#: Versioned name of the assembler, stored with every event.
VERSION = "events/1"

__all__ = [
    "BUILTIN",
    "DEFAULT",
    "VERSION",
    "Codebook",
    "assemble",
    "default_codebook",
    "drop_retold",
    "link_mentions",
    "load_codebook",
]


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The built-in default codebook, read once."""
    return load_codebook(None)
