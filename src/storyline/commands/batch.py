"""Run a batch of prepared inputs through extraction and storage and report it, the same
way for ``import telegram``, ``import warc`` and ``poll``: one line per input (or JSON),
a summary line on standard error, exit 1 when an input failed."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
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


def run_batch(
    opened: Store,
    prepared: Iterable[Outcome | Prepared],
    *,
    total: int,
    extract: bool,
    codebook: Codebook | None,
    workers: int,
    format: Output,
    notes: list[str] | None = None,
    pool: GroupPool | None = None,
) -> list[Outcome]:
    """Store ``prepared`` in ``opened`` (``total`` of them, for the progress bar) and print
    the outcomes.

    ``notes`` are added to the summary line (e.g. "3 media-only posts skipped"); ``pool``
    (a Dask cluster) extracts when given.
    """
    with progress(total) as bar:
        task = bar.add_task("storing", total=total)

        def report(outcome: Outcome) -> None:
            bar.advance(task)
            audit_added(opened, outcome, "cli import")
            if format is Output.table:
                print_outcome(outcome)

        outcomes = store_prepared(
            opened,
            prepared,
            extract=extract,
            codebook=codebook,
            on_outcome=report,
            workers=workers,
            pool=pool,
            limits=Limits.from_settings(settings()),
        )
    if format is Output.json:
        emit_json([o.as_json() for o in outcomes])
    counts = {
        s: sum(1 for o in outcomes if o.status == s) for s in ("added", "duplicate", "failed")
    }
    summary = (
        f"{len(outcomes)} inputs: {counts['added']} added, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed"
    )
    err.print("; ".join([summary, *(notes or [])]), highlight=False)
    if counts["failed"]:
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
