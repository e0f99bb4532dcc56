"""Every command-line change is audited, and `storyline audit` checks the chain (issue 15.11).

Also the account rules as the command line applies them: the first account is an admin,
the last admin stays one, tokens expire (issue 15, Low items).
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, func, select

from storyline.store.db import open_store
from storyline.store.schema import AuditRow

PASSWORD = "a long enough secret"
REPORT = (
    "Recruiters visited the colony in Kessel in March 2024\n\n"
    "Recruiters visited the women's colony in Kessel twice in March 2024, two former "
    "inmates said. About 30 women signed contracts."
)


def _audit_rows(db_url: str, tmp_path: Path) -> list[tuple[str, str, str]]:
    store = open_store(db_url, tmp_path / "blobs")
    try:
        with store.sessions() as session:
            rows = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
            return [(r.actor, r.action, r.object_type) for r in rows]
    finally:
        store.close()


def test_every_command_line_change_writes_an_audit_row(
    cli, write, db_url: str, tmp_path: Path
) -> None:
    steps = [
        ("user", "add", "ana", "--password-stdin"),
        ("user", "set", "ana", "--password-stdin"),
        ("token", "create", "ana", "nightly"),
        ("token", "revoke", "1"),
        ("add", str(write("kessel.txt", REPORT)), "--no-extract"),
        ("set", "1", "--published", "2024-04-02"),
        ("outlet", "set", "example.org", "--reliability", "B"),
    ]
    for step in steps:
        result = cli(*step, input="another long secret\n" if "user" in step else None)
        assert result.exit_code == 0, (step, result.stderr)
    rows = _audit_rows(db_url, tmp_path)
    assert [(action, kind) for _, action, kind in rows] == [
        ("user.add", "user"),
        ("user.change", "user"),
        ("token.create", "token"),
        ("token.revoke", "token"),
        ("document.add", "document"),
        ("document.set", "document"),
        ("outlet.set", "outlet"),
    ]
    assert {actor for actor, _, _ in rows} == {rows[0][0]} and rows[0][0].startswith("cli:")
    verified = cli("audit", "verify")
    assert (verified.exit_code, verified.stdout.strip()) == (
        0,
        "audit chain intact: 7 rows checked",
    )


def test_audit_head_and_verify_catch_a_cut_log(cli, db_url: str, tmp_path: Path) -> None:
    for name in ("ana", "bo", "cy"):
        assert cli("user", "add", name, "--password-stdin", input=f"{PASSWORD}\n").exit_code == 0
    printed = cli("audit", "head", "--format", "json")
    anchor = json.loads(printed.stdout)
    assert anchor["rows"] == 3 and len(anchor["hash"]) == 64
    saved = tmp_path / "anchor.json"
    saved.write_text(printed.stdout)
    table = cli("audit", "head").stdout.split()
    assert table == ["rows", "3", "hash", anchor["hash"]]
    ok = cli("audit", "verify", "--anchor", str(saved))
    assert ok.stdout.strip() == "audit chain intact: 3 rows checked; holds the anchored row 3"

    store = open_store(db_url, tmp_path / "blobs")
    try:
        with store.sessions.begin() as session:
            newest = session.scalar(select(func.max(AuditRow.id)))
            session.execute(delete(AuditRow).where(AuditRow.id == newest))
    finally:
        store.close()
    broken = cli("audit", "verify")
    assert broken.exit_code == 1
    assert broken.stderr == (
        "error: audit chain broken: the chain has 2 rows but its head record says 3: rows "
        "were deleted or the head was changed\n"
    )
    against = cli("audit", "verify", "--anchor", "-", input=printed.stdout)
    assert against.exit_code == 1 and "audit chain broken" in against.stderr


def test_a_bad_anchor_file_is_one_line(cli, tmp_path: Path) -> None:
    missing = cli("audit", "verify", "--anchor", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1
    assert "cannot read the anchor" in missing.stderr
    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"rows": -1}')
    bad = cli("audit", "verify", "--anchor", str(garbage))
    assert bad.exit_code == 1 and "not an audit anchor" in bad.stderr


def test_the_first_account_is_an_admin_and_the_last_admin_stays(cli) -> None:
    first = cli("user", "add", "ana", "--password-stdin", input=f"{PASSWORD}\n")
    assert first.stdout.strip() == "user ana added as admin"
    second = cli("user", "add", "bo", "--password-stdin", input=f"{PASSWORD}\n")
    assert second.stdout.strip() == "user bo added as viewer"
    for args in (("--role", "editor"), ("--disable",)):
        refused = cli("user", "set", "ana", *args)
        assert refused.exit_code == 1
        assert refused.stderr.startswith("error: ana is the last admin")


def test_tokens_expire_after_the_days_given(cli) -> None:
    cli("user", "add", "ana", "--password-stdin", input=f"{PASSWORD}\n")
    created = cli("token", "create", "ana", "nightly", "--days", "7")
    assert created.exit_code == 0 and "valid until" in created.stderr
    listed = json.loads(cli("token", "list", "--format", "json").stdout)[0]
    assert listed["expired"] is False
    assert listed["expires_at"][:10] > listed["created_at"][:10]
    refused = cli("token", "create", "ana", "x", "--days", "0")
    assert refused.exit_code == 2


def test_imported_posts_are_audited_like_added_files(cli, db_url: str, tmp_path: Path) -> None:
    post = {
        "id": 2,
        "type": "message",
        "date": "2024-06-20T10:00:00",
        "date_unixtime": "1718877600",
        "from": "Calder Watch",
        "text": REPORT,
    }
    export = tmp_path / "calder.json"
    channel = {"name": "Calder Watch", "type": "public_channel", "id": 1001, "messages": [post]}
    export.write_text(json.dumps(channel), encoding="utf-8")
    result = cli("import", "telegram", str(export), "--no-extract")
    assert result.exit_code == 0, result.stderr
    assert [action for _, action, _ in _audit_rows(db_url, tmp_path)] == ["document.add"]
