"""The web app's adds run under the same per-input work limit as ``storyline add``: a report
over it is a 400 with the limit's line, and the next add works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.settings import Settings
from storyline.store import accounts
from storyline.store.db import Store

pytestmark = pytest.mark.slow

SENTENCES = (
    "On Monday police detained 12 protesters in Kazan, officials said.",
    "Two days later, about 40 people were killed in Samara, according to the ministry.",
    "Rights groups said at least 300 inmates had signed contracts since March 2023.",
)
#: 60,000 characters of event-dense text: several seconds of extraction, against 1 s.
DENSE = "Dense report\n\n" + " ".join(SENTENCES[i % 3] for i in range(1_000))[:60_000]
SHORT = "Short report\n\nOn Monday police detained 12 protesters in Kazan, officials said."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The app's settings with a one-second limit per input."""
    return Settings(data_dir=tmp_path / "blobs", extract_timeout=1)


def test_an_add_over_the_time_limit_is_a_400_and_the_next_add_works(
    store: Store, users: dict[str, str], client_for: Callable
) -> None:
    token = accounts.create_api_token(store, "editor", "limits")
    headers = {"Authorization": f"Bearer {token}"}
    client = client_for()
    slow = client.post("/api/documents", json={"text": DENSE}, headers=headers)
    assert slow.status_code == 400, slow.text
    assert slow.json() == {
        "detail": "not extracted: took longer than 1 s (STORYLINE_EXTRACT_TIMEOUT)"
    }
    quick = client.post("/api/documents", json={"text": SHORT}, headers=headers)
    assert quick.status_code == 201, quick.text
    listed = client.get("/api/documents", headers=headers).json()
    assert [d["title"] for d in listed["items"]] == ["Short report"]
