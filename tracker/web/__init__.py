"""The web dashboard (`tracker web`): an ASGI app over storage, HTML pages and JSON.

- `app`: the routes, security headers, serving with uvicorn;
- `present`: what the pages show, decided apart from serving (pure);
- `auth`: sign-in sessions and CSRF tokens for `--review` (signed cookies);
- `templates/`, `static/`: Jinja2 templates (autoescaped) and the stylesheet.

May import tracker.types, tracker.errors, tracker.config, tracker.records, the pure
digest content (highlighting, safe links) and the Storage facade; nothing imports it
but the CLI.
"""

from __future__ import annotations

from .app import create_app, serve
from .auth import review_token_from_env

__all__ = ["create_app", "review_token_from_env", "serve"]
