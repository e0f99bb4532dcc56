"""Poll feeds: new items' reports go through the normal pipeline, each feed's state is kept.

One poll of many feeds: each feed is fetched with the validators of its last answer
(:mod:`storyline.capture.feeds`); the links of items not seen before, from every feed, are
then captured, parsed, extracted and stored as one batch (:func:`storyline.pipeline.ingest`,
so ``--workers`` applies across feeds), oldest item first. An item is marked seen only once
its report is stored (``added`` or ``duplicate``), so a poll killed half way, or a link that
timed out, is tried again by the next poll; nothing is stored twice (captures are unique by
content). Between two downloads of reports the poll waits ``delay`` seconds, to stay polite
to the outlets.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.capture.feeds import FeedItem, fetch_feed
from storyline.errors import StorylineError
from storyline.parse import ParseOptions
from storyline.pipeline import Outcome, ingest
from storyline.settings import Settings
from storyline.store import feeds as feed_store
from storyline.store.db import Store

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool


@dataclass
class FeedReport:
    """What one poll did for one feed."""

    url: str
    status: str = ""
    new: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        """The ``storyline poll --format json`` object for this feed."""
        return {
            "feed": self.url,
            "status": self.status,
            "new": self.new,
            "error": self.error,
            "outcomes": [o.as_json() for o in self.outcomes],
        }


def poll(
    store: Store,
    urls: list[str],
    settings: Settings,
    *,
    extract: bool = True,
    codebook: Codebook | None = None,
    workers: int = 1,
    delay: float = 1.0,
    on_outcome: Callable[[Outcome], None] | None = None,
    pool: GroupPool | None = None,
) -> list[FeedReport]:
    """Poll every feed once and store the reports of their new items (extracted by ``pool``,
    a Dask cluster, when given)."""
    reports: list[FeedReport] = []
    pending: list[tuple[FeedReport, int, FeedItem]] = []
    for url in urls:
        report = FeedReport(url)
        reports.append(report)
        state = feed_store.feed_state(store, url)
        try:
            answer = fetch_feed(url, settings, etag=state.etag, last_modified=state.last_modified)
        except StorylineError as exc:
            report.status, report.error = "failed", str(exc)
            feed_store.record_poll(store, state.id, status=str(exc), keep_validators=True)
            continue
        if answer.items is None:
            report.status = "not modified"
            feed_store.record_poll(store, state.id, status="304 not modified", keep_validators=True)
            continue
        fresh = feed_store.unseen(store, state.id, (item.key for item in answer.items))
        # Feeds list the newest first; store the oldest first, and each item once.
        new_items = list({i.key: i for i in reversed(answer.items) if i.key in fresh}.values())
        report.status, report.new = "ok", len(new_items)
        for item in new_items:
            if item.link:
                pending.append((report, state.id, item))
            else:  # nothing to fetch: remembered so it is not reconsidered every poll
                feed_store.mark_seen(store, state.id, item.key, None, None)
        feed_store.record_poll(
            store,
            state.id,
            status=f"{len(new_items)} new item(s)",
            title=answer.title,
            etag=answer.etag,
            last_modified=answer.last_modified,
        )
    if not pending:
        return reports

    def links() -> Iterator[str]:
        for number, (_report, _feed, item) in enumerate(pending):
            if number and delay > 0:
                time.sleep(delay)
            assert item.link is not None
            yield item.link

    done = iter(pending)

    def stored(outcome: Outcome) -> None:
        report, feed_id, item = next(done)  # outcomes come back in input order
        report.outcomes.append(outcome)
        if outcome.status != "failed":  # marked as soon as stored: a killed poll loses nothing
            feed_store.mark_seen(store, feed_id, item.key, item.link, outcome.document)
        if on_outcome:
            on_outcome(outcome)

    ingest(
        store,
        links(),
        settings,
        ParseOptions(),
        extract=extract,
        codebook=codebook,
        on_outcome=stored,
        workers=workers,
        pool=pool,
    )
    return reports
