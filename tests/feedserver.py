"""A real HTTP server on 127.0.0.1 for tests: feeds, redirects, slow and hostile servers.

Tests never mock HTTP; they start this server, point the code at `server.url(path)`
and stop it afterwards. Typical use::

    from feedserver import FeedServer, Response

    with FeedServer() as server:
        server.add("/feed.xml", rss_bytes, headers={"Content-Type": "application/rss+xml"})
        server.add("/slow", Response(b"<rss/>", chunk_size=1, chunk_delay=0.5))
        server.add("/dynamic", lambda request: Response(b"...", status=304))
        fetch(server.url("/feed.xml"))
        assert server.count("/feed.xml") == 1
        assert server.requests("/feed.xml")[0].headers["user-agent"].startswith("Claim")

A route is a path (matched with its query string first, then without) mapped to
bytes, a `Response`, or a handler `(RecordedRequest) -> Response`. Unknown paths
get a 404. Every request is recorded (method, path, lower-cased headers), also for
unknown paths. The `feed_server` pytest fixture below gives a started server;
import it in a conftest (`pytest_plugins = ["feedserver"]`) or write a
three-line fixture around `with FeedServer() as server: yield server`.

`tests/` is on sys.path under pytest's default import mode, hence `import feedserver`.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import pytest


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the server saw it. Header names are lower-cased."""

    method: str
    #: The path with its query string, as sent.
    path: str
    headers: Mapping[str, str]


@dataclass
class Response:
    """What a route answers.

    `body` may be bytes, or an iterable of byte chunks for a body produced on the
    fly (e.g. 2 GB that is never held in memory). Without an explicit
    Content-Length header, a streamed or trickled body is ended by closing the
    connection. `chunk_size`/`chunk_delay` trickle a bytes body: send
    `chunk_size` bytes, sleep `chunk_delay` seconds, repeat. With `raw=True` the
    body is written to the socket as-is, status line and headers included (for
    malformed or trickled headers); `status` and `headers` are then ignored.
    """

    body: bytes | Iterable[bytes] = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    chunk_size: int | None = None
    chunk_delay: float = 0.0
    raw: bool = False


Handler = Callable[[RecordedRequest], Response]
Route = bytes | Response | Handler


class FeedServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with configurable routes."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._requests: list[RecordedRequest] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle

    def start(self) -> FeedServer:
        """Bind an ephemeral port on 127.0.0.1 and serve in a background thread."""
        server = self

        class _Handler(_RequestHandler):
            owner = server

        httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        # Do not wait for handler threads (e.g. a trickling body) on close.
        httpd.block_on_close = False
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, args=(0.05,), name="feedserver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- configuration and inspection

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (no trailing slash)."""
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server."""
        return self.base_url + path

    def add(
        self,
        path: str,
        route: Route,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Serve `route` at `path`; `status`/`headers` apply when `route` is bytes."""
        if isinstance(route, bytes):
            route = Response(route, status=status, headers=dict(headers or {}))
        with self._lock:
            self._routes[path] = route

    def count(self, path: str) -> int:
        """How many requests reached `path` (with its query string, as sent)."""
        with self._lock:
            return self._counts[path]

    def requests(self, path: str | None = None) -> list[RecordedRequest]:
        """Recorded requests, oldest first; only those for `path` when given."""
        with self._lock:
            return [r for r in self._requests if path is None or r.path == path]

    # -- used by the handler

    def _record(self, request: RecordedRequest) -> Route | None:
        with self._lock:
            self._counts[request.path] += 1
            self._requests.append(request)
            route = self._routes.get(request.path)
            if route is None:
                route = self._routes.get(request.path.split("?", 1)[0])
            return route


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up (size caps, deadlines, closing idle keep-alive
        # connections) are expected; anything else is a bug in a test handler.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _RequestHandler(BaseHTTPRequestHandler):
    owner: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, *, send_body: bool) -> None:
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
        )
        route = self.owner._record(request)
        if route is None:
            response = Response(b"not found", status=404)
        elif isinstance(route, Response):
            response = route
        elif isinstance(route, bytes):
            response = Response(route)
        else:
            response = route(request)
        try:
            self._write(response, send_body=send_body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (size cap, deadline): that is what many tests want.
            self.close_connection = True

    def _write(self, response: Response, *, send_body: bool) -> None:
        if response.raw:
            self.close_connection = True
            self._write_chunks(response)
            return
        headers = {k.lower(): v for k, v in response.headers.items()}
        streamed = not isinstance(response.body, bytes) or response.chunk_size is not None
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if "content-length" not in headers:
            if streamed:
                # Body ends when the connection closes.
                self.send_header("Connection", "close")
                self.close_connection = True
            elif response.status != 304 and not 100 <= response.status < 200:
                assert isinstance(response.body, bytes)
                self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if not send_body or response.status == 304:
            return
        self._write_chunks(response)

    def _write_chunks(self, response: Response) -> None:
        for chunk in _chunks(response):
            self.wfile.write(chunk)
            self.wfile.flush()
            if response.chunk_delay:
                time.sleep(response.chunk_delay)


def _chunks(response: Response) -> Iterator[bytes]:
    body = response.body
    if not isinstance(body, bytes):
        yield from body
        return
    size = response.chunk_size or len(body) or 1
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer, stopped after the test."""
    with FeedServer() as server:
        yield server
