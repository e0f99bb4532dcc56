"""Commands that run extraction without the store: extract, eval."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.commands.batch import shown_input
from storyline.commands.codebooks import CODEBOOK_OPTION, codebook_from_option, event_table
from storyline.commands.common import (
    Output,
    app,
    emit_json,
    err,
    out,
    parse_date,
    print_table,
    settings,
)
from storyline.extract.contract import extraction_to_json, mention_fields
from storyline.model import Document, Extraction
from storyline.parse import ParseOptions
from storyline.pipeline import capture

if TYPE_CHECKING:
    from storyline.events import Codebook


@app.command()
def extract(
    input: Annotated[str, typer.Argument(help="A file, an http(s) URL, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve relative dates.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Headline, for pastes without one.")] = None,
    codebook: Annotated[str | None, CODEBOOK_OPTION] = None,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Extract figures, dates, sources, hedges, entities and events from one report (no
    database), under the same per-input work limit as ``add`` (--extract-timeout,
    --extract-max-mb).

    Examples:

      storyline extract report.html --format json

      storyline extract - --published 2024-06-20 --format json < pasted.txt
    """
    from storyline import parse as parse_stage

    options = ParseOptions(title=title, published=parse_date(published, "--published"))
    book = codebook_from_option(codebook)
    captured = capture(input, settings(), sys.stdin.buffer)
    result = _extract_limited(parse_stage.parse(captured, options), book)
    if isinstance(result, str):
        err.print(f"error: {shown_input(input)}: {result}", highlight=False, markup=False)
        raise typer.Exit(1)
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
    if result.events:
        print_table("events", *event_table(result.events))


def _extract_limited(document: Document, book: Codebook | None) -> Extraction | str:
    """The extraction, or why the work limit stopped it: in a worker process under the
    settings' limit (as ``add`` does), in this process when the limit is 0."""
    from storyline.extract import extract_document
    from storyline.workers import Limits, shared_pool

    limits = Limits.from_settings(settings())
    if not limits.any:
        return extract_document(document, book)
    pool = shared_pool()
    pool.grow(1)
    [result] = pool.extract([document], book, limits)
    return result


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (docs/eval.md).")],
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
    places: Annotated[
        bool,
        typer.Option(
            "--places",
            help='Also score place resolution against the gold entities\' "geo" '
            "(docs/places.md): accuracy of the resolver on the gold entities and of the "
            "whole pipeline.",
        ),
    ] = False,
    claims: Annotated[
        bool,
        typer.Option(
            "--claims",
            help="The folder holds claim cases (tests/gold_claims/README.md): run each through "
            "the pipeline and score claim grouping, contradiction flags and source counts.",
        ),
    ] = False,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help='For a real-report set (annotations without texts, docs/eval.md "Real '
            "reports\"): the folder of retrieved texts; default: the set's ../texts.",
        ),
    ] = None,
    stories: Annotated[
        bool,
        typer.Option(
            "--stories",
            help="The folder holds story gold files (docs/eval.md): score grouping of "
            "reprints into stories (pairwise precision and recall) and the originals chosen.",
        ),
    ] = False,
) -> None:
    """Score extraction against a gold folder: precision, recall, F1 per mention kind, and
    events (type F1, role accuracy) where the gold files have events.

    Examples:

      storyline eval tests/gold

      storyline eval tests/gold_places --places

      storyline eval tests/gold_stories --stories

      storyline eval tests/gold_claims --claims

      storyline eval realsets/en/heldout            (texts retrieved into realsets/en/texts)

      storyline eval realsets/en/heldout --claims
    """
    from storyline.evaluation import realset

    if realset.is_real_set(gold_dir):
        with tempfile.TemporaryDirectory(prefix="storyline-real-") as tmp:
            hydrated = realset.hydrate(gold_dir, texts or gold_dir.parent / "texts", tmp)
            _evaluate(
                hydrated / ("claims" if claims else "gold"),
                format,
                places,
                claims,
                only_annotated=True,
            )
        return
    if stories:
        from storyline.commands.stories import eval_stories

        eval_stories(gold_dir, format)
        return
    _evaluate(gold_dir, format, places, claims)


def _evaluate(
    gold_dir: Path, format: Output, places: bool, claims: bool, only_annotated: bool = False
) -> None:
    """Score one gold folder (mentions and events, or claims); ``only_annotated`` leaves
    out mention kinds the gold does not annotate at all (a real-report set marks sources
    only)."""
    if claims:
        from storyline.evaluation import claims as claims_eval

        claim_scores = claims_eval.evaluate_claims(gold_dir)
        if format is Output.table:
            out.print(claims_eval.format_table(claim_scores), markup=False, highlight=False)
        else:
            emit_json(claim_scores.as_dict())
        return
    from storyline.evaluation import events as event_eval
    from storyline.evaluation import places as place_eval
    from storyline.evaluation.mentions import (
        KindScores,
        format_table,
        load_gold,
        score_documents,
        to_dict,
    )
    from storyline.extract import versions

    gold = load_gold(gold_dir)
    annotated = {doc.name: event_eval.gold_events(doc) for doc in gold}
    results = event_eval.extract_gold(gold, {n: book for n, (book, _) in annotated.items()})
    annotated_kinds = {m["kind"] for doc in gold for m in doc.mentions}

    def figures(docs: list[int]) -> tuple[KindScores, event_eval.EventScores | None]:
        """Mention and event scores of the gold documents at these indexes."""
        subset = [gold[i] for i in docs]
        found = {gold[i].name: list(results[i].mentions) for i in docs}
        kinds = score_documents(subset, found)
        if only_annotated:
            kinds = KindScores(
                {k: v for k, v in kinds.by_kind.items() if k in annotated_kinds}, kinds.documents
            )
        events = event_eval.score_events(subset, [results[i] for i in docs], annotated)
        return kinds, events

    scores, event_scores = figures(list(range(len(gold))))
    languages = sorted({doc.language for doc in gold})
    by_language = (
        {
            language: figures([i for i, doc in enumerate(gold) if doc.language == language])
            for language in languages
        }
        if len(languages) > 1
        else {}
    )
    place_rows = (
        {
            "resolver": place_eval.score_resolver(gold),
            "pipeline": place_eval.score_extractions(gold, results),
        }
        if places
        else {}
    )
    if format is Output.table:
        out.print(
            f"{len(gold)} gold documents ({', '.join(languages)}), extractors: "
            + ", ".join(sorted(versions().values())),
            highlight=False,
        )
        out.print(format_table(scores), markup=False, highlight=False)
        if place_rows:
            out.print(place_eval.format_table(place_rows), markup=False, highlight=False)
        if event_scores is not None:
            out.print(event_eval.format_table(event_scores), markup=False, highlight=False)
        for language, (kinds, events) in by_language.items():
            out.print(f"\nlanguage {language}: {kinds.documents} documents", highlight=False)
            out.print(format_table(kinds), markup=False, highlight=False)
            if events is not None:
                out.print(event_eval.format_table(events), markup=False, highlight=False)
    else:
        data = to_dict(scores)
        data["language"] = languages[0] if len(languages) == 1 else None
        if event_scores is not None:
            data["events"] = event_eval.to_dict(event_scores)
        if place_rows:
            data["places"] = place_eval.to_dict(place_rows)
        if by_language:
            data["languages"] = {
                language: {
                    **to_dict(kinds),
                    **({"events": event_eval.to_dict(events)} if events is not None else {}),
                }
                for language, (kinds, events) in by_language.items()
            }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
