"""Fixtures for the reprint tests: the fictional story texts and ways to copy them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

STORIES = Path(__file__).parent.parent / "fixtures" / "stories"


@pytest.fixture
def article() -> Callable[[str], str]:
    """The text of a story fixture: headline, blank line, paragraphs."""
    return lambda name: (STORIES / f"{name}.txt").read_text(encoding="utf-8").strip()


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _cut(text: str, share: float) -> str:
    """The headline and the first ``share`` of the body's words (a truncated repost)."""
    title, body = text.split("\n\n", 1)
    tokens = body.split(" ")
    return f"{title}\n\n" + " ".join(tokens[: int(len(tokens) * share)])


def _rewrap(text: str, width: int = 60) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in _paragraphs(text))


def _retag(text: str) -> str:
    return (
        text.replace(". ", ". #news ", 1)
        + "\n\nShare this:\n\nPorts,Labour,Strikes, #Strike #Calder\n\nLeave a Reply"
    )


def _edit(text: str) -> str:
    """A new headline and a few words changed (light copy-editing)."""
    paragraphs = _paragraphs(text)
    paragraphs[0] = "UPDATED: " + paragraphs[0]
    body = "\n\n".join(paragraphs[1:])
    for old, new in (("said", "stated"), ("about", "around"), ("the ", "a ")):
        body = body.replace(old, new, 2)
    return paragraphs[0] + "\n\n" + body


def _quote(text: str, around: str) -> str:
    """Three paragraphs of ``text`` inside the first and last paragraphs of ``around``."""
    own = _paragraphs(around)
    quoted = _paragraphs(text)[1:4]
    return "\n\n".join(["Commentary", own[1], "As reported:", *quoted, own[-1]])


@pytest.fixture
def copies() -> SimpleNamespace:
    """Ways a reposter changes a report: cut, rewrap, retag, edit, quote."""
    return SimpleNamespace(cut=_cut, rewrap=_rewrap, retag=_retag, edit=_edit, quote=_quote)
