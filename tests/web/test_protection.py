"""Protected witnesses (issue 15, items 1, 4 and 13): what viewers, search and a copy of the
database must never reveal once an editor protects a witness, and what editors still see.

Each test protects the witness the way a user does (the web form, the API or the CLI), then
looks at every output a viewer can reach. All run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from storyline.errors import ReviewError
from storyline.store import accounts, protection, redaction, repository, review
from storyline.store.db import Store, open_store
from storyline.store.schema import AuditRow, Base, MentionRow
from storyline.store.sealing import KeyMissingError

SURNAME = "Kowalski"


@pytest.fixture
def bearer(store: Store, users: dict[str, str]) -> Callable[[str], dict[str, str]]:
    """Headers carrying a fresh API token of the named user."""
    return lambda user: {"Authorization": f"Bearer {accounts.create_api_token(store, user, 't')}"}


def _protect_on_the_page(client: Any, csrf: Callable, document: int, keys: str) -> None:
    token = csrf(client, f"/documents/{document}")
    response = client.post(
        f"/documents/{document}/protect",
        data={"csrf_token": token, "keys": keys, "action": "protect"},
    )
    assert response.status_code == 303, response.text


def _viewer_paths(witness: Any) -> list[str]:
    doc, event = witness.document, witness.event
    return [
        "/",
        "/documents",
        f"/documents/{doc}",
        f"/documents/{doc}?event=v1",
        "/entities",
        "/entities?type=PER",
        "/events",
        f"/events?document={doc}",
        f"/events/{event}",
        "/events/timeline",
        "/events/export.csv",
        "/events/export.json",
        "/claims",
        "/api/stats",
        "/api/documents",
        f"/api/documents/{doc}",
        f"/api/documents/{doc}/mentions",
        "/api/entities",
        "/api/events",
        f"/api/events/{event}",
        f"/api/events?document={doc}",
        "/api/exports/events.csv",
        "/api/exports/events.json",
        "/api/claims",
    ]


def test_a_protected_witness_reaches_no_viewer_output(
    store: Store,
    witness: Any,
    users: dict[str, str],
    client_for: Callable,
    bearer: Callable,
    csrf: Callable,
) -> None:
    editor, viewer = client_for(login="editor"), client_for(login="viewer")
    token = bearer("viewer")
    assert SURNAME in viewer.get(f"/documents/{witness.document}").text  # not protected yet
    _protect_on_the_page(editor, csrf, witness.document, "E1")
    for path in _viewer_paths(witness):
        for response in (viewer.get(path), viewer.get(path, headers=token)):
            assert response.status_code in (200, 404), (path, response.status_code)
            assert SURNAME not in response.text and "Zara" not in response.text, path
    # The raw capture cannot be blacked out reliably: editors only.
    for document in (witness.document, witness.reprint):  # its reprint names them too
        assert viewer.get(f"/documents/{document}/capture").status_code == 403
        assert SURNAME not in viewer.get(f"/documents/{document}").text
    capture = f"/documents/{witness.document}/capture"
    assert SURNAME.encode() in editor.get(capture).content
    # Editors still read the name where they work on the document.
    assert witness.name in editor.get(f"/documents/{witness.document}").text
    full = editor.get(f"/api/documents/{witness.document}", headers=bearer("editor")).json()
    assert witness.name in full["text"]
    assert any(witness.name in m["text"] for m in full["mentions"])


def test_search_never_matches_a_protected_name(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    client, token = client_for(), bearer("viewer")

    def found(path: str) -> int:
        return int(client.get(path, headers=token).json()["total"])

    assert found(f"/api/documents?q={SURNAME}") == 2  # the report and its reprint
    assert found(f"/api/events?source={SURNAME[:3]}") == 1
    protection.protect(store, witness.document, ["s1"], "editor")
    for path in (
        f"/api/documents?q={SURNAME}",
        "/api/documents?q=Zara",
        f"/api/events?source={SURNAME[:3]}",
        "/api/events?source=Z",
        f"/api/entities?q={SURNAME}",
    ):
        assert found(path) == 0, path
    for who in ("editor", "admin"):  # not a hole that only viewers' filters close
        assert client.get(f"/api/documents?q={SURNAME}", headers=bearer(who)).json()["total"] == 0


def test_review_history_and_typed_roles_hide_a_protected_name(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    # A correction made before the witness was protected: its audit row holds the name
    # (the hash chain forbids rewriting it), so the history must black it out on display.
    review.correct_event(store, witness.event, "editor", {"roles": {"source": [witness.name]}})
    protection.protect(store, witness.document, ["E1"], "editor")
    # Typing the name by hand after it was protected stores black squares, not the name.
    review.correct_event(
        store, witness.event, "editor", {"roles": {"informant": [f"{SURNAME}'s cousin"]}}
    )
    client = client_for(login="viewer")
    shown = client.get(f"/api/events/{witness.event}", headers=bearer("viewer")).text
    assert SURNAME not in shown and "Zara" not in shown
    assert SURNAME not in client.get(f"/events/{witness.event}").text
    with store.sessions() as session:
        details = [row.detail for row in session.scalars(select(AuditRow))]
    assert SURNAME not in json.dumps(details[-1]), "the newest correction stored the name"
    assert review.verify_chain(store).ok


def test_only_editors_protect_and_every_action_is_audited(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    client = client_for()
    url = f"/api/documents/{witness.document}/protect"
    assert client.post(url, json={"keys": ["s1"]}, headers=bearer("viewer")).status_code == 403
    refused = client.post(url, json={"keys": ["s9"]}, headers=bearer("editor"))
    assert refused.status_code == 400 and "no mention or entity s9" in refused.json()["detail"]
    done = client.post(url, json={"keys": ["s1"]}, headers=bearer("editor")).json()
    assert "s1" in done["mentions"]
    back = f"/api/documents/{witness.document}/unprotect"
    assert client.post(back, json={"keys": ["s1"]}, headers=bearer("viewer")).status_code == 403
    assert client.post(back, json={"keys": ["s1"]}, headers=bearer("admin")).status_code == 200
    page = client.get(f"/documents/{witness.document}", headers=bearer("viewer")).text
    assert witness.name in page, "unprotecting brings the name back"
    with store.sessions() as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
    actions = [(r.actor, r.action) for r in rows]
    assert actions == [("editor", "document.protect"), ("admin", "document.unprotect")]
    assert all(SURNAME not in json.dumps(r.detail) for r in rows)
    assert review.verify_chain(store).ok


def _everything_stored(store: Store) -> str:
    """Every value of every table, as one string (what a copy of the database holds)."""
    parts = []
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                parts.append(repr(tuple(row)))
        if store.dialect == "postgresql":
            parts += [str(v) for v in connection.execute(text("SELECT search FROM documents"))]
    return "\n".join(parts)


def test_a_protected_name_is_not_stored_in_plain_text(
    store: Store, witness: Any, tmp_path: Path
) -> None:
    assert SURNAME in _everything_stored(store)
    protection.protect(store, witness.document, ["E1"], "editor")
    assert SURNAME not in _everything_stored(store) and "Zara" not in _everything_stored(store)
    assert SURNAME in redaction.reveal(store, repository.get_document(store, witness.reprint))
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            hits = connection.execute(
                text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q"),
                {"q": SURNAME},
            ).all()
        else:
            hits = connection.execute(
                text("SELECT id FROM documents WHERE search @@ plainto_tsquery('simple', :q)"),
                {"q": SURNAME},
            ).all()
    assert hits == []
    blobs = tmp_path / "blobs"
    assert all(SURNAME.encode() not in p.read_bytes() for p in blobs.rglob("*") if p.is_file())
    if store.dialect == "sqlite":  # the file itself, free pages and journal included
        store.close()
        database = Path(store.url.removeprefix("sqlite:///"))
        for path in database.parent.glob(database.name + "*"):
            assert SURNAME.encode() not in path.read_bytes(), path.name
    key = tmp_path / "blobs.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert store.blobs.rehash(_sha(store, witness.document)) == _sha(store, witness.document)


def _sha(store: Store, document_id: int) -> str:
    return repository.get_document(store, document_id).capture.sha256


def test_without_its_key_sealed_data_fails_with_a_clear_message(
    store: Store, witness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protection.protect(store, witness.document, ["E1"], "editor")
    (tmp_path / "blobs.key").rename(tmp_path / "elsewhere.key")
    row = repository.get_document(store, witness.document)
    without = open_store(store.url, tmp_path / "blobs")
    try:
        with pytest.raises(KeyMissingError, match=r"blobs\.key: the key for protected witnesses"):
            redaction.reveal(without, row)
    finally:
        without.close()
    monkeypatch.setenv("STORYLINE_KEY_FILE", str(tmp_path / "elsewhere.key"))
    moved = open_store(store.url, tmp_path / "blobs")
    try:
        assert witness.name in redaction.reveal(moved, row)
    finally:
        moved.close()


def test_a_mark_made_in_sql_is_sealed_before_the_next_request(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable
) -> None:
    viewer = client_for(login="viewer")
    with store.sessions.begin() as session:
        for mention in session.scalars(
            select(MentionRow).where(
                MentionRow.document_id == witness.document, MentionRow.key == "s1"
            )
        ):
            mention.sensitivity = "protected"
    assert SURNAME not in viewer.get(f"/api/documents/{witness.document}").text
    assert SURNAME not in _everything_stored(store)


def test_re_extracting_keeps_a_protected_witness_protected(store: Store, witness: Any) -> None:
    from storyline.model import EntityMention, Extraction
    from storyline.store.reprocess import replace_keeping_reviews

    protection.protect(store, witness.document, ["E1"], "editor")
    row = repository.get_document(store, witness.document)
    assert SURNAME not in row.text
    masked = row.text.index("█")
    again = Extraction(
        document=repository_document(row),
        mentions=(EntityMention(start=masked, end=masked + 4, text="████", id="e1"),),
        entities=(),
        versions={"entity": "entities/2"},
    )
    replace_keeping_reviews(store, witness.document, again)
    after = repository.get_document(store, witness.document)
    assert [m.sensitivity for m in after.mentions] == ["protected"]
    assert SURNAME not in after.text and SURNAME in redaction.reveal(store, after)


def test_after_re_extraction_a_span_no_mention_covers_can_be_unprotected(
    store: Store, witness: Any
) -> None:
    """Issue 15, finding 9: re-extracting reads the black squares, so no new mention may
    cover the witness's spans, and unprotecting by mention key had nothing to name; the
    sealed original stayed sealed for good. Blacked-out spans are named P1, P2… instead."""
    from storyline.model import Extraction
    from storyline.store.reprocess import replace_keeping_reviews

    original = repository.get_document(store, witness.document)
    reprint = repository.get_document(store, witness.reprint)
    protection.protect(store, witness.document, ["E1"], "editor")
    row = repository.get_document(store, witness.document)
    assert SURNAME not in row.text
    nothing = Extraction(
        document=repository_document(row), mentions=(), entities=(), versions={"entity": "x/2"}
    )
    replace_keeping_reviews(store, witness.document, nothing)
    with pytest.raises(ReviewError):  # no mention or entity is left to name the witness
        protection.unprotect(store, witness.document, ["E1"], "editor")
    with pytest.raises(ReviewError, match="P1 to P"):
        protection.unprotect(store, witness.document, ["P99"], "editor")

    protection.unprotect(store, witness.document, ["P1"], "editor")
    after = repository.get_document(store, witness.document)
    assert (after.text, after.title, after.byline) == (
        original.text,
        original.title,
        original.byline,
    )
    assert not redaction.has_sealed(store, witness.document)
    assert after.extractor_version is None  # `storyline reprocess` reads the names again
    copy = repository.get_document(store, witness.reprint)
    assert (copy.text, copy.title) == (reprint.text, reprint.title)
    assert not store.blobs.is_sealed(after.capture.sha256)


def repository_document(row: Any) -> Any:
    from storyline.model import Document

    return Document(text=row.text, sha256=row.capture.sha256, body_start=row.body_start)


def test_postgresql_vacuums_the_rewritten_tables_after_protecting(
    store: Store, witness: Any
) -> None:
    """The old row versions holding the name are removed by VACUUM (what VACUUM cannot reach
    — WAL, backups, an older open snapshot — is in docs/web.md)."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite zeroes replaced pages itself (secure_delete)")
    query = text(
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
        "AND last_vacuum IS NOT NULL"
    )
    with store.engine.connect() as connection:
        before = set(connection.scalars(query))
    protection.protect(store, witness.document, ["E1"], "editor")
    with store.engine.connect() as connection:
        after = set(connection.scalars(query))
    assert before == set()
    assert {"documents", "mentions", "entities", "events"} <= after
