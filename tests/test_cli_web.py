"""`storyline serve`, `storyline user …` and `storyline token …` through the real CLI."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from storyline.store import accounts
from storyline.store.db import open_store

PASSWORD = "a long enough secret"


def test_user_add_list_and_set(cli, db_url: str, tmp_path: Path) -> None:
    added = cli("user", "add", "ana", "--role", "editor", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.stderr
    assert "user ana added as editor" in added.stdout
    piped = cli("user", "add", "bo", "--password-stdin", input=f"{PASSWORD}\n")
    assert piped.exit_code == 0
    listed = json.loads(cli("user", "list", "--format", "json").stdout)
    assert [(u["name"], u["role"], u["state"]) for u in listed] == [
        ("ana", "editor", "active"),
        ("bo", "viewer", "active"),
    ]
    changed = cli("user", "set", "bo", "--role", "admin", "--disable")
    assert (changed.exit_code, changed.stdout.strip()) == (0, "user bo: admin, disabled")
    store = open_store(db_url, tmp_path / "blobs")
    try:
        assert accounts.authenticate(store, "ana", PASSWORD) is not None
        assert accounts.authenticate(store, "bo", PASSWORD) is None  # disabled
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["user", "add", "ana", "--role", "boss"], f"{PASSWORD}\n{PASSWORD}\n", "unknown role"),
        (["user", "add", "ana", "--password-stdin"], "short\n", "at least 12 characters"),
        (["user", "set", "ghost", "--role", "admin"], None, "no user named 'ghost'"),
        (["token", "create", "ghost", "script"], None, "no user named 'ghost'"),
        (["token", "revoke", "7"], None, "no API token with id 7"),
    ],
)
def test_account_errors_are_one_line(cli, args: list[str], stdin: str | None, message: str) -> None:
    result = cli(*args, input=stdin)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_tokens_are_printed_once_and_listed_without_the_secret(cli) -> None:
    cli("user", "add", "ana", "--password-stdin", input=f"{PASSWORD}\n")
    created = cli("token", "create", "ana", "nightly-export")
    assert created.exit_code == 0
    token = created.stdout.strip()
    assert token.startswith("sl_") and "shown only now" in created.stderr
    listing = json.loads(cli("token", "list", "--format", "json").stdout)
    assert [(t["user"], t["name"], t["revoked"]) for t in listing] == [
        ("ana", "nightly-export", False)
    ]
    assert token not in json.dumps(listing)
    revoked = cli("token", "revoke", str(listing[0]["id"]))
    assert (revoked.exit_code, revoked.stdout.strip()) == (0, f"token {listing[0]['id']} revoked")


def test_serve_refuses_a_public_address_without_accounts(cli) -> None:
    result = cli("serve", "--host", "0.0.0.0", "--port", "9")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: refusing to listen on 0.0.0.0: the store has no accounts yet "
        "(create one with: storyline user add NAME --role admin)\n"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_on_loopback_in_single_user_mode(
    db_url: str, tmp_path: Path, workers: str
) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "from storyline.cli import main; main()",
        "--db",
        db_url,
        "--data-dir",
        str(tmp_path / "blobs"),
        "serve",
        "--port",
        str(port),
        "--workers",
        workers,
    ]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        page = None
        for _ in range(100):
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert page is not None and page.status_code == 200
        assert "Single-user mode" in page.text
        assert "content-security-policy" in page.headers
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert f"Storyline on http://127.0.0.1:{port} — single-user mode" in stderr
