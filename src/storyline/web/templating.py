"""Jinja2 templates: one environment, autoescaping everything, and the context every page gets.

Autoescape is on for every template (not only ``*.html``), and undefined names fail loudly
(``StrictUndefined``), so a typo in a template is a test failure rather than an empty cell.
Partials (fragments that htmx swaps in) start with ``_``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from storyline import __version__
from storyline.exports import figure_text
from storyline.timespan import when_text
from storyline.views import input_name
from storyline.web import security
from storyline.web.highlight import KINDS

TEMPLATES = Path(__file__).parent / "templates"


def _date(value: date | datetime | None, missing: str = "unknown") -> str:
    if value is None:
        return missing
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied (empty values dropped)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def build() -> Jinja2Templates:
    """The app's template set."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no stat() per render
    )
    env.filters["day"] = _date
    env.filters["number"] = _number
    env.filters["input_name"] = input_name
    env.globals["query"] = query
    env.globals["when_text"] = when_text
    env.globals["figure_text"] = figure_text
    env.globals["version"] = __version__
    env.globals["mention_kinds"] = KINDS
    return Jinja2Templates(env=env)


templates = build()


def partial(request: Request) -> bool:
    """Whether htmx asked for a fragment (not a full page, as history restores do)."""
    return bool(request.headers.get("hx-request")) and not request.headers.get(
        "hx-history-restore-request"
    )


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render a page with the signed-in account, the CSRF token and the mode banner."""
    account = security.current_account(request)
    full = {
        "account": account,
        "csrf_token": security.csrf_token(request),
        "single_user": account is not None and account.id == 0,
        "path": request.url.path,
        **(context or {}),
    }
    response = templates.TemplateResponse(request, name, full, status_code=status)
    response.headers["Vary"] = "HX-Request"
    return response
