"""The pages as a reader uses them: find, read, filter, download, review."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from storyline.store.db import Store
from storyline.store.schema import AuditRow, EventRow


def _titles(html: str) -> list[str]:
    return re.findall(r'<a href="/documents/\d+">([^<]+)</a>\n', html)


def _event_links(html: str) -> list[str]:
    """(document, key) of each events-table row, in order."""
    return re.findall(r'class="trigger-text"><a href="/documents/(\d+\?event=v\d+)"', html)


def _table(client: Any, url: str) -> str:
    """The list part of a page, as htmx fetches it (no filter menus around it)."""
    return client.get(url, headers={"HX-Request": "true"}).text


def test_dashboard_counts_and_lists_what_waits(seeded: Any, client_for: Callable) -> None:
    page = client_for(local=True).get("/").text
    assert re.search(r"<strong>3</strong> documents", page)
    assert re.search(r"<strong>4</strong> events", page)
    assert re.search(r"<strong>4</strong> awaiting review", page)
    assert page.count('href="/review?event=') == 4


def test_documents_search_filters_and_pages(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True, page_size=2)
    first = client.get("/documents").text
    assert "1–2 of 3" in first and 'rel="next"' in first
    second = client.get("/documents?offset=2").text
    assert "3–3 of 3" in second and 'rel="prev"' in second
    assert len(_table(client, "/documents?q=ombudsman").split('class="snippet"')) == 2
    assert "No documents match" in _table(client, "/documents?q=zeppelin")
    by_outlet = _table(client, "/documents?outlet=marsk-news")
    assert "Volunteers leave for the front" in by_outlet and "Recruiters return" not in by_outlet
    dated = _table(client, "/documents?since=2024-06-02&until=2024-06-30")
    assert "daily-mirror-site" in dated and "northern-courier" not in dated
    assert "1–1 of 1" in _table(client, "/documents?language=en&sort=oldest&outlet=marsk-news")
    story = _table(client, f"/documents?story={_story_of(client, seeded.colony)}")
    assert "1–2 of 2" in story


def _story_of(client: Any, document: int) -> int:
    return int(client.get(f"/api/documents/{document}").json()["story_id"])


def test_bad_filters_say_what_is_wrong(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    response = client.get("/documents?since=last-week")
    assert response.status_code == 400
    assert "since: &#39;last-week&#39; is not a date like 2024-06-20" in response.text
    assert client.get("/events?certainty=sure").status_code == 400


def test_htmx_gets_only_the_table(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    fragment = client.get("/documents?q=inmates", headers={"HX-Request": "true"}).text
    assert fragment.startswith('<div id="documents-table">') and "<html" not in fragment
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/documents?q=inmates", headers=restore).text


def test_the_document_page_marks_every_mention_by_kind(seeded: Any, client_for: Callable) -> None:
    page = client_for(local=True).get(f"/documents/{seeded.colony}").text
    for kind, text in [
        ("quantity", "About 40 inmates"),
        ("time", "late May 2024"),
        ("source", "according to two former inmates"),
        ("hedge", "reportedly"),
        ("entity", "Penal Colony No. 7"),
    ]:
        assert re.search(
            rf'<span class="m m-{kind} first last"[^>]*>{re.escape(text)}</span>', page
        )
    assert "<mark" not in page.split('id="text"')[1].split("</div>")[0]
    assert "cfcc" in page or re.search(r'class="hash">[0-9a-f]{64}<', page)
    assert "two former inmates" in page and "anonymous" in page  # sources panel
    assert "original" in page and "reprint" in page  # the story panel


def test_choosing_an_event_marks_its_evidence(seeded: Any, client_for: Callable) -> None:
    page = client_for(local=True).get(f"/documents/{seeded.colony}?event=v1").text
    text = page.split('id="text"')[1].split("</div>")[0]
    marked = "".join(re.findall(r'<mark class="evidence"[^>]*>(.*?)</mark>', text))
    plain = re.sub(r"<[^>]+>", "", marked)
    assert plain == "Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024"
    assert '<strong class="trigger" title="recruitment_visit">visited</strong>' in text
    assert 'aria-current="true"' in page


def test_the_capture_downloads_as_the_exact_bytes(
    store: Store, seeded: Any, client_for: Callable
) -> None:
    response = client_for(local=True).get(f"/documents/{seeded.colony}/capture")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["content-security-policy"] == "sandbox"
    with store.sessions() as session:
        from storyline.store.schema import CaptureRow, DocumentRow

        sha = session.scalar(
            select(CaptureRow.sha256).join(DocumentRow).where(DocumentRow.id == seeded.colony)
        )
    assert response.content == store.blobs.get(sha)


def test_events_filter_and_sort(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    everything = _event_links(client.get("/events").text)
    assert len(everything) == 4
    assert _event_links(client.get("/events?type=deployment").text) == [f"{seeded.flood}?event=v1"]
    assert len(_event_links(client.get("/events?certainty=reported").text)) == 2
    assert len(_event_links(client.get("/events?place=tversk").text)) == 3
    assert len(_event_links(client.get("/events?source=ombudsman").text)) == 1
    assert len(_event_links(client.get("/events?source=none").text)) == 1
    assert len(_event_links(client.get("/events?since=2024-06-05").text)) == 1
    assert len(_event_links(client.get("/events?until=2024-05-25").text)) == 2
    by_type = _event_links(client.get("/events?sort=type&desc=true").text)
    # recruitment_visit, recruitment_visit, enlistment, deployment; ties newest event first
    assert by_type == [
        f"{seeded.reprint}?event=v1",
        f"{seeded.colony}?event=v1",
        f"{seeded.colony}?event=v2",
        f"{seeded.flood}?event=v1",
    ]


def test_downloads_hold_exactly_the_selection(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True, page_size=1)
    query = "place=tversk&sort=type"
    shown = client.get(f"/api/events?{query}&limit=500").json()["items"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/events/export.csv?{query}").text)))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in shown] and len(rows) == 3
    assert rows[0]["type"] == "enlistment" and rows[0]["trigger"] == "signed"
    page = client.get(f"/events?{query}").text
    assert f"/events/export.csv?{query}" in page.replace("&amp;", "&")
    assert json.loads(client.get(f"/events/export.json?{query}").text) == shown
    features = client.get(f"/events/export.geojson?{query}").json()["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[35.9, 56.86]] * 3


def test_timeline_and_map_count_the_selection(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    timeline = client.get("/events/timeline").text
    assert "2024-05: 2 events" in timeline and "2024-06: 1 events" in timeline
    narrowed = client.get("/events/timeline?type=deployment").text
    assert "2024-05" not in narrowed
    world = client.get("/events/map").text
    assert "Tverskaya: 3 events" in world and "Marsk: 1 events" in world
    assert 'href="/static/vendor/world-110m.svg"' in world
    assert client.get("/static/vendor/world-110m.svg").status_code == 200


def test_an_entity_page_counts_reprints_once(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    listing = client.get("/entities?type=LOC").text
    assert "Tverskaya" in listing and "Marsk" in listing
    page = client.get("/entities/LOC/Tverskaya").text
    assert re.search(r"<strong>2</strong> documents", page)
    assert re.search(r"<strong>1</strong> independent stories", page)
    colony = client.get("/entities/FAC/Penal Colony No. 7").text
    assert "as place" in colony and "recruitment_visit" in colony
    assert client.get("/entities/LOC/Atlantis").status_code == 404


def test_reviewing_in_the_browser_records_who_and_moves_on(
    store: Store,
    seeded: Any,
    users: dict[str, str],
    client_for: Callable,
    csrf: Callable[..., str],
) -> None:
    client = client_for(login="editor")
    visit, contract = seeded.events["visit"], seeded.events["contract"]
    page = client.get(f"/review?event={visit}").text
    assert 'data-shortcuts="review"' in page and "No decision yet" in page
    token = csrf(client, "/review")
    moved = client.post(f"/review/{visit}/verify", data={"csrf_token": token})
    assert moved.status_code == 303 and moved.headers["location"].startswith("/review?event=")
    corrected = client.post(
        f"/review/{contract}/correct",
        data={
            "csrf_token": token,
            "type": "contract_offer",
            "certainty": "asserted",
            "time_start": "2024-05-28",
            "role:quantity": "About 40 inmates | 200,000 roubles a month",
            "note": "they were offered, the signing is separate",
        },
    )
    assert corrected.status_code == 303
    with store.sessions() as session:
        row = session.get(EventRow, contract)
        assert (row.type, row.review_status) == ("contract_offer", "corrected")
        assert [f["text"] for f in row.data["roles"]["quantity"]] == [
            "About 40 inmates",
            "200,000 roubles a month",
        ]
        actors = session.execute(select(AuditRow.actor, AuditRow.action)).all()
    assert sorted(actors) == [("editor", "event.corrected"), ("editor", "event.verified")]
    shown = client.get(f"/review?event={contract}").text
    assert "enlistment" in shown  # the machine's type stays visible
    assert "type: enlistment → contract_offer" in shown
    queue = client.get("/review").text
    assert "2 events await a decision" in queue


def test_a_bad_correction_comes_back_on_the_page(
    seeded: Any, users: dict[str, str], client_for: Callable, csrf: Callable[..., str]
) -> None:
    client = client_for(login="editor")
    event = seeded.events["deploy"]
    response = client.post(
        f"/review/{event}/correct",
        data={"csrf_token": csrf(client, "/review"), "time_start": "June"},
    )
    assert response.status_code == 400
    assert "time_start must be a date like 2024-06-20, not &#39;June&#39;" in response.text


def test_admins_add_users_and_see_the_audit_chain(
    store: Store, users: dict[str, str], client_for: Callable, csrf: Callable[..., str]
) -> None:
    client = client_for(login="admin")
    token = csrf(client, "/admin/users")
    added = client.post(
        "/admin/users",
        data={"csrf_token": token, "name": "bo", "password": "long password", "role": "editor"},
    )
    assert added.status_code == 303
    refused = client.post(
        "/admin/users",
        data={"csrf_token": token, "name": "bo", "password": "long password", "role": "editor"},
    )
    assert "a user named &#39;bo&#39; already exists" in refused.text
    audit = client.get("/admin/audit").text
    assert "Hash chain intact: 1 rows checked." in audit and "user.add" in audit


def test_a_protected_witness_is_hidden_from_viewers_and_from_every_export(
    store: Store, seeded: Any, users: dict[str, str], client_for: Callable
) -> None:
    from storyline.store.schema import MentionRow

    with store.sessions.begin() as session:
        for mention in session.scalars(
            select(MentionRow).where(
                MentionRow.kind == "source", MentionRow.document_id.in_([seeded.colony])
            )
        ):
            mention.sensitivity = "protected"
    viewer, editor = client_for(login="viewer"), client_for(login="editor")
    for path in (f"/documents/{seeded.colony}?event=v1", f"/events?document={seeded.colony}"):
        seen = viewer.get(path).text
        assert "two former inmates" not in seen and ("[protected]" in seen or "█" in seen)
    # The mark is sealed at rest: editors read the name on the document page only.
    assert "two former inmates" in editor.get(f"/documents/{seeded.colony}?event=v1").text
    assert "two former inmates" not in editor.get(f"/events?document={seeded.colony}").text
    for client in (viewer, editor):
        rows = list(
            csv.DictReader(
                io.StringIO(client.get(f"/events/export.csv?document={seeded.colony}").text)
            )
        )
        visit = next(r for r in rows if r["trigger"] == "visited")
        assert visit["source"] == "[protected]"
    api = editor.get(f"/api/events?document={seeded.colony}").json()["items"]
    assert "two former inmates" not in [e["source"] for e in api]


def test_a_report_without_a_language_pack_says_so(store: Store, client_for: Callable) -> None:
    from datetime import UTC, datetime

    from storyline.capture.hashing import sha256_hex
    from storyline.model import Capture, Document
    from storyline.store import repository

    text = "Häftlinge an die Front\n\nDie Rekrutierung von Häftlingen geht weiter."
    data = text.encode()
    capture = Capture(data, sha256_hex(data), "de.txt", datetime(2024, 6, 2, tzinfo=UTC))
    document = Document(text=text, sha256=capture.sha256, body_start=24, language="de")
    added = repository.add_document(store, capture, document, None, parser_version="p/1")
    page = client_for(local=True).get(f"/documents/{added.document_id}").text
    assert 'id="not-extracted"' in page and "Not extracted: language de" in page
