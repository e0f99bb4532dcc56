"""Commands for the web app: serve, and the accounts and API tokens it signs people in with.

``storyline serve`` on 127.0.0.1 with no accounts runs in single-user mode (whoever opens
the page on this computer is its admin), so a newcomer can ``make demo`` and browse at
once. Listening anywhere else needs at least one account first: the command refuses with
one line rather than put an open record on a network.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from typing import Annotated, Any

import typer

from storyline.commands.common import (
    Output,
    app,
    audit,
    emit_json,
    err,
    out,
    print_table,
    settings,
    store,
)
from storyline.errors import AccountError
from storyline.store import accounts
from storyline.store.accounts import ROLES

user_app = typer.Typer(
    help="Manage the web app's accounts (roles: viewer, editor, admin).\n\n"
    "Example: storyline user add ana --role editor",
    no_args_is_help=True,
    rich_markup_mode=None,
)
token_app = typer.Typer(
    help="Manage API tokens for scripts using the JSON API.\n\n"
    "Example: storyline token create ana nightly-export",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond 127.0.0.1 accounts must exist.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(min=1, max=64, help="Worker processes (use the cores of a team server)."),
    ] = 1,
    insecure_cookies: Annotated[
        bool,
        typer.Option(
            "--insecure-cookies",
            help="Send cookies over plain HTTP too (only for a team server inside a trusted "
            "network without HTTPS; 127.0.0.1 does not need it).",
        ),
    ] = False,
) -> None:
    """Open the record as a web app: read, search, review and export in a browser.

    On 127.0.0.1 with no accounts it runs in single-user mode; create accounts with
    `storyline user add` to share it. Put it behind HTTPS to serve a team.

    Examples:

      storyline serve                                   # http://127.0.0.1:8000

      storyline --db postgresql://host/storyline serve --host 0.0.0.0 --port 8080
    """
    import os

    import uvicorn

    from storyline.settings import resolve_data_dir
    from storyline.web import app as web_app
    from storyline.web.config import WebOptions, is_loopback

    opened = store()
    local = is_loopback(host)
    users = accounts.count_users(opened)
    if not local and users == 0:
        raise AccountError(
            f"refusing to listen on {host}: the store has no accounts yet "
            "(create one with: storyline user add NAME --role admin)"
        )
    shown = f"[{host}]" if ":" in host else host
    mode = "single-user mode (no accounts yet)" if local and users == 0 else f"{users} accounts"
    err.print(f"Storyline on http://{shown}:{port} — {mode}; Ctrl+C stops it", highlight=False)
    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,
    }
    if workers == 1:
        options = WebOptions(local=local, secure_cookies=not insecure_cookies)
        uvicorn.run(web_app.create_app(opened, settings(), options), **common)
        return
    # Each worker process builds its own app and store from the environment.
    current = settings()
    os.environ.update(
        {
            "STORYLINE_DB": current.db,
            "STORYLINE_DATA_DIR": str(resolve_data_dir(current)),
            web_app.ENV_LOCAL: "1" if local else "0",
            web_app.ENV_SECURE_COOKIES: "0" if insecure_cookies else "1",
        }
    )
    opened.close()
    uvicorn.run("storyline.web.app:app_from_environment", factory=True, workers=workers, **common)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    role: Annotated[
        str | None,
        typer.Option(help="viewer, editor or admin (default: admin for the first account)."),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an account; asks for the password twice (or reads it with --password-stdin).

    Passwords need 12 characters and must not be common or the user name. The first
    account is an admin unless --role says otherwise, so the team can manage users.

    Example: storyline user add ana --role editor
    """
    opened = store()
    chosen = role or ("admin" if accounts.count_users(opened) == 0 else "viewer")
    created = accounts.add_user(opened, name, _password(password_stdin), chosen)
    audit(opened, "user.add", "user", created.id, {"name": created.name, "role": created.role})
    out.print(f"user {created.name} added as {created.role}", highlight=False)


@user_app.command("list")
def user_list(
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """List accounts with their roles.

    Example: storyline user list
    """
    rows = [
        [a.name, a.role, created.strftime("%Y-%m-%d %H:%M"), "disabled" if off else "active"]
        for a, created, off in accounts.list_users(store())
    ]
    header = ["name", "role", "created", "state"]
    if format is Output.json:
        emit_json([dict(zip(header, row, strict=True)) for row in rows])
    elif not rows:
        out.print("no accounts: the web app runs in single-user mode on 127.0.0.1")
    else:
        print_table(None, header, rows)


@user_app.command("set")
def user_set(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str | None, typer.Option(help=f"New role: {', '.join(ROLES)}.")] = None,
    disable: Annotated[
        bool | None,
        typer.Option("--disable/--enable", help="Lock the account out (ends its sessions)."),
    ] = None,
    password: Annotated[
        bool, typer.Option("--password", help="Set a new password (asked twice).")
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from stdin.")
    ] = False,
) -> None:
    """Change an account's role, password, or whether it may sign in.

    A new password also revokes the user's API tokens and clears a sign-in lock. The last
    active admin cannot be demoted or disabled.

    Example: storyline user set ana --role admin
    """
    new_password = _password(password_stdin) if password or password_stdin else None
    if role is None and disable is None and new_password is None:
        raise typer.BadParameter("nothing to change: give --role, --disable/--enable or --password")
    opened = store()
    changed = accounts.update_user(opened, name, role=role, disabled=disable, password=new_password)
    detail = {"name": name, "role": role, "disabled": disable, "password": new_password is not None}
    audit(opened, "user.change", "user", changed.id, detail)
    state = {True: ", disabled", False: ", enabled", None: ""}[disable]
    out.print(f"user {changed.name}: {changed.role}{state}", highlight=False)


@token_app.command("create")
def token_create(
    user: Annotated[str, typer.Argument(help="The account the token acts for.")],
    name: Annotated[str, typer.Argument(help="What uses the token, e.g. nightly-export.")],
    days: Annotated[
        int | None,
        typer.Option(
            min=1, max=3650, help="Days the token works (default STORYLINE_TOKEN_DAYS, 90)."
        ),
    ] = None,
) -> None:
    """Create an API token and print it once (it is stored only as a hash).

    Scripts send it as `Authorization: Bearer TOKEN`. It expires after --days, and when
    its user's password changes.

    Example: storyline token create ana nightly-export --days 30
    """
    opened = store()
    lifetime = timedelta(days=days or settings().token_days)
    token = accounts.create_api_token(opened, user, name, lifetime)
    created = accounts.list_api_tokens(opened)[-1]
    audit(opened, "token.create", "token", int(str(created["id"])), {"user": user, "name": name})
    err.print(
        f"API token for {user} ({name}), valid until {created['expires_at']:%Y-%m-%d}; "
        "it is shown only now:",
        highlight=False,
    )
    sys.stdout.write(token + "\n")


@token_app.command("list")
def token_list(
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """List API tokens (never the tokens themselves).

    Example: storyline token list
    """
    tokens = accounts.list_api_tokens(store())
    if format is Output.json:
        emit_json(tokens)
        return
    rows = [
        [
            t["id"],
            t["user"],
            t["name"],
            f"{t['created_at']:%Y-%m-%d}",
            f"{t['last_used_at']:%Y-%m-%d %H:%M}" if t["last_used_at"] else "never",
            f"{t['expires_at']:%Y-%m-%d}" if t["expires_at"] else "never",
            "revoked" if t["revoked"] else "expired" if t["expired"] else "active",
        ]
        for t in tokens
    ]
    if rows:
        header = ["id", "user", "name", "created", "last used", "expires", "state"]
        print_table(None, header, rows)
    else:
        out.print("no API tokens")


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(help="Token id (see storyline token list).")],
) -> None:
    """Revoke an API token; scripts using it get 401 from then on.

    Example: storyline token revoke 3
    """
    opened = store()
    accounts.revoke_api_token(opened, token_id)
    audit(opened, "token.revoke", "token", token_id, {})
    out.print(f"token {token_id} revoked")
