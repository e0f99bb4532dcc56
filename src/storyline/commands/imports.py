"""``storyline import telegram|warc``: bring in what monitoring tools export, many reports at
a time, through the same extraction and storage as ``add``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.commands.batch import BatchOptions, run_batch
from storyline.commands.codebooks import CODEBOOK_OPTION, codebook_from_option
from storyline.commands.common import (
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    Output,
    app,
    cluster_pool,
    settings,
    store,
)
from storyline.pipeline import Outcome, Prepared, find_prepared
from storyline.store.db import Store

if TYPE_CHECKING:
    from storyline.capture.telegram import Export
    from storyline.capture.warc import ArchiveContents

import_app = typer.Typer(
    help="Import channel exports and web archives: each post or page becomes a document.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

_EXTRACT = typer.Option("--extract/--no-extract", help="Also extract mentions and events.")
_FORMAT = typer.Option("--format", help="table or json.")


@import_app.command("telegram")
def telegram(
    export: Annotated[
        Path, typer.Argument(help="Telegram Desktop's JSON export: result.json or its folder.")
    ],
    username: Annotated[
        str | None,
        typer.Option(help="The channel's public @username, for t.me links to each post."),
    ] = None,
    extract: Annotated[bool, _EXTRACT] = True,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    format: Annotated[Output, _FORMAT] = Output.table,
) -> None:
    """Import a Telegram channel export: each post with text becomes a document (channel as
    outlet, post date as published date, "forwarded from" as a credit); media-only posts
    are skipped and counted. Importing the same export again adds nothing.

    Example: storyline import telegram ChatExport/result.json --username calderwatch
    """
    from storyline.capture.telegram import read_export

    book = codebook_from_option(codebook)
    read = read_export(export, settings().max_export_bytes, username=username)
    with cluster_pool(scheduler, workers, book) as pool:
        options = BatchOptions(extract, book, workers, format, pool)
        _telegram_batch(store(), export, read, options)


def _telegram_batch(opened: Store, export: Path, read: Export, options: BatchOptions) -> None:
    """Store the export's posts (the store is open, the cluster connected when asked for)."""
    from storyline.capture.telegram import VERSION, post_capture, post_document

    def prepared() -> Iterator[Outcome | Prepared]:
        for post in read.posts:
            captured = post_capture(export, post)
            document = post_document(post, captured)
            yield find_prepared(opened, captured.input, captured, document, VERSION)

    notes = [f"{read.media_only} media-only post(s) skipped"]
    if read.service:
        notes.append(f"{read.service} service message(s) skipped")
    run_batch(opened, prepared(), total=len(read.posts), options=options, notes=notes)


@import_app.command("warc")
def warc(
    archive: Annotated[Path, typer.Argument(help="A WARC (.warc, .warc.gz) or WACZ file.")],
    extract: Annotated[bool, _EXTRACT] = True,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    format: Annotated[Output, _FORMAT] = Output.table,
) -> None:
    """Import a web archive (Browsertrix, ArchiveBox, auto-archiver): each HTML response is a
    capture of its target URI at its WARC-Date, its payload digest checked; the archive is
    referenced (path and offset), not copied. Importing it again adds nothing.

    Example: storyline import warc crawl-2024-06.warc.gz
    """
    from storyline.capture.warc import read_archive

    book = codebook_from_option(codebook)
    contents = read_archive(archive, settings().max_bytes)
    with cluster_pool(scheduler, workers, book) as pool:
        options = BatchOptions(extract, book, workers, format, pool)
        _warc_batch(store(), contents, options)


def _warc_batch(opened: Store, contents: ArchiveContents, options: BatchOptions) -> None:
    """Parse and store the archive's pages (the store is open, the cluster connected)."""
    from storyline import parse as parse_stage
    from storyline.errors import InputError, StorylineError

    def prepared() -> Iterator[Outcome | Prepared]:
        for record in contents.records:
            if record.capture is None:
                yield Outcome(record.input, "failed", error=record.problem)
                continue
            try:
                document = parse_stage.parse(record.capture)
            except InputError as exc:
                yield Outcome(record.input, "failed", error=exc.reason)
                continue
            except StorylineError as exc:
                yield Outcome(record.input, "failed", error=str(exc))
                continue
            yield find_prepared(opened, record.input, record.capture, document, parse_stage.VERSION)

    notes = [f"{count} record(s) skipped: {why}" for why, count in contents.skipped.items()]
    run_batch(opened, prepared(), total=len(contents.records), options=options, notes=notes)
