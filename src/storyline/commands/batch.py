"""Run a batch of prepared inputs through extraction and storage and report it, the same
way for ``add``, ``import telegram``, ``import warc`` and ``poll``: a progress bar, one line
per input (or JSON), a summary line on standard error, exit 1 when an input failed."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from storyline.commands.common import (
    Output,
    audit_added,
    emit_json,
    err,
    out,
    progress,
    settings,
)
from storyline.pipeline import Outcome, Prepared, store_prepared
from storyline.store.db import Store
from storyline.workers import Limits

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool


@dataclass(frozen=True)
class BatchOptions:
    """How a batch command extracts and prints: its options, passed as one value."""

    extract: bool
    codebook: Codebook | None
    workers: int
    format: Output
    #: A Dask cluster that extracts instead of worker processes (``--scheduler``).
    pool: GroupPool | None = None


@contextmanager
def reporting(
    opened: Store, total: int, format: Output, *, label: str, via: str
) -> Iterator[Callable[[Outcome], None]]:
    """A progress bar over ``total`` inputs, and the callback that advances it, writes each
    added document to the audit log (``via``: what added it) and prints its line."""
    with progress(total) as bar:
        task = bar.add_task(label, total=total)

        def report(outcome: Outcome) -> None:
            bar.advance(task)
            audit_added(opened, outcome, via)
            if format is Output.table:
                print_outcome(outcome)

        yield report


def summary(outcomes: list[Outcome]) -> tuple[str, bool]:
    """ "N inputs: a added, d duplicate, f failed", and whether any failed."""
    counts = {
        s: sum(1 for o in outcomes if o.status == s) for s in ("added", "duplicate", "failed")
    }
    line = (
        f"{len(outcomes)} inputs: {counts['added']} added, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed"
    )
    return line, bool(counts["failed"])


def run_batch(
    opened: Store,
    prepared: Iterable[Outcome | Prepared],
    *,
    total: int,
    options: BatchOptions,
    notes: list[str] | None = None,
) -> list[Outcome]:
    """Store ``prepared`` in ``opened`` (``total`` of them, for the progress bar) and print
    the outcomes; ``notes`` are added to the summary line (e.g. "3 media-only posts
    skipped")."""
    with reporting(opened, total, options.format, label="storing", via="cli import") as report:
        outcomes = store_prepared(
            opened,
            prepared,
            extract=options.extract,
            codebook=options.codebook,
            on_outcome=report,
            workers=options.workers,
            pool=options.pool,
            limits=Limits.from_settings(settings()),
        )
    if options.format is Output.json:
        emit_json([o.as_json() for o in outcomes])
    line, failed = summary(outcomes)
    err.print("; ".join([line, *(notes or [])]), highlight=False)
    if failed:
        raise typer.Exit(1)
    return outcomes


def shown_input(text: str) -> str:
    """An input as printed: control characters (newlines, escape sequences) written as
    ``\\xNN``, so a file name or URL can neither split its outcome line nor drive the
    terminal."""
    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def print_outcome(outcome: Outcome) -> None:
    """One input's line: added (with a work-limit note), already stored, or its error on
    standard error; the input's name as :func:`shown_input` writes it."""
    name = shown_input(outcome.input)
    if outcome.status == "failed":
        err.print(f"error: {name}: {outcome.error}", highlight=False, markup=False)
    elif outcome.status == "duplicate":
        out.print(
            f"{name}: already stored as document {outcome.document} (no change)",
            highlight=False,
            markup=False,
        )
    else:
        note = f" ({outcome.note})" if outcome.note else ""
        out.print(
            f"{name}: added as document {outcome.document}{note}",
            highlight=False,
            markup=False,
        )
