"""CI guard of the fuzz soak: a sample of the generated bad inputs through the CLI and the API.

The full soak (``benchmarks/fuzz_soak.py``, 2,000 inputs on both backends) is too slow for
every run; this sample of the same generator keeps its promises checked: every input gets
its own outcome, nothing crashes, no request answers 500.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.store import accounts
from storyline.store.db import Store
from storyline.web.app import create_app
from storyline.web.config import WebOptions

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_corpus", Path(__file__).parents[2] / "benchmarks" / "fuzz_corpus.py"
)
assert _SPEC is not None and _SPEC.loader is not None
fuzz_corpus = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("fuzz_corpus", fuzz_corpus)  # dataclasses look their module up
_SPEC.loader.exec_module(fuzz_corpus)

CASES = fuzz_corpus.sample(50)


def test_the_sample_covers_every_family() -> None:
    assert {case.family for case in CASES} == set(fuzz_corpus.FAMILIES)


def test_every_sampled_input_gets_its_own_outcome_from_the_cli(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_MAX_BYTES", "200000")
    monkeypatch.setenv("STORYLINE_FETCH_TIMEOUT", "2")
    folder = tmp_path / "fuzz"
    folder.mkdir()
    by_date: dict[str | None, list[str]] = {}
    for case in CASES:
        if case.is_url:
            item = case.url.replace("\x00", "%00")
        else:
            item = str(folder / f"{case.name}.txt")
            Path(item).write_bytes(case.data)
        by_date.setdefault(case.published, []).append(item)
    for published, items in by_date.items():
        extra = ["--published", published] if published else []
        result = cli("add", "--format", "json", *extra, *items)  # raises on any crash
        assert result.exit_code in (0, 1)
        outcomes = json.loads(result.stdout)
        assert [o["input"] for o in outcomes] == items
        assert all(o["status"] in ("added", "duplicate", "failed") for o in outcomes)
        assert all(o["error"] for o in outcomes if o["status"] == "failed")


def test_no_sampled_input_makes_the_api_answer_500(store: Store, settings: Any, users: Any) -> None:
    from fastapi.testclient import TestClient

    token = accounts.create_api_token(store, "editor", "fuzz")
    app = create_app(store, settings, WebOptions(local=False))
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app, base_url="https://storyline.test") as client:
        for number, case in enumerate(CASES):
            if case.is_url:
                payload: dict[str, object] = {"url": case.url}
            else:
                published = case.published or (
                    fuzz_corpus.BAD_DATES[number % 6] if number % 5 == 0 else None
                )
                text = case.data.decode("utf-8", errors="replace")
                payload = {"text": text, "published": published}
            response = client.post("/api/documents", json=payload, headers=headers)
            assert response.status_code in (200, 201, 400, 413), (case.name, response.text)
            body = response.json()
            assert body.get("status") or body.get("detail"), case.name
