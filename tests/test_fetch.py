"""tracker.feeds.fetch against a real HTTP server on 127.0.0.1 (tests/feedserver.py)."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import brotli
import pytest
from feedserver import FeedServer, RecordedRequest, Response

import tracker.feeds.fetch as fetch_module
from tracker import __version__
from tracker.errors import FetchError
from tracker.feeds.fetch import (
    Fetcher,
    FetchLimits,
    FetchRequest,
    default_user_agent,
    fetch_many,
    is_public_address,
    parse_max_age,
    parse_retry_after,
)

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
MB = 1024 * 1024


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchLimits(total_timeout=5, read_timeout=5, connect_timeout=2)) as f:
        yield f


def small_fetcher(**limits: float) -> Fetcher:
    return Fetcher(FetchLimits(**limits))  # type: ignore[arg-type]


def zeros_gzip(size: int) -> bytes:
    """gzip of `size` zero bytes, built in pieces so the test never holds `size` bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    piece = bytes(MB)
    parts = [compressor.compress(piece) for _ in range(size // MB)]
    parts.append(compressor.flush())
    return b"".join(parts)


# --- plain fetches and request headers ----------------------------------------------------


def test_fetch_returns_body_validators_and_max_age(server: FeedServer, fetcher: Fetcher) -> None:
    server.add(
        "/feed.xml",
        RSS,
        headers={
            "Content-Type": "application/rss+xml; charset=utf-8",
            "ETag": '"v1"',
            "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT",
            "Cache-Control": "public, max-age=900",
        },
    )
    result = fetcher.fetch(server.url("/feed.xml"))
    assert result.body == RSS
    assert result.status == 200
    assert result.final_url == server.url("/feed.xml")
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 01 Jan 2025 00:00:00 GMT"
    assert result.max_age == 900
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert not result.not_modified
    assert result.permanent_redirect is None
    sent = server.requests("/feed.xml")[0].headers
    assert sent["user-agent"] == fetcher.user_agent
    assert "gzip" in sent["accept-encoding"] and "br" in sent["accept-encoding"]
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_default_user_agent_names_tool_version_and_contact() -> None:
    ua = default_user_agent("https://example.org/about-our-bot")
    assert "ClaimTracker" in ua and __version__ in ua and "https://example.org/about-our-bot" in ua
    assert __version__ in default_user_agent(None)


# --- conditional requests -----------------------------------------------------------------


def test_etag_304_keeps_validators(server: FeedServer, fetcher: Fetcher) -> None:
    def handler(request: RecordedRequest) -> Response:
        if request.headers.get("if-none-match") == '"abc"':
            return Response(status=304, headers={"ETag": '"abc"'})
        return Response(RSS, headers={"ETag": '"abc"'})

    server.add("/feed", handler)
    first = fetcher.fetch(server.url("/feed"))
    assert first.etag == '"abc"' and first.body == RSS
    second = fetcher.fetch(server.url("/feed"), etag=first.etag, last_modified="x")
    assert second.not_modified
    assert second.status == 304
    assert second.body == b""
    assert second.etag == '"abc"'
    assert second.last_modified == "x"  # the server sent none: the previous one is kept
    assert server.requests("/feed")[1].headers["if-none-match"] == '"abc"'


def test_last_modified_sends_if_modified_since(server: FeedServer, fetcher: Fetcher) -> None:
    stamp = "Tue, 07 Jan 2025 10:00:00 GMT"

    def handler(request: RecordedRequest) -> Response:
        if request.headers.get("if-modified-since") == stamp:
            return Response(status=304)
        return Response(RSS, headers={"Last-Modified": stamp})

    server.add("/feed", handler)
    first = fetcher.fetch(server.url("/feed"))
    assert first.last_modified == stamp and not first.not_modified
    second = fetcher.fetch(server.url("/feed"), last_modified=first.last_modified)
    assert second.not_modified and second.last_modified == stamp and second.etag is None


# --- content encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("br", brotli.compress),
        ("gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
        ("deflate, br", lambda b: brotli.compress(zlib.compress(b))),
        ("identity", lambda b: b),
    ],
)
def test_content_encodings_are_decoded(
    server: FeedServer, fetcher: Fetcher, coding: str, encode: object
) -> None:
    assert callable(encode)
    body = RSS * 50
    server.add("/feed", encode(body), headers={"Content-Encoding": coding})
    result = fetcher.fetch(server.url("/feed"))
    assert result.body == body
    assert "content-encoding" not in result.headers  # the body we return is decoded


def test_concatenated_gzip_members(server: FeedServer, fetcher: Fetcher) -> None:
    server.add(
        "/feed", gzip.compress(b"abc") + gzip.compress(b"def"), headers={"Content-Encoding": "gzip"}
    )
    assert fetcher.fetch(server.url("/feed")).body == b"abcdef"


def test_body_labelled_gzip_but_plain_passes(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/feed", RSS, headers={"Content-Encoding": "gzip"})
    assert fetcher.fetch(server.url("/feed")).body == RSS


def test_corrupt_gzip_and_unknown_encoding_fail(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/corrupt", b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"})
    server.add("/zstd", b"whatever", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError, match="corrupt gzip"):
        fetcher.fetch(server.url("/corrupt"))
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'zstd'"):
        fetcher.fetch(server.url("/zstd"))


# --- size caps ----------------------------------------------------------------------------


def test_declared_body_over_limit_is_refused(server: FeedServer) -> None:
    server.add("/big", b"x" * (2 * MB))
    with small_fetcher(max_body_bytes=MB) as f, pytest.raises(FetchError) as info:
        f.fetch(server.url("/big"))
    assert "larger than 1048576 bytes" in str(info.value)
    assert server.url("/big") in str(info.value)


def test_endless_body_is_cut_off_while_streaming(server: FeedServer) -> None:
    sent = 0

    def two_gigabytes() -> Iterator[bytes]:
        nonlocal sent
        chunk = b"x" * 65536
        for _ in range(2 * 1024 * 1024 * 1024 // len(chunk)):
            sent += len(chunk)
            yield chunk

    server.add("/huge", Response(two_gigabytes()))  # no Content-Length: ends on close
    tracemalloc.start()
    try:
        with small_fetcher(max_body_bytes=MB) as f, pytest.raises(FetchError, match="larger"):
            f.fetch(server.url("/huge"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB
    time.sleep(0.1)  # let the server notice the closed connection
    assert sent < 64 * MB  # the client hung up long before 2 GB


def test_gzip_bomb_is_refused_within_bounded_memory(server: FeedServer) -> None:
    bomb = zeros_gzip(200 * MB)
    assert len(bomb) < MB  # a small body on the wire...
    server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with (
            small_fetcher(max_decompressed_bytes=4 * MB) as f,
            pytest.raises(FetchError, match="decompresses to more than 4194304 bytes"),
        ):
            f.fetch(server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * MB  # ...that never became 200 MB in memory


def test_stacked_gzip_bomb_is_refused(server: FeedServer) -> None:
    bomb = gzip.compress(zeros_gzip(200 * MB))
    assert len(bomb) < 64 * 1024
    server.add("/bomb2", bomb, headers={"Content-Encoding": "gzip, gzip"})
    with small_fetcher(max_decompressed_bytes=4 * MB) as f, pytest.raises(FetchError) as info:
        f.fetch(server.url("/bomb2"))
    assert "decompresses to more than" in str(info.value)
    assert server.url("/bomb2") in str(info.value)


def test_brotli_bomb_is_refused(server: FeedServer) -> None:
    compressor = brotli.Compressor(quality=1)
    bomb = b"".join(compressor.process(bytes(MB)) for _ in range(64)) + compressor.finish()
    server.add("/br", bomb, headers={"Content-Encoding": "br"})
    with small_fetcher(max_decompressed_bytes=2 * MB) as f, pytest.raises(FetchError, match="br"):
        f.fetch(server.url("/br"))


# --- time limits --------------------------------------------------------------------------


def test_trickling_body_hits_total_deadline(server: FeedServer) -> None:
    # One byte every 0.2 s never trips the 1 s read timeout; only the deadline stops it.
    server.add("/slow", Response(RSS * 10, chunk_size=1, chunk_delay=0.2))
    with small_fetcher(total_timeout=1.5, read_timeout=1.0) as f:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"no complete response within 1\.5 s"):
            f.fetch(server.url("/slow"))
        assert time.monotonic() - started < 2.5


def test_trickling_headers_hit_total_deadline(server: FeedServer) -> None:
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"a" * 200 + b"\r\n\r\n"
    server.add("/slowhead", Response(head, raw=True, chunk_size=1, chunk_delay=0.2))
    with small_fetcher(total_timeout=1.5, read_timeout=1.0) as f:
        started = time.monotonic()
        with pytest.raises(FetchError, match="no complete response"):
            f.fetch(server.url("/slowhead"))
        assert time.monotonic() - started < 2.5


def test_silent_server_hits_read_timeout(server: FeedServer) -> None:
    server.add("/silent", Response(b"HTTP/1.1 200 OK\r\n", raw=True, chunk_delay=3))
    with (
        small_fetcher(total_timeout=5, read_timeout=0.5) as f,
        pytest.raises(FetchError, match=r"stopped sending for 0\.5 s"),
    ):
        f.fetch(server.url("/silent"))


def test_connection_refused_names_url() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with small_fetcher(connect_timeout=1) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert str(info.value) == f"{url}: connection refused"
    assert info.value.url == url


# --- HTTP errors --------------------------------------------------------------------------


def test_server_error_has_status_and_reason(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/err", b"oops", status=500)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/err"))
    assert info.value.status == 500
    assert info.value.retry_after is None
    assert str(info.value) == f"{server.url('/err')}: HTTP 500 Internal Server Error"


def test_429_retry_after_seconds(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/busy", b"", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/busy"))
    assert info.value.status == 429
    assert info.value.retry_after == 120.0
    assert "retry after 120 s" in str(info.value)


def test_503_retry_after_http_date(server: FeedServer, fetcher: Fetcher) -> None:
    later = datetime.now(UTC) + timedelta(seconds=600)
    server.add(
        "/down", b"", status=503, headers={"Retry-After": format_datetime(later, usegmt=True)}
    )
    with pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/down"))
    assert info.value.status == 503
    assert info.value.retry_after is not None
    assert 590 <= info.value.retry_after <= 600


def test_parse_retry_after_forms() -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30", now=now) == 30.0
    assert parse_retry_after(" 0 ", now=now) == 0.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:05:00 GMT", now=now) == 300.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now=now) == 0.0  # in the past
    assert parse_retry_after("-5", now=now) is None
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None, now=now) is None


def test_parse_max_age() -> None:
    assert parse_max_age("public, max-age=3600") == 3600
    assert parse_max_age('max-age="60"') == 60
    assert parse_max_age("max-age=abc") is None
    assert parse_max_age("no-store, max-age=60") is None
    assert parse_max_age(None) is None


# --- redirects ----------------------------------------------------------------------------


def chain(server: FeedServer, name: str, hops: int, status: int = 302) -> str:
    """/name0 -> /name1 -> ... -> /name{hops} (the feed)."""
    for i in range(hops):
        server.add(f"/{name}{i}", b"", status=status, headers={"Location": f"/{name}{i + 1}"})
    server.add(f"/{name}{hops}", RSS)
    return server.url(f"/{name}0")


def test_redirect_chain_up_to_limit_is_followed(server: FeedServer, fetcher: Fetcher) -> None:
    start = chain(server, "r", 5)
    result = fetcher.fetch(start)
    assert result.body == RSS
    assert result.url == start
    assert result.final_url == server.url("/r5")
    assert result.permanent_redirect is None  # 302s are temporary


def test_too_many_redirects(server: FeedServer, fetcher: Fetcher) -> None:
    start = chain(server, "t", 6)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)") as info:
        fetcher.fetch(start)
    assert info.value.url == start
    assert server.count("/t6") == 0


def test_redirect_loop(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/a", b"", status=302, headers={"Location": "/b"})
    server.add("/b", b"", status=301, headers={"Location": server.url("/a")})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(server.url("/a"))
    assert server.count("/a") == 1 and server.count("/b") == 1


def test_permanent_redirect_reported_only_when_every_hop_is_permanent(
    server: FeedServer, fetcher: Fetcher
) -> None:
    server.add("/old", b"", status=301, headers={"Location": "/older"})
    server.add("/older", b"", status=308, headers={"Location": "/new"})
    server.add("/new", RSS)
    result = fetcher.fetch(server.url("/old"))
    assert result.permanent_redirect == server.url("/new")

    server.add("/mixed", b"", status=301, headers={"Location": "/temp"})
    server.add("/temp", b"", status=307, headers={"Location": "/new"})
    assert fetcher.fetch(server.url("/mixed")).permanent_redirect is None


def test_permanent_redirect_then_304(server: FeedServer, fetcher: Fetcher) -> None:
    server.add("/moved", b"", status=301, headers={"Location": "/here"})
    server.add("/here", Response(status=304))
    result = fetcher.fetch(server.url("/moved"), etag='"e"')
    assert result.not_modified and result.permanent_redirect == server.url("/here")
    assert server.requests("/here")[0].headers["if-none-match"] == '"e"'


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "javascript:alert(1)"]
)
def test_redirect_to_non_http_scheme_is_refused(
    server: FeedServer, fetcher: Fetcher, target: str
) -> None:
    server.add("/evil", b"", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch(server.url("/evil"))


def test_non_http_url_is_refused(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch("file:///dev/zero")


# --- private addresses --------------------------------------------------------------------


def test_private_addresses_blocked_when_asked(server: FeedServer) -> None:
    server.add("/feed", RSS)
    with Fetcher(block_private_addresses=True) as f:
        for url in (server.url("/feed"), server.url("/feed").replace("127.0.0.1", "localhost")):
            with pytest.raises(FetchError, match="non-public address"):
                f.fetch(url)
    assert server.count("/feed") == 0
    with Fetcher() as f:  # off by default
        assert f.fetch(server.url("/feed")).body == RSS


def test_private_address_blocked_on_redirect_hop(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend our test server's address is public so the first hop is allowed.
    real = fetch_module.is_public_address
    monkeypatch.setattr(fetch_module, "is_public_address", lambda a: a == "127.0.0.1" or real(a))
    port = server.url("/").split(":")[-1].rstrip("/")
    server.add("/feed", RSS)
    server.add("/hop", b"", status=302, headers={"Location": f"http://127.0.0.2:{port}/feed"})
    with Fetcher(block_private_addresses=True) as f:
        assert f.fetch(server.url("/feed")).body == RSS
        with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.2"):
            f.fetch(server.url("/hop"))


def test_private_address_blocked_at_connect_after_dns_change(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: the name resolves to a public address when checked, then to
    # loopback when connecting. The network layer checks what it connects to.
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    monkeypatch.setattr(fetch_module, "_resolve", lambda host, port: next(answers))
    server.add("/feed", RSS)
    with Fetcher(block_private_addresses=True) as f, pytest.raises(FetchError) as info:
        f.fetch(server.url("/feed").replace("127.0.0.1", "rebind.example"))
    assert "non-public address 127.0.0.1" in str(info.value)
    assert server.count("/feed") == 0


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("240.0.0.1", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("not an ip", False),
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


# --- many fetches -------------------------------------------------------------------------


def test_fetch_many_caps_concurrency_per_host_and_globally(server: FeedServer) -> None:
    lock = threading.Lock()
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    peak_total = 0

    def slow(request: RecordedRequest) -> Response:
        nonlocal peak_total
        host = request.headers["host"].split(":")[0]
        with lock:
            active[host] = active.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), active[host])
            peak_total = max(peak_total, sum(active.values()))
        time.sleep(0.15)
        with lock:
            active[host] -= 1
        return Response(RSS)

    server.add("/slow", slow)
    urls = [server.url("/slow?1")] * 0
    hosts = ["127.0.0.1", "localhost"]
    for host in hosts:
        urls += [server.url(f"/slow?{i}").replace("127.0.0.1", host) for i in range(5)]
    requests = [FetchRequest(u) for u in urls]
    with Fetcher() as f:
        outcomes = list(fetch_many(f, requests, max_workers=3, per_host=2))
    assert sorted(r.url for r, _ in outcomes) == sorted(urls)
    assert all(not isinstance(o, FetchError) and o.body == RSS for _, o in outcomes)
    assert max(peak.values()) == 2  # per-host cap reached, never exceeded
    assert peak_total == 3  # the global cap binds before two hosts at 2 each


def test_fetch_many_spaces_requests_to_one_host(server: FeedServer) -> None:
    starts: list[float] = []

    def record(request: RecordedRequest) -> Response:
        starts.append(time.monotonic())
        return Response(RSS)

    server.add("/f", record)
    requests = [FetchRequest(server.url(f"/f?{i}")) for i in range(4)]
    with Fetcher() as f:
        outcomes = list(fetch_many(f, requests, max_workers=4, per_host=4, min_host_delay=0.2))
    assert len(outcomes) == 4
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:], strict=False)]
    assert min(gaps) >= 0.18


def test_fetch_many_yields_errors_and_passes_validators(server: FeedServer) -> None:
    server.add("/ok", Response(status=304))
    requests = [FetchRequest(server.url("/ok"), etag='"x"'), FetchRequest(server.url("/missing"))]
    with Fetcher() as f:
        outcomes = dict((r.url, o) for r, o in fetch_many(f, requests))
    ok = outcomes[server.url("/ok")]
    missing = outcomes[server.url("/missing")]
    assert not isinstance(ok, FetchError) and ok.not_modified and ok.etag == '"x"'
    assert isinstance(missing, FetchError) and missing.status == 404


def test_fetch_many_can_be_abandoned(server: FeedServer) -> None:
    def slow(request: RecordedRequest) -> Response:
        time.sleep(0.3)
        return Response(RSS)

    server.add("/s", slow)
    requests = [FetchRequest(server.url(f"/s?{i}")) for i in range(20)]
    started = time.monotonic()
    with Fetcher() as f:
        results = fetch_many(f, requests, max_workers=2, per_host=2)
        first = next(results)
        results.close()  # the queued requests are cancelled, running ones finish
    assert not isinstance(first[1], FetchError)
    assert time.monotonic() - started < 2
    assert sum(server.count(f"/s?{i}") for i in range(20)) <= 4


def test_fetcher_is_safe_to_share_between_threads(server: FeedServer) -> None:
    for i in range(16):
        server.add(f"/t{i}", RSS + str(i).encode(), headers={"ETag": f'"{i}"'})
    results: dict[int, bytes] = {}

    def work(i: int) -> None:
        results[i] = f.fetch(server.url(f"/t{i}")).body

    with Fetcher() as f:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == {i: RSS + str(i).encode() for i in range(16)}
