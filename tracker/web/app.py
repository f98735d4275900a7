"""The dashboard as an ASGI app (Starlette, Jinja2 templates, served by uvicorn).

Pages: `/` (every claim), `/claims/{id}` (a claim and its evidence, paged), `/feeds`
(feed health), `/stories?q=&feed=&lang=` (search); the same data as JSON under
`/api/`; `/healthz` (200 when the database answers, 503 otherwise).

Read-only unless built with a review token (`tracker web --review`): only then
do the sign-in and review routes exist. A review goes through `Storage.set_review`,
the call `tracker review` makes. Every response carries a Content-Security-Policy
that allows no script at all (the pages need none) and no inline style; templates
autoescape, and links are drawn only for http(s) URLs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from importlib import resources
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from starlette.responses import Response as StarletteResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Config
from ..errors import StorageError, TrackerError
from ..records import claim_record, evidence_record, feed_record, story_record
from ..storage import Storage
from ..types import ClaimStatus, ClaimSummary, EvidenceTally, ReviewDecision, Stance
from . import present
from .auth import COOKIE, SESSION_SECONDS, Session, Sessions

log = logging.getLogger(__name__)

EVIDENCE_PER_PAGE = 25
STORIES_PER_PAGE = 50
API_MAX_PER_PAGE = 500
CHART_DAYS = 30

#: No script may run (the pages have none), styles only from our stylesheet, forms
#: post only here, and no other site may frame the pages.
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: with it, Chromium sends `Origin: null` on our own form posts,
    # and the Origin check could not tell them from a sandboxed page of another site.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
STATUS_WORDS = {
    ClaimStatus.UNVERIFIED: "unverified",
    ClaimStatus.CORROBORATED: "corroborated",
    ClaimStatus.CONTRADICTED: "contradicted",
    ClaimStatus.DISPUTED: "disputed",
}
#: The review form's choices: (value, words, decision, relabelled stance).
REVIEW_CHOICES: tuple[tuple[str, str, ReviewDecision, Stance | None], ...] = (
    ("confirm", "confirm", ReviewDecision.CONFIRMED, None),
    ("reject", "reject", ReviewDecision.REJECTED, None),
    *((f"relabel-{s.value}", f"relabel: {s.value}", ReviewDecision.RELABELLED, s) for s in Stance),
)
LANGUAGES = (
    ("", "any language"),
    ("en", "English"),
    ("hi", "हिन्दी (Hindi)"),
    ("mr", "मराठी (Marathi)"),
)


class SecurityHeaders:
    """Adds the security headers to every response (pages, JSON, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] != b"server"]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("tracker.web", "templates"),
        autoescape=True,  # every value is text, whatever a feed put in it
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        stamp=present.stamp,
        safe_url=present.safe_url,
        text_lang=present.text_lang,
        stance_words=present.STANCE_WORDS,
        status_words=STATUS_WORDS,
        Stance=Stance,
    )
    return env


class Dashboard:
    """The routes, over one Storage and the configured claims."""

    def __init__(
        self,
        config: Config,
        storage: Storage,
        review_token: str | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.config = config
        self.storage = storage
        self.claims = {c.id: c for c in config.claims}
        self.sessions = Sessions(review_token) if review_token else None
        self.clock = clock
        self.env = _templates()
        #: The last value of each read that counts every verdict, with the key it was
        #: computed for (`_cached`).
        self._memo: dict[str, tuple[object, Any]] = {}

    # --- helpers ----------------------------------------------------------------------------

    def _cached(self, name: str, key: object, compute: Callable[[], Any]) -> Any:
        """`compute()`, or its last value when `key` is the one it was computed for.

        The claims' statuses and the evidence charts count every stored verdict
        (~100 ms together at 50,000 verdicts, in SQL): they are computed again only
        when `evidence_version` (~10 ms) says the verdicts, reviews or feeds
        changed, so a page right after a change (a review, a daemon's poll) shows
        it. Two requests racing compute twice.
        """
        hit = self._memo.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self._memo[name] = (key, value)
        return value

    def _summaries(self, version: object) -> list[ClaimSummary]:
        claims = self.config.claims
        return list(
            self._cached("summaries", version, lambda: self.storage.get_claim_summaries(claims))
        )

    def _recent(self, version: object, now: datetime) -> dict[str, list[EvidenceTally]]:
        """Each claim's tallies of the last 24 hours (to the minute)."""
        minute = now.replace(second=0, microsecond=0)
        since = minute - timedelta(hours=24)
        return dict(
            self._cached(
                "recent",
                (version, minute),
                lambda: present.tallies_by_claim(self.storage.evidence_tallies(since)),
            )
        )

    def _session(self, request: Request) -> tuple[Session | None, bool]:
        """The request's session, made anew when it has none; (session, is new)."""
        if self.sessions is None:
            return None, False
        found = self.sessions.load(request.cookies.get(COOKIE), time.time())
        if found is not None:
            return found, False
        return self.sessions.new(time.time()), True

    def _set_cookie(self, response: StarletteResponse, request: Request, session: Session) -> None:
        assert self.sessions is not None
        response.set_cookie(
            COOKIE,
            self.sessions.dump(session),
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )

    def _page(
        self, request: Request, template: str, context: Mapping[str, Any], status: int = 200
    ) -> HTMLResponse:
        session, new = self._session(request)
        html = self.env.get_template(template).render(
            request_path=request.url.path,
            review=self.sessions is not None,
            signed_in=bool(session and session.signed_in),
            csrf=self.sessions.csrf(session) if self.sessions and session else "",
            **context,
        )
        response = HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
        if session is not None and new:
            self._set_cookie(response, request, session)
        return response

    def _claim_or_404(self, claim_id: str) -> Any:
        claim = self.claims.get(claim_id)
        if claim is None:
            raise HTTPException(404, f"no claim {claim_id!r} is tracked")
        return claim

    # --- pages ------------------------------------------------------------------------------

    def index(self, request: Request) -> HTMLResponse:
        now = self.clock()
        version = self.storage.evidence_version()
        summaries = self._summaries(version)
        # Whole UTC days: the chart's window moves once a day, not with every request.
        chart_start = datetime.combine(
            now.date() - timedelta(days=CHART_DAYS - 1), dt_time(), tzinfo=UTC
        )
        charts = self._cached(
            "charts",
            (version, chart_start),
            lambda: present.tallies_by_claim(self.storage.evidence_tallies(chart_start)),
        )
        recent = self._recent(version, now)
        last_digest = self.storage.last_sent_digest()
        feeds = self.storage.get_feeds()
        successes = [f.last_success for f in feeds if f.last_success]
        rows = []
        for s in summaries:
            was = last_digest.claim_statuses.get(s.claim.id) if last_digest else None
            rows.append(
                {
                    "summary": s,
                    "chart": present.evidence_chart(
                        charts.get(s.claim.id, []), now.date(), days=CHART_DAYS
                    ),
                    "recent": present.stance_counts(recent.get(s.claim.id, [])),
                    "was": was if was is not None and was is not s.status else None,
                }
            )
        return self._page(
            request,
            "index.html",
            {
                "rows": rows,
                "now": now,
                "last_digest": last_digest,
                "feeds": len(feeds),
                "failing": sum(1 for f in feeds if f.error_count),
                "last_success": max(successes) if successes else None,
                "last_success_ago": present.ago(max(successes) if successes else None, now),
                "stories": self.storage.count_stories(),
                "verdicts": self.storage.count_evidence(),
            },
        )

    def claim(self, request: Request) -> HTMLResponse:
        claim = self._claim_or_404(request.path_params["claim_id"])
        page = present.Pager.parse(request.query_params.get("page"))
        total = self.storage.count_evidence(claim_id=claim.id, include_removed=False)
        pager = present.Pager(page, EVIDENCE_PER_PAGE, total, page * EVIDENCE_PER_PAGE < total)
        # As in the claim's status: stories of removed feeds are left out.
        items = self.storage.get_evidence(
            claim_id=claim.id, limit=EVIDENCE_PER_PAGE, offset=pager.offset, include_removed=False
        )
        version = self.storage.evidence_version()
        summary = next(s for s in self._summaries(version) if s.claim.id == claim.id)
        return self._page(
            request,
            "claim.html",
            {
                "claim": claim,
                "summary": summary,
                "items": [(e, present.marked(e.evidence, claim, e.reasons)) for e in items],
                "pager": pager,
                "now": self.clock(),
                "ago": present.ago,
                "choices": REVIEW_CHOICES,
                "reviewed": request.query_params.get("reviewed"),
                "page_href": lambda page: f"?page={page}",
            },
        )

    def feeds(self, request: Request) -> HTMLResponse:
        now = self.clock()
        feeds = self.storage.get_feeds()
        return self._page(
            request,
            "feeds.html",
            {
                "feeds": [(f, self.config.feed_interval(f.interval)) for f in feeds],
                "now": now,
                "ago": present.ago,
                "until": present.until,
                "failing": sum(1 for f in feeds if f.error_count),
            },
        )

    def _search(self, request: Request, per_page: int) -> tuple[dict[str, str], Any, list[Any]]:
        params = {
            key: request.query_params.get(key, "").strip()[:200] for key in ("q", "feed", "lang")
        }
        page = present.Pager.parse(request.query_params.get("page"))
        found = self.storage.get_stories(
            query=params["q"] or None,
            feed_url=params["feed"] or None,
            lang=params["lang"] or None,
            limit=per_page + 1,
            offset=(page - 1) * per_page,
        )
        pager = present.Pager(page, per_page, None, len(found) > per_page)
        return params, pager, found[:per_page]

    def stories(self, request: Request) -> HTMLResponse:
        params, pager, found = self._search(request, STORIES_PER_PAGE)
        verdicts = present.group_by_story(
            self.storage.get_evidence(story_ids=[s.id for s in found]) if found else []
        )
        languages = list(LANGUAGES)
        if params["lang"] and params["lang"] not in {code for code, _ in LANGUAGES}:
            languages.append((params["lang"], params["lang"]))
        return self._page(
            request,
            "stories.html",
            {
                "params": params,
                "pager": pager,
                "stories": [(s, verdicts.get(s.id, [])) for s in found],
                "feeds": self.storage.get_feeds(active_only=False),
                "languages": languages,
                "page_href": lambda page: "?" + urlencode({**params, "page": page}),
                "claims": self.claims,
            },
        )

    # --- JSON ---------------------------------------------------------------------------------

    def api_claims(self, request: Request) -> JSONResponse:
        version = self.storage.evidence_version()
        recent = self._recent(version, self.clock())
        data = []
        for s in self._summaries(version):
            record = claim_record(s)
            counts = present.stance_counts(recent.get(s.claim.id, []))
            record["last_24h"] = {stance.value: counts.get(stance, 0) for stance in Stance}
            data.append(record)
        return JSONResponse(data)

    def api_evidence(self, request: Request) -> JSONResponse:
        claim = self._claim_or_404(request.path_params["claim_id"])
        page = present.Pager.parse(request.query_params.get("page"))
        per_page = min(
            API_MAX_PER_PAGE, present.Pager.parse(request.query_params.get("per_page") or "100")
        )
        total = self.storage.count_evidence(claim_id=claim.id, include_removed=False)
        items = self.storage.get_evidence(
            claim_id=claim.id,
            limit=per_page,
            offset=(page - 1) * per_page,
            include_removed=False,
        )
        return JSONResponse(
            {
                "claim_id": claim.id,
                "page": page,
                "per_page": per_page,
                "total": total,
                "items": [evidence_record(e) for e in items],
            }
        )

    def api_feeds(self, request: Request) -> JSONResponse:
        return JSONResponse(
            [
                feed_record(f, self.config.feed_interval(f.interval))
                for f in self.storage.get_feeds()
            ]
        )

    def api_stories(self, request: Request) -> JSONResponse:
        _, pager, found = self._search(request, STORIES_PER_PAGE)
        return JSONResponse(
            {
                "page": pager.page,
                "has_next": pager.has_next,
                "items": [story_record(s) for s in found],
            }
        )

    def healthz(self, request: Request) -> PlainTextResponse:
        try:
            self.storage.ping()
        except StorageError as exc:
            log.warning("health check: %s", exc.message)
            return PlainTextResponse("database unavailable\n", status_code=503)
        return PlainTextResponse("ok\n")

    # --- review -------------------------------------------------------------------------------

    def _same_origin(self, request: Request) -> bool:
        """A browser's Origin header, when sent, names this site (defence beside the token)."""
        origin = request.headers.get("origin")
        if origin is None or origin == "null":
            return origin is None
        return urlsplit(origin).netloc == request.headers.get("host", "")

    async def _checked_form(self, request: Request) -> tuple[Session, Mapping[str, str]]:
        """The posted form of a session whose CSRF token it carries; 403 otherwise."""
        assert self.sessions is not None
        session = self.sessions.load(request.cookies.get(COOKIE), time.time())
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if (
            session is None
            or not self._same_origin(request)
            or not self.sessions.check_csrf(session, fields.get("csrf"))
        ):
            raise HTTPException(403, "the form has expired or did not come from this site: reload")
        return session, fields

    def signin_form(self, request: Request) -> HTMLResponse:
        return self._page(request, "signin.html", {"error": None, "next": _local(request)})

    async def signin(self, request: Request) -> StarletteResponse:
        assert self.sessions is not None
        _, fields = await self._checked_form(request)
        if not self.sessions.check_token(fields.get("token")):
            log.warning("failed sign-in from %s", request.client.host if request.client else "?")
            await asyncio.sleep(1)  # slows guessing down
            return self._page(
                request,
                "signin.html",
                {"error": "That is not the token.", "next": _local(request, fields.get("next"))},
                status=403,
            )
        response = RedirectResponse(_local(request, fields.get("next")), status_code=303)
        self._set_cookie(response, request, self.sessions.new(time.time(), signed_in=True))
        return response

    async def signout(self, request: Request) -> StarletteResponse:
        assert self.sessions is not None
        await self._checked_form(request)
        response = RedirectResponse("/", status_code=303)
        self._set_cookie(response, request, self.sessions.new(time.time()))
        return response

    async def review(self, request: Request) -> StarletteResponse:
        session, fields = await self._checked_form(request)
        if not session.signed_in:
            raise HTTPException(403, "sign in to review verdicts")
        choice = {value: (d, s) for value, _, d, s in REVIEW_CHOICES}.get(
            fields.get("decision", "")
        )
        if choice is None:
            raise HTTPException(400, "choose confirm, reject or a stance to relabel as")
        decision, stance = choice
        try:
            verdict_id = int(request.path_params["verdict_id"])
            e = await run_in_threadpool(
                self.storage.set_review,
                verdict_id,
                decision,
                stance=stance,
                note=fields.get("note", "")[:2000],
            )
        except StorageError as exc:
            raise HTTPException(404, exc.message) from None
        log.info("verdict %d reviewed in the browser: %s", e.verdict_id, decision.value)
        page = present.Pager.parse(fields.get("page"))
        query = urlencode({"page": page, "reviewed": e.verdict_id})
        return RedirectResponse(f"/claims/{e.claim_id}?{query}#v{e.verdict_id}", status_code=303)

    # --- errors -------------------------------------------------------------------------------

    async def http_error(self, request: Request, exc: Exception) -> StarletteResponse:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return self._page(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            exc.status_code,
        )

    async def tracker_error(self, request: Request, exc: Exception) -> StarletteResponse:
        assert isinstance(exc, TrackerError)
        log.error("%s %s: %s", request.method, request.url.path, exc.message)
        detail = "the database is not answering; try again shortly"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": detail}, status_code=503)
        html = self.env.get_template("error.html").render(
            request_path=request.url.path, review=False, signed_in=False, csrf="",
            status=503, detail=detail,
        )  # fmt: skip
        return HTMLResponse(html, status_code=503)


def _local(request: Request, target: str | None = None) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    target = target if target is not None else request.query_params.get("next", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def create_app(
    config: Config,
    storage: Storage,
    *,
    review_token: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> ASGIApp:
    """The dashboard over `storage`. With `review_token`, analysts may sign in with it
    and review verdicts; without it the app has no route that writes."""
    d = Dashboard(config, storage, review_token, clock or (lambda: datetime.now(UTC)))
    static = resources.files("tracker.web") / "static"
    routes = [
        Route("/", d.index),
        Route("/claims/{claim_id}", d.claim),
        Route("/feeds", d.feeds),
        Route("/stories", d.stories),
        Route("/api/claims", d.api_claims),
        Route("/api/claims/{claim_id}/evidence", d.api_evidence),
        Route("/api/feeds", d.api_feeds),
        Route("/api/stories", d.api_stories),
        Route("/healthz", d.healthz),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    if review_token:
        routes += [
            Route("/signin", d.signin_form, methods=["GET"]),
            Route("/signin", d.signin, methods=["POST"]),
            Route("/signout", d.signout, methods=["POST"]),
            Route("/verdicts/{verdict_id:int}/review", d.review, methods=["POST"]),
        ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: d.http_error, TrackerError: d.tracker_error},
    )
    return SecurityHeaders(app)


def serve(app: ASGIApp, *, host: str, port: int) -> None:
    """Serve `app` with uvicorn until SIGINT/SIGTERM. Logs go through our handlers
    (`--log-format json` included): uvicorn's own logging set-up is not used."""
    import uvicorn

    uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_config=None, server_header=False)
    ).run()
