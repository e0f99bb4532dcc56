"""Commands about stories (a report and its reprints) and outlets.

``storyline stories`` lists the stories, ``storyline outlet set/list`` grades outlets, and
:func:`print_story` is what ``storyline show N --story`` prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.commands.common import (
    Format,
    Output,
    app,
    audit,
    count_contradictions,
    emit_csv,
    emit_json,
    err,
    out,
    print_table,
    progress,
    store,
)
from storyline.link import VERSION
from storyline.store import outlets, stories
from storyline.store.outlets import GRADES
from storyline.store.stories import StoryView

#: A table lists this many document ids per story (CSV and JSON list them all).
TABLE_IDS = 12


@app.command("stories")
def stories_(
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Forget every story and link all stored documents again (for stores made "
            "before reprint detection, or after it changed).",
        ),
    ] = False,
    batch: Annotated[
        int,
        typer.Option(
            "--batch",
            min=1,
            help="With --rebuild: documents linked per transaction; a rebuild that was "
            "stopped resumes after the last batch it committed.",
        ),
    ] = stories.REBUILD_BATCH,
    all_: Annotated[
        bool, typer.Option("--all", help="Also list documents that have no reprints.")
    ] = False,
    format: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.table,
) -> None:
    """List stories: each report with its reprints, which copy is the original and why.

    A reprint is a copy of a report on another site or in a paste: cut, re-wrapped,
    re-tagged, lightly edited or quoted at length. Every stored document belongs to one
    story; reprints are found when a document is added (docs/stories.md).

    Examples:

      storyline stories

      storyline stories --format json

      storyline stories --rebuild
    """
    opened = store()
    if rebuild:
        resumed = stories.rebuild_position(opened)
        total = stories.documents_after(opened, resumed or 0)
        if resumed is not None:
            err.print(f"resuming the unfinished rebuild after document {resumed}", highlight=False)
        with progress(total) as bar:
            task = bar.add_task("linking", total=total)
            linked = stories.rebuild(
                opened,
                on_document=lambda: bar.advance(task),
                batch=batch,
            )
        audit(opened, "stories.rebuild", "story", None, {"documents": linked})
        err.print(f"{linked} documents linked")
        count_contradictions(opened)  # which reports are independent may have changed
    else:
        missing = stories.unlinked_count(opened)
        if missing:
            err.print(
                f"note: {missing} documents are not linked to stories yet: "
                "run storyline stories --rebuild",
                highlight=False,
            )
    found = stories.list_stories(opened, include_single=all_)
    if format is Format.json:
        emit_json([story.as_json() for story in found])
        return
    header = ["story", "original", "copies", "documents", "outlet", "basis", "reason"]
    shown = None if format is Format.csv else TABLE_IDS
    rows = [
        [
            story.id,
            story.original,
            len(story.copies),
            _ids(story, shown),
            _outlet(story),
            story.basis,
            story.reason,
        ]
        for story in found
    ]
    if format is Format.csv:
        emit_csv(header, rows)
    elif not rows:
        out.print("no stories with reprints" + ("" if all_ else " (--all lists every story)"))
    else:
        print_table(None, header, rows)


def _ids(story: StoryView, limit: int | None) -> str:
    """Document ids, the original first; a table shows the first ``limit`` of them."""
    ids = [str(c.document_id) for c in story.copies]
    if limit is None or len(ids) <= limit:
        return " ".join(ids)
    return " ".join(ids[:limit]) + f" … (+{len(ids) - limit})"


def _outlet(story: StoryView) -> str:
    original = next((c for c in story.copies if c.original), None)
    if original is None:
        return ""
    return _with_grade(original.outlet, original.reliability)


def _with_grade(outlet: str | None, grade: str | None) -> str:
    name = outlet or "(unknown outlet)"
    return f"{name} ({grade})" if grade else name


def print_story(document_id: int, story: StoryView) -> None:
    """What ``storyline show N --story`` prints: the original, every copy, the reason."""
    copies = len(story.copies)
    out.print(
        f"document {document_id} belongs to story {story.id} "
        f"({copies} {'copy' if copies == 1 else 'copies'}); "
        f"original: document {story.original} ({story.basis})",
        highlight=False,
    )
    out.print(f"reason: {story.reason}", markup=False, highlight=False)
    rows = [
        [
            copy.document_id,
            "original" if copy.original else "copy",
            copy.published.isoformat() if copy.published else "unknown",
            _with_grade(copy.outlet, copy.reliability),
            copy.title or "(untitled)",
        ]
        for copy in story.copies
    ]
    print_table(None, ["id", "role", "published", "outlet", "title"], rows)


# ---------------------------------------------------------------------------- outlets

outlet_app = typer.Typer(
    help="Grade outlets' reliability (Admiralty code A-F); grades appear beside each copy.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(outlet_app, name="outlet")


@outlet_app.command("set")
def outlet_set(
    outlet: Annotated[
        str, typer.Argument(help="A domain (example.org), a URL on it, or an outlet's name.")
    ],
    reliability: Annotated[
        str | None,
        typer.Option(
            help="Source reliability, Admiralty code: A completely reliable, B usually "
            "reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot "
            "be judged."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why this grade (shown in lists).")] = None,
) -> None:
    """Set an outlet's reliability grade and note.

    Example: storyline outlet set example.org --reliability B --note "wire partner"
    """
    grade = reliability.strip().upper() if reliability is not None else None
    if grade is not None and grade not in GRADES:
        raise typer.BadParameter(
            f"reliability must be one of {', '.join(GRADES)}", param_hint="--reliability"
        )
    if grade is None and note is None:
        raise typer.BadParameter("nothing to set: give --reliability or --note")
    if not outlets.outlet_name(outlet):
        raise typer.BadParameter("give a domain, a URL or a name", param_hint="OUTLET")
    opened = store()
    row = outlets.set_outlet(opened, outlet, reliability=grade, note=note)
    detail = {"outlet": row.name, "reliability": grade, "note": note}
    audit(opened, "outlet.set", "outlet", row.id, detail)
    out.print(
        f"outlet {row.name}: reliability {row.reliability or 'not graded'}"
        + (f"; note: {row.note}" if row.note else ""),
        markup=False,
        highlight=False,
    )


@outlet_app.command("list")
def outlet_list(
    format: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.table,
) -> None:
    """List graded outlets.

    Example: storyline outlet list --format json
    """
    rows = [
        [row.name, row.reliability, row.note, row.updated_at.strftime("%Y-%m-%d %H:%M")]
        for row in outlets.list_outlets(store())
    ]
    header = ["outlet", "reliability", "note", "updated"]
    if format is Format.json:
        emit_json([dict(zip(header, row, strict=True)) for row in rows])
    elif format is Format.csv:
        emit_csv(header, rows)
    elif not rows:
        out.print("no outlets graded yet: storyline outlet set DOMAIN --reliability B")
    else:
        print_table(None, header, rows)


def eval_stories(gold_dir: Path, format: Output) -> None:
    """What ``storyline eval GOLD_DIR --stories`` prints: grouping and originals scores."""
    from storyline.evaluation.stories import format_table, load_gold_stories, predict, score

    gold = load_gold_stories(gold_dir)
    scores = score(gold, predict(gold))
    if format is Output.table:
        out.print(f"{len(gold)} gold documents, linking {VERSION}", highlight=False)
        out.print(format_table(scores), markup=False, highlight=False)
    else:
        emit_json(scores.as_json())
