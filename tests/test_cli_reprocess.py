"""``storyline reprocess``: stale documents re-extracted; reviews kept or flagged, never lost."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select, update

from storyline.store import review
from storyline.store.db import open_store
from storyline.store.schema import DocumentRow, EventRow

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "penal-colony-recruitment.html"


def _events(cli, document: int) -> list[dict]:
    return json.loads(cli("show", str(document), "--format", "json").stdout)["events"]


def test_reprocess_keeps_reviews_and_flags_changed_evidence(
    cli, db_url: str, tmp_path: Path
) -> None:
    assert cli("add", str(EXAMPLE)).exit_code == 0
    assert cli("add", "-", "--no-extract", input="Police detained twelve people.").exit_code == 0
    before = _events(cli, 1)
    assert len(before) >= 3
    store = open_store(db_url, tmp_path / "blobs")
    try:
        with store.sessions() as session:
            query = select(EventRow.id).where(EventRow.document_id == 1).order_by(EventRow.id)
            ids = list(session.scalars(query))
        kept, changed, gone = ids[0], ids[1], ids[2]
        review.verify_event(store, kept, "editor")
        review.reject_event(store, changed, "editor")
        review.verify_event(store, gone, "editor")
        with store.sessions.begin() as session:
            # An older extractor made these: it proposed other roles for one reviewed
            # event, and a trigger the current rules no longer find for another.
            row = session.get(EventRow, changed)
            assert row is not None
            machine = dict(row.data["machine"])
            machine["roles"] = {"agent": [{"start": 0, "end": 5, "text": "Older"}]}
            row.data = {**row.data, "machine": machine}
            row = session.get(EventRow, gone)
            assert row is not None
            row.data = {**row.data, "machine": {**row.data["machine"], "start": 0, "end": 3}}
            session.execute(update(DocumentRow).values(extractor_version="events/0,old"))
    finally:
        store.close()

    dry = cli("reprocess", "--dry-run", "--format", "json")
    assert json.loads(dry.stdout) == {"stale": 2}  # the unextracted paste counts too
    result = cli("reprocess", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["kept"], summary["flagged"]) == (2, 1, 2)

    after = {e["id"]: e for e in _events(cli, 1)}
    by_review = {e["review_status"]: e for e in after.values() if e["review_status"] != "machine"}
    assert len([e for e in after.values() if e["review_status"] != "machine"]) == 3
    verified = [e for e in after.values() if e["review_status"] == "verified"]
    assert sorted("rereview" in e for e in verified) == [False, True]
    flagged = next(e for e in verified if "rereview" in e)
    assert flagged["rereview"]["reason"] == "the new extraction no longer finds this event"
    rejected = by_review["rejected"]
    assert rejected["rereview"]["reason"] == (
        "the new extraction changed its evidence, roles or certainty"
    )
    assert rejected["rereview"]["machine"]["roles"] != {"agent": [{"start": 0, "end": 5}]}
    # Nothing doubled: one event per trigger, the unchanged review standing for its own.
    assert len(after) == len(before) + 1  # the trigger the "old" rules had moved comes back
    assert len({(e["type"], e["start"], e["end"]) for e in after.values()}) == len(after) - 1

    listed = json.loads(cli("reprocess", "--flagged", "--format", "json").stdout)
    reviews = sorted((e["document"], e["review"]) for e in listed)
    assert reviews == [(1, "rejected"), (1, "verified")]
    assert {e["event"] for e in listed} == {changed, gone}

    again = cli("reprocess", "--format", "json")
    assert json.loads(again.stdout)["documents"] == 0  # resumable: done documents are current
