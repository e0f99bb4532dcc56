"""Commands that run extraction without the store: extract, eval."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli import Output, app, emit_json, out, parse_date, print_table, settings
from storyline.extract.contract import extraction_to_json, mention_fields
from storyline.parse import ParseOptions
from storyline.pipeline import capture


@app.command()
def extract(
    input: Annotated[str, typer.Argument(help="A file, an http(s) URL, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve relative dates.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Headline, for pastes without one.")] = None,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Extract figures, dates, sources, hedges and entities from one report (no database).

    Examples:

      storyline extract report.html --format json

      storyline extract - --published 2024-06-20 --format json < pasted.txt
    """
    from storyline import parse as parse_stage
    from storyline.extract import extract_document

    options = ParseOptions(title=title, published=parse_date(published, "--published"))
    captured = capture(input, settings(), sys.stdin.buffer)
    result = extract_document(parse_stage.parse(captured, options))
    if format is not Output.table:
        emit_json(extraction_to_json(result))
        return
    rows = []
    for mention in result.mentions:
        fields = {k: v for k, v in mention_fields(mention).items() if v not in (None, False, "")}
        detail = ", ".join(f"{k}={v}" for k, v in fields.items())
        rows.append(
            [mention.id, mention.kind, f"{mention.start}-{mention.end}", mention.text, detail]
        )
    doc = result.document
    out.print(
        f"{doc.title or '(untitled)'} — published {doc.published or 'unknown'}, "
        f"{len(result.mentions)} mentions",
        highlight=False,
    )
    print_table(None, ["id", "kind", "span", "text", "fields"], rows)


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (docs/eval.md).")],
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Score extraction against a gold folder: precision, recall, F1 per mention kind.

    Example: storyline eval tests/gold
    """
    from storyline.evaluate import format_table, load_gold, score_documents, to_json
    from storyline.extract import extract_documents, versions

    gold = load_gold(gold_dir)
    results = extract_documents(doc.as_document() for doc in gold)
    found = {doc.name: list(r.mentions) for doc, r in zip(gold, results, strict=True)}
    scores = score_documents(gold, found)
    if format is Output.table:
        out.print(
            f"{len(gold)} gold documents, extractors: " + ", ".join(sorted(versions().values())),
            highlight=False,
        )
        out.print(format_table(scores), markup=False, highlight=False)
    else:
        sys.stdout.write(to_json(scores) + "\n")
