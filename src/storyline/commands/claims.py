"""``storyline claims`` and ``storyline claim …``: claims across documents, with
independent-source counts and contradictions, and the editor's decisions on them.

Claims are kept in the store with stable ids (:mod:`storyline.store.claim_members`); their
standing is computed when they are read, and how many contradictions each has is kept
(:mod:`storyline.store.claim_standing`), so ``--contradictions`` reads only those claims."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

import typer

from storyline.commands.common import (
    Output,
    app,
    audit,
    count_contradictions,
    emit_json,
    err,
    out,
    print_table,
    progress,
    store,
)
from storyline.link.claims import ClaimGroup
from storyline.store import claim_edits
from storyline.store.claim_members import catch_up, iter_stored_groups, pending, stored_groups
from storyline.store.claim_members import rebuild as rebuild_claims
from storyline.store.claim_standing import contradicted
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
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Regroup every event no editor pinned (after the grouping rules changed); "
            "editors' decisions and their claims' ids are kept.",
        ),
    ] = False,
) -> None:
    """Group events that report the same thing across documents: how many independent
    stories say so (reprints count once), the best outlet grade, the strongest certainty,
    an Admiralty-style credibility 1-6, and contradictions between figures or facts.

    Examples:

      storyline claims

      storyline claims --contradictions --format json
    """
    if rebuild:
        done = rebuild_claims(store())
        audit(store(), "claims.rebuild", "claim", None, {"events": done})
        err.print(f"regrouped {done} events", highlight=False)
    _assign_waiting()
    if contradictions:  # a claim of one document never contradicts itself: --all is moot
        groups = _contradicted_groups(type)
    else:
        groups = iter_stored_groups(
            store(), type, min_documents=1 if all_ else 2, catch_up_first=False
        )
    shown = _emit_json(groups) if format is Output.json else _print_tables(groups)
    if format is Output.json:
        return
    err.print(f"{shown} claim groups", highlight=False)
    if not shown and contradictions:
        out.print("(no claim has an open contradiction)")
    elif not shown and not all_:
        out.print("(no claim is made by more than one document; --all lists every claim)")


def _assign_waiting() -> None:
    """Assign events that are in no claim yet (a store built before claims were kept, or a
    stopped ``--rebuild``) and count the contradictions of claims changed since they were
    last counted, before reading, with progress bars: at archive size this is hours of
    resumable work, which no web request does (docs/claims.md)."""
    waiting = pending(store())
    if waiting:
        with progress(waiting) as bar:
            task = bar.add_task("assigning events to claims", total=waiting)
            done = catch_up(store(), lambda n: bar.advance(task, n))
        err.print(f"assigned {done} events to claims", highlight=False)
    count_contradictions(store())


def _contradicted_groups(type: str | None) -> Iterator[ClaimGroup]:
    """The claims with open contradictions, found by their kept counts, read
    :data:`TABLE_ROWS` at a time."""
    found = contradicted(store(), type)
    if found.unchecked:
        err.print(
            f"note: {found.unchecked} changed claims were not checked for contradictions"
            " (changed while this ran): run storyline claims again",
            highlight=False,
        )
    ids = found.ids
    for start in range(0, len(ids), TABLE_ROWS):
        chunk = ids[start : start + TABLE_ROWS]
        yield from stored_groups(store(), claim_ids=chunk, catch_up_first=False)


#: Claims per printed table: the table is printed as the claims are read, so memory holds
#: one batch of claims however many the store has.
TABLE_ROWS = 500
_HEADER = [
    "claim",
    "summary",
    "documents",
    "sources",
    "grade",
    "certainty",
    "credibility",
    "contradiction",
]


def _emit_json(groups: Iterable[ClaimGroup]) -> int:
    """Write a JSON array of the claims, one element as each is read; how many."""
    count = 0
    sys.stdout.write("[")
    for group in groups:
        body = json.dumps(group_json(group), ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(("," if count else "") + "\n  " + body.replace("\n", "\n  "))
        count += 1
    sys.stdout.write("\n]\n" if count else "]\n")
    return count


def _print_tables(groups: Iterable[ClaimGroup]) -> int:
    """Print the claims as tables of :data:`TABLE_ROWS` rows, as they are read; how many."""
    rows: list[list[Any]] = []
    count = 0
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
        count += 1
        if len(rows) == TABLE_ROWS:
            print_table(None, _HEADER, rows)
            rows = []
    if rows or not count:
        print_table(None, _HEADER, rows)
    return count


claim_app = typer.Typer(
    help="An editor's decisions on claims: split, merge, attach, detach, dismiss a "
    "contradiction. Each is pinned (regrouping never undoes it) and written to the audit log.",
    no_args_is_help=True,
)
app.add_typer(claim_app, name="claim")

BY_OPTION = typer.Option("--by", help="Who decides (written to the audit log).")
NOTE_OPTION = typer.Option("--note", help="Why, in a sentence (audit log).")


def _by(name: str | None) -> str:
    import getpass

    return name or f"cli:{getpass.getuser()}"


@claim_app.command("show")
def claim_show(
    claim: Annotated[int, typer.Argument(help="Claim id (storyline claims).")],
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """One claim: its summary, why its events are grouped, its standing, its events and
    its open contradictions (with the keys `claim dismiss` takes)."""
    from storyline.errors import NotFoundError
    from storyline.store.claims import contradiction_key

    _assign_waiting()
    found = stored_groups(store(), claim_ids=[claim], catch_up_first=False)
    if not found:
        raise NotFoundError(f"claim {claim}", "no such claim")
    [group] = found
    if format is Output.json:
        emit_json(group_json(group))
        return
    out.print(f"claim {group.id}: {group.summary}", highlight=False)
    out.print(f"standing: {group.credibility} — {group.standing}", highlight=False)
    for reason in group.why:
        out.print(f"why: {reason}", highlight=False)
    rows = [
        [e.event, e.document, e.text, e.place or "", e.certainty, e.side or ""]
        for e in group.events
    ]
    print_table(None, ["event", "document", "trigger", "place", "certainty", "side"], rows)
    for c in group.contradictions:
        out.print(f"contradiction {contradiction_key(c)}: {c.detail}", highlight=False)


@claim_app.command("split")
def claim_split(
    claim: Annotated[int, typer.Argument(help="The claim to split.")],
    events: Annotated[list[int], typer.Argument(help="Event ids to move into a new claim.")],
    by: Annotated[str | None, BY_OPTION] = None,
    note: Annotated[str | None, NOTE_OPTION] = None,
) -> None:
    """Move some events of a claim into a new claim.

    Example: storyline claim split 12 40 41 --note "two different colonies"
    """
    new = claim_edits.split(store(), claim, events, _by(by), note)
    out.print(f"claim {new}: split from claim {claim}", highlight=False)


@claim_app.command("merge")
def claim_merge(
    into: Annotated[int, typer.Argument(help="The claim that stays.")],
    other: Annotated[int, typer.Argument(help="The claim whose events move into it.")],
    by: Annotated[str | None, BY_OPTION] = None,
    note: Annotated[str | None, NOTE_OPTION] = None,
) -> None:
    """Merge claim OTHER into claim INTO (same event type).

    Example: storyline claim merge 12 15 --note "same visit, dated differently"
    """
    claim_edits.merge(store(), into, other, _by(by), note)
    out.print(f"claim {other} merged into claim {into}", highlight=False)


@claim_app.command("attach")
def claim_attach(
    event: Annotated[int, typer.Argument(help="Event id.")],
    claim: Annotated[int, typer.Argument(help="Claim id.")],
    by: Annotated[str | None, BY_OPTION] = None,
    note: Annotated[str | None, NOTE_OPTION] = None,
) -> None:
    """Put an event into a claim of its type."""
    claim_edits.attach(store(), event, claim, _by(by), note)
    out.print(f"event {event} attached to claim {claim}", highlight=False)


@claim_app.command("detach")
def claim_detach(
    event: Annotated[int, typer.Argument(help="Event id.")],
    by: Annotated[str | None, BY_OPTION] = None,
    note: Annotated[str | None, NOTE_OPTION] = None,
) -> None:
    """Take an event out of its claim into a claim of its own."""
    new = claim_edits.detach(store(), event, _by(by), note)
    out.print(f"event {event} is now claim {new}", highlight=False)


@claim_app.command("dismiss")
def claim_dismiss(
    claim: Annotated[int, typer.Argument(help="Claim id.")],
    key: Annotated[str, typer.Argument(help="The contradiction's key (storyline claim show).")],
    by: Annotated[str | None, BY_OPTION] = None,
    note: Annotated[str | None, NOTE_OPTION] = None,
) -> None:
    """Mark a contradiction as not real (it stays dismissed when claims are recomputed)."""
    claim_edits.dismiss(store(), claim, key, _by(by), note)
    out.print(f"claim {claim}: contradiction {key} dismissed", highlight=False)
