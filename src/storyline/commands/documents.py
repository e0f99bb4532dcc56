"""Commands over stored documents: add, list, show, set, verify."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline import langpacks
from storyline.capture import expand_inputs
from storyline.commands.batch import reporting, summary
from storyline.commands.codebooks import CODEBOOK_OPTION, codebook_from_option
from storyline.commands.common import (
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    Format,
    Output,
    app,
    cli_actor,
    cluster_pool,
    emit_csv,
    emit_json,
    err,
    out,
    parse_date,
    print_table,
    settings,
    store,
)
from storyline.errors import ReviewError
from storyline.parse import ParseOptions
from storyline.pipeline import ingest, set_published
from storyline.store import repository
from storyline.store.metadata import clean_metadata, set_metadata
from storyline.views import document_json, legend, mentions_markup


@app.command()
def add(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders (searched recursively), http(s) URLs, or - for stdin."),
    ],
    title: Annotated[str | None, typer.Option(help="Headline, for pastes without one.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) when the page lacks it.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where a file or paste came from.")] = None,
    extract: Annotated[
        bool,
        typer.Option("--extract/--no-extract", help="Also extract mentions and events (default)."),
    ] = True,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    workers: Annotated[int, WORKERS_OPTION] = 1,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Capture, parse and store reports with their mentions and events; identical bytes are
    stored once.

    Examples:

      storyline add report.html notes.txt https://example.org/story ./reports/

      storyline add ./reports/ --workers 2

      storyline --db postgresql://host/storyline add ./reports/ --scheduler tcp://host:8786

      storyline add - --title "Pasted report" --published 2024-06-20 < pasted.txt
    """
    options = ParseOptions(title=title, published=parse_date(published, "--published"), url=url)
    book = codebook_from_option(codebook)
    current = settings()
    items = list(expand_inputs(inputs))
    with cluster_pool(scheduler, workers, book) as pool:
        opened = store()
        with reporting(opened, len(items), format, label="adding", via="cli") as report:
            outcomes = ingest(
                opened,
                items,
                current,
                options,
                extract=extract,
                codebook=book,
                on_outcome=report,
                workers=workers,
                pool=pool,
            )
    if format is Output.json:
        emit_json([o.as_json() for o in outcomes])
    line, failed = summary(outcomes)
    if format is Output.table and len(outcomes) != 1:
        err.print(line)
    if not outcomes:
        err.print("error: no inputs found (folders are searched for text and HTML files)")
        raise typer.Exit(1)
    if failed:
        raise typer.Exit(1)


@app.command("list")
def list_(
    search: Annotated[
        str | None, typer.Option(help="Full-text search over titles and text.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many rows.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip (paging).")] = 0,
    before: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Only documents with a smaller id: the next page after the last id shown "
            "(as fast on the last page of a large archive as on the first).",
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.table,
) -> None:
    """List stored documents, newest first.

    Example: storyline list --search "prison recruitment" --limit 20

    Next page: storyline list --search "prison recruitment" --limit 20 --before LAST_ID
    """
    rows = repository.list_documents(
        store(), search=search, limit=limit, offset=offset, before=before
    )
    header = ["id", "title", "outlet", "published", "language", "words", "added"]
    table = [
        [
            r.id,
            r.title or "(untitled)",
            r.outlet,
            r.published.isoformat() if r.published else "unknown",
            r.language,
            r.word_count,
            r.added_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for r in rows
    ]
    if format is Format.json:
        emit_json([dict(zip(header, row, strict=True)) for row in table])
    elif format is Format.csv:
        emit_csv(header, table)
    elif not table:
        out.print("no documents" + (f" match {search!r}" if search else " yet: storyline add FILE"))
    else:
        print_table(None, header, table)
        if len(table) == limit:
            err.print(f"next page: --before {table[-1][0]}", highlight=False)


@app.command()
def show(
    document: Annotated[int, typer.Argument(help="Document id (see storyline list).")],
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Highlight the extracted mentions in the text.")
    ] = False,
    story: Annotated[
        bool,
        typer.Option(
            "--story", help="Show the document's story: its reprints, the original and why."
        ),
    ] = False,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Show a document's metadata and clean main text.

    Examples: storyline show 3 --mentions; storyline show 3 --story
    """
    if story:
        from storyline.commands.stories import print_story
        from storyline.store.stories import story_of

        view = story_of(store(), document)
        if format is Output.table:
            print_story(document, view)
        else:
            emit_json(view.as_json())
        return
    row = repository.get_document(store(), document)
    if format is not Output.table:
        emit_json(document_json(row))
        return
    meta = [
        ("title", row.title or "(untitled)"),
        ("outlet", row.outlet),
        ("byline", row.byline),
        ("published", f"{row.published} ({row.published_source})" if row.published else "unknown"),
        ("language", row.language),
        ("url", row.url or row.canonical_url),
        ("tags", ", ".join(row.tags)),
        ("words", row.word_count),
        ("captured", f"{row.capture.captured_at:%Y-%m-%d %H:%M} from {row.capture.input}"),
        ("sha256", row.capture.sha256),
        ("mentions", len(row.mentions)),
        ("events", f"{len(row.events)} ({row.codebook_version})" if row.events else 0),
        ("extraction", langpacks.not_extracted(row.language)),
    ]
    for key, value in meta:
        if value not in (None, ""):
            out.print(f"[bold]{key:>10}[/bold]  {value}", highlight=False)
    out.print()
    if mentions:
        out.print(mentions_markup(row.text, row.mentions), highlight=False)
        out.print("\n[dim]legend:[/dim] " + legend())
    else:
        out.print(row.text, markup=False, highlight=False)
    if row.events:
        from storyline.exports import roles_text

        out.print()
        print_table(
            "events",
            ["id", "type", "trigger", "certainty", "roles"],
            [
                [e.key, e.type, e.text, e.certainty, roles_text((e.data or {}).get("roles", {}))]
                for e in row.events
            ],
        )


@app.command("set")
def set_(
    document: Annotated[int, typer.Argument(help="Document id.")],
    title: Annotated[str | None, typer.Option(help="The document's title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was published (http or https).")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD); resolves relative dates.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who corrects (audit log).")] = None,
) -> None:
    """Correct a document's metadata (each change is written to the audit log); a new
    publication date re-resolves its relative dates. An empty value clears a field.

    Examples:

      storyline set 3 --published 2024-06-20

      storyline set 3 --outlet "Siberian Ledger" --url https://example.org/story --title "…"
    """
    when = parse_date(published, "--published")
    changes: dict[str, object] = {
        name: value
        for name, value in (("title", title), ("outlet", outlet), ("url", url))
        if value is not None
    }
    if when is not None:
        changes["published"] = when
    if not changes:
        raise typer.BadParameter(
            "nothing to set: give --title, --outlet, --url or --published", param_hint="--title"
        )
    try:
        clean_metadata(changes)
    except ReviewError as exc:
        raise typer.BadParameter(str(exc)) from None
    opened = store()
    repository.get_document(opened, document)
    changed = set_metadata(opened, document, by or cli_actor(), changes)
    for name in ("title", "outlet", "url"):
        if name in changed:
            out.print(f"document {document}: {name} {changed[name]['to'] or '(none)'}")
    if when is not None:
        resolved = set_published(opened, document, when)
        out.print(f"document {document}: published {when}; {resolved} time mention(s) re-resolved")
    elif not changed:
        out.print(f"document {document}: nothing changed")


@app.command()
def verify() -> None:
    """Re-hash every stored capture and report any that changed or went missing.

    Example: storyline verify
    """
    results = list(repository.verify(store()))
    bad = [r for r in results if r.status != "ok"]
    for result in bad:
        err.print(
            f"document {result.document_id}: capture {result.sha256[:12]}… {result.status}"
            + (f" (now {result.actual[:12]}…)" if result.actual else ""),
            highlight=False,
        )
    out.print(f"{len(results)} captures checked: {len(results) - len(bad)} ok, {len(bad)} bad")
    if bad:
        raise typer.Exit(1)
