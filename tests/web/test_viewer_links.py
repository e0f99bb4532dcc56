"""A viewer is never offered a link that answers 403.

Crawls every page a viewer reaches from the dashboard (one level of links out of each
page, plus htmx ``hx-get`` targets) and fetches each same-site link as that viewer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

LINK = re.compile(r'(?:href|hx-get)="(/[^"]*)"')
#: Links that are not pages (assets, the sign-out form's target).
SKIP = ("/static/", "/logout")


def _links(page: str) -> set[str]:
    return {html.unescape(m) for m in LINK.findall(page) if not m.startswith(SKIP)}


def test_a_viewer_sees_no_link_that_is_forbidden(
    seeded: Any, users: dict[str, str], client_for: Callable[..., Any]
) -> None:
    viewer = client_for(login="viewer")
    pages = {
        "/",
        "/documents",
        f"/documents/{seeded.colony}",
        f"/documents/{seeded.colony}?event=v1",
        "/events",
        "/entities",
        "/claims",
        f"/claims/event/{seeded.events['visit']}",
    }
    forbidden: dict[str, str] = {}
    seen: set[str] = set()
    for page in sorted(pages):
        response = viewer.get(page)
        assert response.status_code == 200, page
        for link in sorted(_links(response.text) - seen):
            seen.add(link)
            if viewer.get(link).status_code == 403:
                forbidden[link] = page
    assert len(seen) > 20  # the crawl really followed the pages' links
    assert forbidden == {}
