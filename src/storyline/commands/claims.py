"""``storyline claims``: claim groups across documents, with independent-source counts and
contradictions (computed from the stored events every time)."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli import Output, app, emit_json, err, out, print_table, store
from storyline.store.claims import claims as claim_groups
from storyline.store.claims import group_json


@app.command()
def claims(
    contradictions: Annotated[
        bool,
        typer.Option("--contradictions", help="Only groups whose figures or facts disagree."),
    ] = False,
    type: Annotated[str | None, typer.Option("--type", help="Only this event type.")] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Also claims that only one document makes."),
    ] = False,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Group events that report the same thing across documents: how many independent
    stories say so (reprints count once), the best outlet grade, the strongest certainty,
    an Admiralty-style credibility 1-6, and contradictions between figures or facts.

    Examples:

      storyline claims

      storyline claims --contradictions --format json
    """
    groups = claim_groups(store(), type)
    if not all_:
        groups = [g for g in groups if len(g.events) > 1]
    if contradictions:
        groups = [g for g in groups if g.contradictions]
    if format is Output.json:
        emit_json([group_json(g) for g in groups])
        return
    rows = []
    for group in groups:
        documents = ", ".join(str(d) for d in sorted({e.document for e in group.events}))
        rows.append(
            [
                group.id,
                group.summary,
                documents,
                group.independent_sources,
                group.best_grade or "-",
                group.strongest_certainty,
                f"{group.credibility}: {group.standing}",
                "; ".join(c.detail for c in group.contradictions) or "",
            ]
        )
    print_table(
        None,
        [
            "claim",
            "summary",
            "documents",
            "sources",
            "grade",
            "certainty",
            "credibility",
            "contradiction",
        ],
        rows,
    )
    err.print(f"{len(groups)} claim groups", highlight=False)
    if not groups and not all_:
        out.print("(no claim is made by more than one document; --all lists every claim)")
