"""Claim pages and their API twins over reports ingested through the real pipeline.

Five short reports, written for this test: one about a colony near Kurgan, a repost of it
(the same story), an independent report of the same enlistment with another figure (and
markup in its headline), an official denial, and an unrelated report from Tambov. What
the pages must show is taken from ``storyline claims --format json`` over the same store,
not written down here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import update

from storyline.store import accounts, claim_standing, review
from storyline.store.db import Store
from storyline.store.schema import ClaimRow, MentionRow

pytestmark = pytest.mark.slow

FORTY = """Recruiters sign up inmates at Kurgan colony

About 40 inmates at Penal Colony No. 3 near Kurgan signed up to fight in Ukraine in April,
according to two former prisoners. The recruiters promised them pardons.
"""
REPOST = FORTY.replace("Kurgan colony", "Kurgan colony #Kurgan") + "\n#Kurgan #Ukraine #prisons\n"
SEVENTY = """Seventy Kurgan prisoners <img src=x onerror=alert(1)> enlist

Seventy inmates at Penal Colony No. 3 near Kurgan signed up to fight in Ukraine in April, a
relative of one inmate said.
"""
TAMBOV = """Colony in Tambov recruits

About 25 inmates at a penal colony in Tambov signed up in April, their lawyer said.
"""
DENIAL = """Kurgan prison service denies recruitment

Officials denied that any inmates at Penal Colony No. 3 near Kurgan signed up to fight in
Ukraine in April, the regional prison service said.
"""
REPORTS = [
    ("forty.txt", FORTY, "https://kurgan-news.example/a"),
    ("repost.txt", REPOST, "https://aggregator.example/b"),
    ("seventy.txt", SEVENTY, "https://ural-daily.example/c"),
    ("tambov.txt", TAMBOV, "https://tambov.example/d"),
    ("denial.txt", DENIAL, "https://kurgan-prisons.example/e"),
]


@pytest.fixture
def reports(cli: Callable[..., Any], write: Callable[..., Any], store: Store) -> Callable:
    """Ingest the reports; return ``claims(*args)``, the CLI's JSON over the same store."""
    for name, text, url in REPORTS:
        result = cli("add", str(write(name, text)), "--published", "2024-05-02", "--url", url)
        assert result.exit_code == 0, result.stderr

    def claims(*args: str) -> list[dict[str, Any]]:
        result = cli("claims", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return claims


def _contradicted(claims: Callable) -> dict[str, Any]:
    [group] = claims("--contradictions")
    return group


def _of_kind(group: dict[str, Any], kind: str) -> dict[str, Any]:
    [contradiction] = [c for c in group["contradictions"] if c["kind"] == kind]
    return contradiction


def _linked(html: str) -> list[int]:
    """The first events of the groups a claims table links to, in order."""
    return [
        int(n) for n in re.findall(r'<td><a href="/claims/event/(\d+)"><span class="badge">', html)
    ]


def _firsts(groups: list[dict[str, Any]]) -> list[int]:
    return [g["events"][0]["event"] for g in groups]


def test_claims_list_shows_what_the_cli_computes_and_filters_it(
    reports: Callable, users: Any, client_for: Callable
) -> None:
    client = client_for(login="viewer")
    page = client.get("/claims")
    assert page.status_code == 200
    shared = reports()
    assert _linked(page.text) == _firsts(shared) and shared, "claims of ≥2 documents by default"
    group = _contradicted(reports)
    row = page.text[page.text.index(f'href="/claims/event/{group["events"][0]["event"]}"') :]
    row = row[: row.index("</tr>")]
    documents = len({e["document"] for e in group["events"]})
    assert f'<td class="num">{documents}</td>' in row
    assert f'<td class="num">{group["independent_sources"]}</td>' in row
    assert f"{group['credibility']} · doubtful" in row and '<strong class="contradicted">yes' in row

    only = client.get("/claims?contradictions=1").text
    assert _linked(only) == _firsts(reports("--contradictions"))
    every = client.get("/claims?all=1").text
    assert _linked(every) == _firsts(reports("--all"))
    assert len(_linked(every)) > len(_linked(page.text)), "single-document claims exist"
    kind = shared[-1]["type"]
    typed = client.get(f"/claims?type={kind}&all=1", headers={"HX-Request": "true"}).text
    assert typed.startswith('<div id="claims-table">')
    assert _linked(typed) == _firsts(reports("--all", "--type", kind))
    assert "No claims match" in client.get("/claims?type=no_such_type").text


def test_claims_list_pages(reports: Callable, users: Any, client_for: Callable) -> None:
    client = client_for(login="viewer", page_size=1)
    every = reports("--all")
    first = client.get("/claims?all=1").text
    assert f"1–1 of {len(every)}" in first and 'rel="next"' in first
    second = client.get("/claims?all=1&offset=1").text
    assert _linked(second) == _firsts(every)[1:2]
    assert 'rel="prev" href="/claims?all=1"' in second


def test_group_page_sets_each_report_side_by_side_with_its_figures(
    reports: Callable, users: Any, client_for: Callable
) -> None:
    client = client_for(login="viewer")
    group = _contradicted(reports)
    first = group["events"][0]["event"]
    page = client.get(f"/claims/event/{first}").text
    for event in group["events"]:
        key = _key(client, event["document"], event["event"])
        assert f'href="/documents/{event["document"]}?event={key}"' in page
        for figure in event["figures"]:
            assert f">{figure['text']}</a>" in page
        # Any event of the group opens the same page.
        other = client.get(f"/claims/event/{event['event']}").text
        assert _events_on(other) == _events_on(page)
    assert f"<strong>{group['independent_sources']}</strong> independent sources" in page
    # The contradictions quote both values, each linked to its place in its document.
    section = page[page.index('id="contradictions"') : page.index('id="reports"')]
    figures = re.findall(r'“<a href="(/documents/\d+\?event=v\d+#m-q\d+)">([^<]+)</a>”', section)
    assert [text for _, text in figures] == re.findall(
        r"“([^”]+)”", _of_kind(group, "figure")["detail"]
    )
    target = client.get(figures[0][0].split("#")[0]).text
    assert '<mark class="evidence"' in target and f'id="{figures[0][0].split("#")[1]}"' in target
    fact = _of_kind(group, "fact")
    denied = next(e for e in group["events"] if e["event"] == fact["events"][1])
    assert denied["certainty"] == "negated"
    key = _key(client, denied["document"], denied["event"])
    assert re.search(
        rf'<a href="/documents/{denied["document"]}\?event={key}">[^<]+</a>” '
        r'<span class="stance">says it did not happen</span>',
        section,
    )
    # Report text is untrusted: the headline's markup arrives escaped.
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page


def _key(client: Any, document: int, event: int) -> str:
    body = client.get(f"/api/documents/{document}").json()
    return next(e["id"] for e in body["events"] if e["event_id"] == event)


def _events_on(html: str) -> list[str]:
    return re.findall(r'<h3><a href="(/documents/\d+\?event=v\d+)">', html)


def test_group_ids_are_addresses_and_unknown_events_say_why(
    reports: Callable, users: Any, client_for: Callable
) -> None:
    client = client_for(login="viewer")
    group = _contradicted(reports)
    by_id = client.get(f"/claims/{group['claim']}")
    assert by_id.status_code == 200 and f"claim {group['claim']}" in by_id.text
    assert "(for now)" not in by_id.text, "claim ids are stable"
    assert "Decide" not in by_id.text, "viewers see no editor forms"
    assert client.get("/claims/999").status_code == 404
    missing = client.get("/claims/event/99999")
    assert missing.status_code == 404 and "event 99999 is in no claim" in missing.text


def test_api_twins_answer_the_cli_shape_with_values_and_spans(
    store: Store, reports: Callable, users: Any, client_for: Callable
) -> None:
    client = client_for()
    headers = {"Authorization": f"Bearer {accounts.create_api_token(store, 'viewer', 't')}"}
    listed = client.get("/api/claims?all=1&limit=2", headers=headers).json()
    every = reports("--all")
    assert (listed["total"], listed["next"]) == (len(every), 2 if len(every) > 2 else None)
    assert [i["first_event"] for i in listed["items"]] == _firsts(every)[:2]
    only = client.get("/api/claims?contradictions=1", headers=headers).json()
    group = _contradicted(reports)
    [item] = only["items"]
    assert (item["claim"], item["independent_sources"], item["credibility"]) == (
        group["claim"],
        group["independent_sources"],
        group["credibility"],
    )
    assert item["credibility_meaning"] == "doubtful" and item["contradiction"] is True

    detail = client.get(f"/api/claims/event/{group['events'][-1]['event']}", headers=headers)
    body = detail.json()
    for key in ("claim", "type", "independent_sources", "stories", "credibility", "contradiction"):
        assert body[key] == group[key], key
    assert [e["event"] for e in body["events"]] == [e["event"] for e in group["events"]]
    assert [(c["kind"], c["events"], c["detail"]) for c in body["contradictions"]] == [
        (c["kind"], c["events"], c["detail"]) for c in group["contradictions"]
    ]
    for contradiction in body["contradictions"]:
        for value in contradiction["values"]:
            document = client.get(f"/api/documents/{value['document']}", headers=headers).json()
            assert document["text"][value["start"] : value["end"]] == value["text"]
    figure = next(c for c in body["contradictions"] if c["kind"] == "figure")
    assert [v["text"] for v in figure["values"]] == re.findall(r"“([^”]+)”", figure["detail"])
    fact = next(c for c in body["contradictions"] if c["kind"] == "fact")
    assert [v["certainty"] for v in fact["values"]][1] == "negated"
    missing = client.get("/api/claims/event/99999", headers=headers)
    assert missing.status_code == 404 and "is in no claim" in missing.json()["detail"]
    assert client.get("/api/claims?limit=0", headers=headers).status_code == 400
    described = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/claims", "/api/claims/event/{event_id}"} <= set(described)


def test_protected_figures_are_blacked_out_for_viewers_only(
    store: Store, reports: Callable, users: Any, client_for: Callable
) -> None:
    # A mark made by hand in SQL is sealed before the next request reads it: the figure is
    # blacked out in the stored record, so claim pages and their API cannot show it to
    # anyone; editors read it on the document page (docs/web.md, threat model).
    group = _contradicted(reports)
    contradiction = _of_kind(group, "figure")
    event = next(e for e in group["events"] if e["event"] == contradiction["events"][0])
    [figure] = event["figures"]
    with store.sessions.begin() as session:
        session.execute(
            update(MentionRow)
            .where(MentionRow.document_id == event["document"], MentionRow.start == figure["start"])
            .values(sensitivity="protected")
        )
    url = f"/claims/event/{event['event']}"
    viewer = client_for(login="viewer")
    page = viewer.get(url).text
    assert figure["text"] not in page and "█" * len(figure["text"]) in page
    api = viewer.get(f"/api/claims/event/{event['event']}").json()
    assert figure["text"] not in json.dumps(api, ensure_ascii=False)
    editor = client_for(login="editor")
    assert figure["text"] not in editor.get(url).text
    assert figure["text"] in editor.get(f"/api/documents/{event['document']}").json()["text"]
    assert figure["text"] not in viewer.get(f"/api/documents/{event['document']}").text


def _card(html: str, document: int) -> str:
    """The group page's card of one document."""
    [card] = [c for c in html.split("<article")[1:] if f'href="/documents/{document}?' in c]
    return card


def test_dashboard_counts_open_contradictions_without_waiting(
    reports: Callable, users: Any, client_for: Callable
) -> None:
    client = client_for(login="viewer")
    expected = len(reports("--all", "--contradictions"))
    assert expected, "the reports disagree"
    board = client.get("/").text
    assert 'hx-get="/claims/summary"' in board, "the count loads after the dashboard shows"
    assert '<a href="/claims" ' in board, "the claims page is in the navigation"
    summary = client.get("/claims/summary", headers={"HX-Request": "true"}).text
    claims = "claim" if expected == 1 else "claims"
    assert f"<strong>{expected}</strong> {claims} with open contradictions" in summary
    assert 'href="/claims?contradictions=1"' in summary
    assert "not counted yet" not in summary, "ingest counted every claim it changed"


def test_the_contradiction_list_follows_the_record_at_once(
    cli: Callable, reports: Callable, store: Store, users: Any, client_for: Callable
) -> None:
    """The list finds its claims by their kept counts and reads their standing now: an
    outlet grade shows at once, and so does a disagreement that a rejection written
    behind the app's back removes (its claim's count is then unknown and checked)."""
    client = client_for(login="viewer")
    group = _contradicted(reports)
    listed = "/claims?contradictions=1"
    assert "<td>B</td>" not in client.get(listed).text
    assert cli("outlet", "set", "kurgan-news.example", "--reliability", "B").exit_code == 0
    assert "<td>B</td>" in client.get(listed).text
    first = f'href="/claims/event/{group["events"][0]["event"]}"'
    assert first in client.get(listed).text
    for contradiction in group["contradictions"]:  # one side of each, not through the app
        review.reject_event(store, contradiction["events"][1], "test")
    assert claim_standing.unknown(store), "not counted yet: the page checks it itself"
    assert first not in client.get(listed).text
    summary = client.get("/claims/summary", headers={"HX-Request": "true"}).text
    assert "<strong>0</strong> claims with open contradictions" in summary
    assert reports("--contradictions") == [], "the CLI agrees"


def test_changed_claims_beyond_what_a_page_checks_are_named_not_guessed(
    reports: Callable,
    store: Store,
    users: Any,
    client_for: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = _contradicted(reports)
    client = client_for(login="viewer")
    with store.sessions.begin() as session:  # a document's figures changed by hand
        session.execute(
            update(MentionRow).where(MentionRow.document_id > 0).values(end=MentionRow.end)
        )
    assert claim_standing.unknown(store), "every claim of those reports is to be counted again"
    monkeypatch.setattr(claim_standing, "LIVE", 0)
    page = client.get("/claims?contradictions=1").text
    assert "changed since their contradictions were last counted" in page
    assert f'href="/claims/event/{group["events"][0]["event"]}"' not in page, "not guessed"
    summary = client.get("/claims/summary", headers={"HX-Request": "true"}).text
    assert "changed claims not counted yet" in summary
    api = client.get("/api/claims?contradictions=1").json()
    assert api["total"] == 0 and api["unchecked"] >= 1, "the API says so too"
    monkeypatch.undo()
    assert (
        f'href="/claims/event/{group["events"][0]["event"]}"'
        in client.get("/claims?contradictions=1").text
    )


def test_a_review_decision_in_the_app_leaves_every_count_known(
    reports: Callable, store: Store, users: Any, client_for: Callable, csrf: Callable[..., str]
) -> None:
    group = _contradicted(reports)
    client = client_for(login="editor")
    event = group["contradictions"][0]["events"][1]
    token = csrf(client, f"/review/{event}")
    done = client.post(f"/review/{event}/reject", data={"csrf_token": token})
    assert done.status_code in (200, 303), done.text
    assert claim_standing.unknown(store) == 0, "counted once the response went out"
    with store.sessions() as session:
        kept = session.get(ClaimRow, group["claim"])
        assert kept is not None
        assert kept.contradictions == len(
            next(g for g in reports("--all") if g["claim"] == group["claim"])["contradictions"]
        )


def test_an_editor_dismisses_a_contradiction_and_detaches_an_event(
    reports: Callable, users: Any, client_for: Callable, csrf: Callable[..., str]
) -> None:
    group = _contradicted(reports)
    claim = group["claim"]
    client = client_for(login="editor")
    page = f"/claims/{claim}"
    token = csrf(client, page)
    assert "Decide" in client.get(page).text
    key = _of_kind(group, "figure")["key"]
    done = client.post(f"{page}/dismiss", data={"csrf_token": token, "key": key, "note": "x"})
    assert done.status_code == 303 and done.headers["location"] == page
    [after] = [g for g in reports("--all") if g["claim"] == claim]
    assert key not in [c["key"] for c in after["contradictions"]]
    wrong = client.post(f"{page}/merge", data={"csrf_token": token, "other": "abc"})
    assert wrong.status_code == 303 and "error=" in wrong.headers["location"]
    last = group["events"][-1]["event"]
    moved = client.post(f"{page}/detach", data={"csrf_token": token, "event": str(last)})
    assert moved.status_code == 303 and moved.headers["location"] != page
    assert all(
        last not in [e["event"] for e in g["events"]]
        for g in reports("--all")
        if g["claim"] == claim
    )
    viewer = client_for(login="viewer")
    refused = viewer.post(f"{page}/detach", data={"csrf_token": csrf(viewer, page), "event": "1"})
    assert refused.status_code == 403


def test_no_request_assigns_a_backlog_the_list_says_how_many_wait_and_the_cli_assigns(
    cli: Callable, reports: Callable, users: Any, client_for: Callable, store: Store
) -> None:
    """A store whose events are in no claim (built before claims were kept, or a regrouping
    stopped half-way) would make the first claims request assign them all, hours at a
    million events. Requests read what is assigned and say what waits; the CLI assigns."""
    from sqlalchemy import delete, func, select

    from storyline.store.schema import ClaimKeyRow, ClaimMemberRow, ClaimRow, EventRow

    before = reports()
    assert before, "the reports make at least one claim of several documents"
    with store.sessions.begin() as session:  # the state such a store is in
        session.execute(delete(ClaimKeyRow))
        session.execute(delete(ClaimMemberRow))
        session.execute(delete(ClaimRow))
        waiting = session.scalar(
            select(func.count(EventRow.id)).where(EventRow.review_status != "rejected")
        )
    client = client_for(login="viewer")
    page = client.get("/claims").text
    assert f"{waiting} events are in no claim yet" in page
    assert "storyline claims" in page
    assert "No claims match" in page, "nothing assigned by the request"
    event = before[0]["events"][0]["event"]
    missing = client.get(f"/claims/event/{event}")
    assert missing.status_code == 404 and "not assigned yet" in missing.text
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ClaimMemberRow)) == 0
    after = reports()  # the CLI assigns every waiting event first
    assert [g["events"] for g in after] == [g["events"] for g in before]
    store.__dict__.pop("_facet_cache", None)  # the count is looked at once a minute
    assert "in no claim yet" not in client.get("/claims").text
    assert client.get(f"/claims/event/{event}").status_code == 200


def test_a_keys_job_still_to_run_is_not_shown_as_an_unassigned_event(
    reports: Callable, users: Any, client_for: Callable, store: Store
) -> None:
    """A store from before claim keys has a job left (written by the next `storyline
    claims`); every event is in a claim, so the list must not say one waits."""
    from datetime import UTC, datetime

    from storyline.store.schema import BatchJobRow

    assert reports(), "every event is assigned"
    now = datetime.now(UTC)
    with store.sessions.begin() as session:
        session.add(BatchJobRow(name="claims.keys", position=0, started_at=now, updated_at=now))
    page = client_for(login="viewer").get("/claims").text
    assert "in no claim yet" not in page
