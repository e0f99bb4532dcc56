"""Signing in and out, and the admin pages: users and the audit log.

A failed login says only "wrong name or password" (never which), and takes as long as a
successful one (argon2 runs either way). Too many failures lock the account name and the
client address for a while (:mod:`storyline.store.login_limits`): the lock is checked before
any hashing and answered with 429. Admin actions on users are audit rows too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.errors import AccountError, NotFoundInStoreError
from storyline.store import accounts, login_limits, review
from storyline.store.accounts import ROLES, Account
from storyline.store.passwords import MIN_LENGTH
from storyline.web import security
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)


_store = security.get_store


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The sign-in form (straight to the dashboard in single-user mode)."""
    if security.current_account(request) is not None:
        return RedirectResponse(security.safe_next(next), status_code=303)
    return render(
        request,
        "login.html",
        {
            "next": security.safe_next(next),
            "name": "",
            "error": None,
            "no_accounts": accounts.count_users(_store(request)) == 0,
        },
    )


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password, start a session and go where the user was going."""
    store = _store(request)
    address = request.client.host if request.client else "unknown"
    locked = login_limits.check(store, name, address)
    if locked is not None:
        return _login_refused(request, name, next, locked.message, 429, locked.seconds)
    account = accounts.authenticate(store, name.strip(), password)
    if account is None:
        login_limits.record_failure(store, name, address)
        return _login_refused(request, name, next, "Wrong user name or password.", 401)
    login_limits.clear(store, name)
    token = accounts.create_session(_store(request), account)
    response = RedirectResponse(security.safe_next(next), status_code=303)
    response.set_cookie(
        security.SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_TTL.total_seconds()),
        path="/",
        **security.cookie_flags(request.app.state.options),
    )
    return response


def _login_refused(
    request: Request, name: str, next: str, error: str, status: int, retry: int | None = None
) -> Response:
    response = render(
        request,
        "login.html",
        {
            "next": security.safe_next(next),
            "name": name,
            "error": error,
            "no_accounts": accounts.count_users(_store(request)) == 0,
        },
        status=status,
    )
    if retry is not None:
        response.headers["Retry-After"] = str(retry)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End this browser's session."""
    token = request.cookies.get(security.SESSION_COOKIE)
    if token:
        accounts.end_session(_store(request), token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


# ----------------------------------------------------------------------------------- admin


def _users_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    store = _store(request)
    admin_exists = accounts.admin_exists(store)
    return render(
        request,
        "users.html",
        {
            "users": accounts.list_users(store),
            "tokens": accounts.list_api_tokens(store),
            "roles": ROLES,
            # While nobody is an admin (single-user mode), the new account must be one.
            "admin_exists": admin_exists,
            "default_role": "viewer" if admin_exists else "admin",
            "min_password": MIN_LENGTH,
            "error": error,
        },
        status=status,
    )


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, _: Annotated[Account, Depends(security.admin)]) -> Response:
    """Accounts, their roles and API tokens."""
    return _users_page(request)


@router.post("/admin/users")
def add_user(
    request: Request,
    who: Annotated[Account, Depends(security.admin)],
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
) -> Response:
    """Create an account (the first one must be an admin: it ends single-user mode)."""
    if role != "admin" and not accounts.admin_exists(_store(request)):
        message = (
            "no account is an admin yet: make this one an admin, "
            "or nobody could manage users once single-user mode ends"
        )
        return _users_page(request, message, status=400)
    try:
        created = accounts.add_user(_store(request), name.strip(), password, role)
    except AccountError as exc:
        return _users_page(request, str(exc), status=400)
    review.record(
        _store(request), who.name, "user.add", "user", created.id, {"name": name, "role": role}
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{name}")
def change_user(
    request: Request,
    name: str,
    who: Annotated[Account, Depends(security.admin)],
    role: Annotated[str | None, Form()] = None,
    disabled: Annotated[str | None, Form()] = None,
) -> Response:
    """Change a user's role, or disable or enable them."""
    flag = None if disabled is None else disabled == "1"
    try:
        changed = accounts.update_user(_store(request), name, role=role, disabled=flag)
    except (AccountError, NotFoundInStoreError) as exc:
        return _users_page(request, str(exc), status=400)
    review.record(
        _store(request),
        who.name,
        "user.change",
        "user",
        changed.id,
        {"name": name, "role": role, "disabled": flag},
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/admin/audit", response_class=HTMLResponse)
def audit(
    request: Request, _: Annotated[Account, Depends(security.admin)], offset: int = 0
) -> Response:
    """The newest audit rows and whether the hash chain is intact."""
    store = _store(request)
    rows, total = review.recent(store, 100, offset)
    return render(
        request,
        "audit.html",
        {
            "rows": rows,
            "total": total,
            "offset": offset,
            "chain": review.verify_chain(store),
            "head": review.head(store),
        },
    )
