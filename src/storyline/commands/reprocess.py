"""``storyline reprocess``: re-extract stored documents made by older extractors or codebooks."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.commands.codebooks import CODEBOOK_OPTION, codebook_from_option
from storyline.commands.common import (
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    Output,
    app,
    audit,
    cluster_pool,
    emit_json,
    err,
    out,
    print_table,
    progress,
    settings,
    store,
)
from storyline.store.db import Store
from storyline.workers import Limits


@app.command("reprocess")
def reprocess_command(
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Re-extract at most this many documents now.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count the documents that are stale.")
    ] = False,
    flagged: Annotated[
        bool,
        typer.Option("--flagged", help="List reviewed events flagged for re-review only."),
    ] = False,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Re-extract stored documents whose extractor or codebook version is older than the
    current one, oldest first, each in its own transaction (stop it any time; the next run
    goes on). Events people reviewed are kept with their review, or flagged for re-review
    when the new extraction changed their evidence: never dropped. A document over the
    per-input work limit gets its own error line and is kept as it was; the run goes on
    (exit status 1).

    Examples: storyline reprocess --dry-run; storyline reprocess --workers 2 --limit 1000;
    storyline reprocess --scheduler tcp://host:8786; storyline reprocess --flagged
    """
    from storyline.reprocessing import reprocess, stale

    book = codebook_from_option(codebook)
    if flagged:
        _print_flagged(store(), format)
        return
    if dry_run:
        count = len(stale(store(), book))
        if format is Output.json:
            emit_json({"stale": count})
        else:
            out.print(f"{count} document(s) to re-extract")
        return
    with cluster_pool(scheduler, workers, book) as pool:
        opened = store()
        total = len(stale(opened, book, limit))
        with progress(total) as bar:
            task = bar.add_task("re-extracting", total=total)
            summary = reprocess(
                opened,
                book,
                workers=workers,
                limit=limit,
                on_document=lambda _: bar.advance(task),
                pool=pool,
                limits=Limits.from_settings(settings()),
                on_failure=_print_failure,
            )
    if summary.documents:
        audit(opened, "documents.reprocess", "document", None, dict(vars(summary)))
    if format is Output.json:
        emit_json(vars(summary))
    else:
        out.print(
            f"{summary.documents} document(s) re-extracted: {summary.events} event(s), "
            f"{summary.kept} review(s) kept, {summary.flagged} event(s) flagged for re-review"
        )
        if summary.other_codebooks:
            err.print(
                f"{summary.other_codebooks} document(s) use another codebook and were left "
                "alone (storyline reprocess --codebook NAME)"
            )
        if summary.failed:
            err.print(
                f"{summary.failed} document(s) not re-extracted (kept as they were; the next "
                "run tries them again)"
            )
    if summary.failed:
        raise typer.Exit(1)


def _print_failure(document_id: int, reason: str) -> None:
    """One line per document left as it was: the run goes on."""
    err.print(f"error: document {document_id}: {reason}", highlight=False, markup=False)


def _print_flagged(opened: Store, format: Output) -> None:
    from storyline.store.reprocess import flagged_events

    events = flagged_events(opened)
    header = ["event", "document", "key", "type", "trigger", "review", "reason", "flagged"]
    rows = [
        [e.event_id, e.document_id, e.key, e.type, e.text, e.review_status, e.reason, e.at]
        for e in events
    ]
    if format is Output.json:
        emit_json([dict(zip(header, row, strict=True)) for row in rows])
    elif not rows:
        out.print("no reviewed event is flagged for re-review")
    else:
        print_table("flagged for re-review", header, rows)
