"""``storyline poll`` (one pass, for cron) and ``storyline watch`` (a loop): follow feeds."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.commands.batch import print_outcome
from storyline.commands.codebooks import CODEBOOK_OPTION, codebook_from_option
from storyline.commands.common import (
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    Output,
    app,
    audit_added,
    cluster_pool,
    emit_json,
    err,
    out,
    print_table,
    settings,
    store,
)
from storyline.pipeline import Outcome
from storyline.polling import FeedReport, poll
from storyline.store.db import Store

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool

#: The shortest interval ``watch`` accepts: feeds are other people's servers.
MIN_EVERY_SECONDS = 60
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

_FEEDS = typer.Argument(help="RSS or Atom feed URLs.")
_EXTRACT = typer.Option("--extract/--no-extract", help="Also extract mentions and events.")
_DELAY = typer.Option(min=0, help="Seconds to wait between two report downloads (politeness).")
_FORMAT = typer.Option("--format", help="table or json.")


@app.command("poll")
def poll_command(
    feeds: Annotated[list[str], _FEEDS],
    extract: Annotated[bool, _EXTRACT] = True,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    delay: Annotated[float, _DELAY] = 1.0,
    format: Annotated[Output, _FORMAT] = Output.table,
) -> None:
    """Poll feeds once and add the reports their new items link to (for cron). Each feed's
    state (items seen, ETag, Last-Modified) is kept in the store, so the next poll adds only
    what is new; an unchanged feed costs one conditional request.

    Example (crontab, every 15 minutes):
    */15 * * * * storyline --db postgresql://… poll https://example.org/feed.xml
    """
    book = codebook_from_option(codebook)
    with cluster_pool(scheduler, workers, book) as pool:
        reports = _poll_once(store(), feeds, extract, book, workers, delay, format, pool)
    if format is Output.json:
        emit_json([r.as_json() for r in reports])
    if any(r.error or any(o.status == "failed" for o in r.outcomes) for r in reports):
        raise typer.Exit(1)


@app.command("watch")
def watch(
    feeds: Annotated[list[str], _FEEDS],
    every: Annotated[
        str, typer.Option(help="Interval between polls: 90s, 15m, 1h (at least 1m).")
    ] = "15m",
    times: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many polls (default: never).")
    ] = None,
    extract: Annotated[bool, _EXTRACT] = True,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    delay: Annotated[float, _DELAY] = 1.0,
) -> None:
    """Poll feeds again and again, every ``--every``, adding new items' reports (Ctrl-C
    stops it; a failed poll is reported and the loop goes on).

    Example: storyline watch https://example.org/feed.xml https://other.example/rss --every 15m
    """
    seconds = parse_interval(every)
    book = codebook_from_option(codebook)
    with cluster_pool(scheduler, workers, book) as pool:
        opened = store()
        done = 0
        while True:
            started = time.monotonic()
            _poll_once(opened, feeds, extract, book, workers, delay, Output.table, pool)
            done += 1
            if times is not None and done >= times:
                return
            time.sleep(max(0.0, seconds - (time.monotonic() - started)))


@app.command("feeds")
def feeds_command(
    format: Annotated[Output, _FORMAT] = Output.table,
) -> None:
    """List the feeds polled into this store: title, last poll and its result, items seen
    and reports stored.

    Example: storyline feeds
    """
    from storyline.store.feeds import list_feeds

    rows = list_feeds(store())
    header = ["feed", "title", "polled", "last result", "items seen", "stored"]
    table = [
        [
            r.url,
            r.title,
            r.polled_at.strftime("%Y-%m-%d %H:%M") if r.polled_at else "never",
            r.status,
            r.items,
            r.documents,
        ]
        for r in rows
    ]
    if format is Output.json:
        emit_json([dict(zip(header, row, strict=True)) for row in table])
    elif not table:
        out.print("no feeds yet: storyline poll FEED_URL")
    else:
        print_table(None, header, table)


def parse_interval(text: str) -> float:
    """``90s``, ``15m``, ``1h``, ``1d`` (or plain seconds) → seconds; at least one minute."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match:
        raise typer.BadParameter(f"{text!r} is not an interval like 15m", param_hint="--every")
    seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds < MIN_EVERY_SECONDS:
        raise typer.BadParameter(
            f"{text!r} is shorter than one minute: be polite to the feeds' servers",
            param_hint="--every",
        )
    return seconds


def _poll_once(
    opened: Store,
    feeds: list[str],
    extract: bool,
    codebook: Codebook | None,
    workers: int,
    delay: float,
    format: Output,
    pool: GroupPool | None,
) -> list[FeedReport]:
    def report(outcome: Outcome) -> None:
        audit_added(opened, outcome, "feed")
        if format is Output.table:
            print_outcome(outcome)

    reports = poll(
        opened,
        feeds,
        settings(),
        extract=extract,
        codebook=codebook,
        workers=workers,
        delay=delay,
        on_outcome=report,
        pool=pool,
    )
    for feed in reports:
        if feed.error:
            err.print(f"error: {feed.error}", highlight=False, markup=False)
            continue
        added = sum(1 for o in feed.outcomes if o.status == "added")
        failed = sum(1 for o in feed.outcomes if o.status == "failed")
        err.print(
            f"{feed.url}: {feed.status}, {feed.new} new item(s): {added} added, {failed} failed",
            highlight=False,
            markup=False,
        )
    return reports
