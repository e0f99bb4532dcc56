"""The web app (``storyline serve``): server-rendered pages, htmx, and a JSON API.

``create_app(store, settings)`` builds it; see ``docs/web.md``.
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
