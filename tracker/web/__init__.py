"""The web dashboard (`tracker web`): an ASGI app over storage, HTML pages and JSON.

- `app`: the routes, security headers, serving with uvicorn;
- `present`: what the pages show, decided apart from serving (pure);
- `auth`: sign-in sessions and CSRF tokens for `--review` (signed cookies);
- `templates/`, `static/`: Jinja2 templates (autoescaped) and the stylesheet.

May import tracker.types, tracker.errors, tracker.config, tracker.records, the pure
digest content (highlighting, safe links) and the Storage facade; nothing imports it
but the CLI, which imports `web.app` and `web.auth` by name (this `__init__`
imports nothing, so the pure `present` loads no web framework).
"""
