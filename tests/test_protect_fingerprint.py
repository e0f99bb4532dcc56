"""Protecting a witness recomputes the document's reprint fingerprint (issue 15, finding 7).

The fingerprint (a digest of the normalised words and a MinHash signature) of the text as
captured let someone holding only the database file confirm a guessed name: rebuild the
report with the guess, fingerprint it, look for the digest. After protecting, the stored
fingerprint is the blacked-out text's; after unprotecting, the original's again — and a
reprint added later still joins the story.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from storyline.link.reprints import fingerprint
from storyline.store.db import normalise_url
from storyline.store.schema import DocumentRow, FingerprintRow

pytestmark = pytest.mark.slow

REPORT = """Recruiters return to the colony

Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024, said Zara Kowalski,
a former inmate who was released in April. Kowalski said about 40 inmates signed contracts
after they were offered a pardon and a monthly payment of 200,000 roubles. She said the
recruiters came twice, first in a group of three and then with an officer from the regional
military enlistment office, and that guards gathered the inmates in the canteen to listen.
Relatives of two inmates told the newspaper that their sons had been sent to a training
camp near Rostov within a week of signing. The colony's administration did not answer
questions sent by email. The regional prison service said it did not comment on recruitment.
"""


def _state(db_url: str) -> dict[int, tuple[str, str | None, int | None]]:
    """Each document's stored fingerprint digest, and its text and story."""
    engine = create_engine(normalise_url(db_url))
    with Session(engine) as session:
        rows = session.execute(
            select(DocumentRow.id, FingerprintRow.digest, DocumentRow.text, DocumentRow.story_id)
            .join(FingerprintRow, FingerprintRow.document_id == DocumentRow.id)
            .order_by(DocumentRow.id)
        ).all()
        starts = dict(session.execute(select(DocumentRow.id, DocumentRow.body_start)).all())
    engine.dispose()
    return {
        doc: (digest, fingerprint(text, starts[doc]).digest, story)
        for doc, digest, text, story in rows
    }


def test_protecting_recomputes_the_fingerprint_and_reprints_still_link(
    cli, write, db_url: str
) -> None:
    cli("add", str(write("colony.txt", REPORT)), "--published", "2024-06-20")
    original_digest = _state(db_url)[1][0]
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    key = next(
        m["id"] for m in shown["mentions"] if m["kind"] == "source" and "Kowalski" in m["text"]
    )
    assert cli("protect", "1", key).exit_code == 0
    stored, of_text, story = _state(db_url)[1]
    assert stored != original_digest, "the fingerprint of the text with the name is gone"
    assert stored == of_text, "the fingerprint is the blacked-out text's"
    reprint = REPORT.replace("Recruiters return to the colony", "Recruiters return to colony No. 7")
    added = cli("add", str(write("reprint.txt", reprint)), "--published", "2024-06-21")
    assert added.exit_code == 0, added.stderr
    assert _state(db_url)[2][2] == story, "a reprint added after protecting joins the story"
    assert cli("protect", "1", key, "--undo").exit_code == 0
    assert _state(db_url)[1][0] == original_digest
