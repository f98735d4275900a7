"""HTTP fetching of feeds written by strangers: bounded in time, size and hops.

Every fetch has an overall deadline, a cap on the bytes read from the wire and a
cap on the bytes produced by decompression; redirects are followed by hand so
loops and permanent moves are seen; conditional requests save bandwidth.
Everything that goes wrong becomes a FetchError naming the URL.

One `Fetcher` (one httpx.Client) serves the whole daemon and may be used from
many threads at once; `fetch_many` runs a batch with global and per-host caps.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Generator, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import brotli
import httpcore
import httpx

from tracker import __version__
from tracker.errors import FetchError
from tracker.types import FetchResult

_MB = 1024 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, "
    "application/json;q=0.8, */*;q=0.5"
)
_ACCEPT_ENCODING = "gzip, deflate, br"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PERMANENT_STATUSES = frozenset({301, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
# Output is produced in steps of this size, so a bomb is stopped within one step of the cap.
_INFLATE_STEP = 64 * 1024
# Headers that describe the body on the wire, not the decoded body we return.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@dataclass(frozen=True)
class FetchLimits:
    """Bounds on one fetch. Times in seconds, sizes in bytes."""

    connect_timeout: float = 10.0
    #: Longest silence between two reads.
    read_timeout: float = 30.0
    #: Deadline for the whole request, redirects included (a trickling server
    #: never trips the per-read timeout, so this is enforced separately).
    total_timeout: float = 60.0
    #: Bytes read from the wire (compressed), per response.
    max_body_bytes: int = 10 * _MB
    #: Bytes after decompression.
    max_decompressed_bytes: int = 50 * _MB
    max_redirects: int = 5


@dataclass(frozen=True)
class FetchRequest:
    """One fetch for `fetch_many`: a URL and the validators from the previous poll."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


def default_user_agent(contact_url: str | None = None) -> str:
    """The User-Agent we send: tool name, version and where a feed owner can reach us.

    Feed owners who see a misbehaving poller look here first, so give a contact URL.
    """
    if contact_url:
        return f"ClaimTracker/{__version__} (feed reader; +{contact_url})"
    return f"ClaimTracker/{__version__} (feed reader)"


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def parse_max_age(cache_control: str | None) -> int | None:
    """Cache-Control max-age in seconds; None when absent, invalid or no-store/no-cache."""
    if not cache_control:
        return None
    max_age: int | None = None
    for directive in cache_control.split(","):
        name, _, arg = directive.strip().partition("=")
        name = name.strip().lower()
        if name in ("no-store", "no-cache"):
            return None
        if name == "max-age":
            arg = arg.strip().strip('"')
            if arg.isdigit():
                max_age = int(arg)
    return max_age


def is_public_address(address: str) -> bool:
    """True for a globally routable IP; False for private, loopback, link-local, reserved..."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


# --- per-thread request state, read by the network layer --------------------------------


class _RequestState(threading.local):
    """The deadline and address policy of the request running on this thread.

    httpx's timeouts apply per socket operation; the network backend below reads
    this state at every operation so the overall deadline also bounds a server
    that trickles its headers or body, and the address check happens on the
    address actually connected to (no DNS-rebinding gap between check and use).
    """

    deadline: float | None = None
    block_private: bool = False


_state = _RequestState()


class _BlockedAddressError(Exception):
    """Raised by the network layer; deliberately not an OSError so httpcore passes it on."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to non-public address {address}")
        self.host = host
        self.address = address


def _remaining(timeout: float | None) -> float | None:
    deadline = _state.deadline
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("total deadline exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with the per-thread deadline and address policy applied."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _remaining(timeout)
        if not _state.block_private:
            stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
            return _DeadlineStream(stream)
        # Resolve once, check every address, then connect to a checked address only.
        addresses = _resolve(host, port)
        for address in addresses:
            if not is_public_address(address):
                raise _BlockedAddressError(host, address)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        assert error is not None
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used for feeds")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve host {host}: {exc}") from exc
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


# --- decompression ------------------------------------------------------------------------


class _TooLargeError(Exception):
    pass


def _inflate(data: bytes, wbits: int, cap: int) -> bytes:
    """zlib-decode in bounded steps; raises _TooLargeError past `cap` output bytes."""
    out = bytearray()
    while data:
        decoder = zlib.decompressobj(wbits)
        pending = data
        while True:
            chunk = decoder.decompress(pending, _INFLATE_STEP)
            out += chunk
            if len(out) > cap:
                raise _TooLargeError
            pending = decoder.unconsumed_tail
            if decoder.eof or (not pending and len(chunk) < _INFLATE_STEP):
                break
        # A gzip body may be several concatenated members; anything else after the
        # end of the stream is trailing junk that some servers append: ignore it.
        data = decoder.unused_data if wbits == 31 and decoder.eof else b""
        if data and not data.startswith(b"\x1f\x8b"):
            break
    return bytes(out)


def _unbrotli(data: bytes, cap: int) -> bytes:
    decoder = brotli.Decompressor()
    out = bytearray()
    try:
        out += decoder.process(data, output_buffer_limit=_INFLATE_STEP)
        while len(out) <= cap and not decoder.is_finished():
            chunk = decoder.process(b"", output_buffer_limit=_INFLATE_STEP)
            if not chunk:
                break
            out += chunk
    except TypeError:  # brotli < 1.2 has no output limit: feed small slices instead
        for start in range(0, len(data), 256):
            out += decoder.process(data[start : start + 256])
            if len(out) > cap:
                break
    if len(out) > cap:
        raise _TooLargeError
    return bytes(out)


def _looks_like_zlib(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _decode_body(data: bytes, content_encoding: str, cap: int, url: str) -> bytes:
    """Undo Content-Encoding (last applied first), never producing more than `cap` bytes."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        try:
            if coding in ("gzip", "x-gzip"):
                # Some servers label an uncompressed body gzip; the magic bytes tell.
                if data.startswith(b"\x1f\x8b"):
                    data = _inflate(data, 31, cap)
            elif coding == "deflate":
                # "deflate" is zlib-wrapped by the spec but raw deflate in the wild.
                data = _inflate(data, 15 if _looks_like_zlib(data) else -15, cap)
            elif coding == "br":
                data = _unbrotli(data, cap)
            elif coding != "identity":
                raise FetchError(f"{url}: unsupported Content-Encoding {coding!r}", url=url)
        except _TooLargeError:
            raise FetchError(
                f"{url}: body decompresses to more than {cap} bytes ({coding}); refused",
                url=url,
            ) from None
        except (zlib.error, brotli.error) as exc:
            raise FetchError(f"{url}: corrupt {coding} body: {exc}", url=url) from exc
    return data


# --- the fetcher --------------------------------------------------------------------------


class Fetcher:
    """Fetches feeds over one shared HTTP client; safe to call from many threads."""

    def __init__(
        self,
        limits: FetchLimits | None = None,
        user_agent: str | None = None,
        block_private_addresses: bool = False,
        on_fetch: Callable[[float], None] | None = None,
    ) -> None:
        self.limits = limits or FetchLimits()
        #: Told each fetch's duration in seconds, success or not (the daemon's metrics).
        self.on_fetch = on_fetch
        self.user_agent = user_agent or default_user_agent(None)
        self.block_private_addresses = block_private_addresses
        lim = self.limits
        pool_limits = httpx.Limits(
            max_connections=100, max_keepalive_connections=20, keepalive_expiry=30
        )
        # trust_env=False: proxy variables would route requests around our network
        # backend (and its deadline and address checks).
        transport = httpx.HTTPTransport(limits=pool_limits, trust_env=False)
        if isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
            # httpx has no public hook for the network backend; without it the body
            # loop still enforces the deadline and the pre-check still blocks addresses.
            transport._pool = httpcore.ConnectionPool(
                ssl_context=httpx.create_ssl_context(trust_env=False),
                max_connections=pool_limits.max_connections,
                max_keepalive_connections=pool_limits.max_keepalive_connections,
                keepalive_expiry=pool_limits.keepalive_expiry,
                network_backend=_GuardedBackend(),
            )
        self._transport = transport
        # The client only builds requests (default headers, timeouts); they are sent
        # on the transport directly because Client.send keeps a cookie jar shared by
        # every feed (it grows for months) and parses Location itself even when not
        # following, raising on odd targets before we can report them.
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=lim.connect_timeout,
                read=lim.read_timeout,
                write=lim.read_timeout,
                pool=lim.total_timeout,
            ),
            headers={
                "User-Agent": self.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": _ACCEPT_ENCODING,
            },
        )

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()
        self._transport.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` (following up to max_redirects redirects) and return the decoded body.

        With `etag`/`last_modified` the request is conditional; a 304 gives
        `not_modified=True` and an empty body, keeping the validators. Raises
        FetchError naming the URL on any failure, with `status` for HTTP errors
        and `retry_after` (seconds) for 429/503.
        """
        started = time.monotonic()
        deadline = started + self.limits.total_timeout
        _state.deadline = deadline
        _state.block_private = self.block_private_addresses
        try:
            return self._fetch(url, etag, last_modified, deadline)
        finally:
            _state.deadline = None
            _state.block_private = False
            if self.on_fetch is not None:
                self.on_fetch(time.monotonic() - started)

    def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, deadline: float
    ) -> FetchResult:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        seen = {url}
        hops = 0
        all_permanent = True
        while True:
            target = self._check_url(url, current)
            response = self._send(url, current, target, headers, deadline)
            try:
                if response.status_code in _REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"{url}: HTTP {response.status_code} redirect without Location"
                            + _via(url, current),
                            url=url,
                            status=response.status_code,
                        )
                    try:
                        # urljoin keeps non-hierarchical targets (javascript:, data:) as
                        # they are, so the scheme check below sees them.
                        next_url = urljoin(current, location.strip())
                    except ValueError as exc:
                        raise FetchError(
                            f"{url}: invalid redirect target {location!r}: {exc}", url=url
                        ) from exc
                    all_permanent = all_permanent and response.status_code in _PERMANENT_STATUSES
                    hops += 1
                    if next_url in seen:
                        raise FetchError(f"{url}: redirect loop ({current} -> {next_url})", url=url)
                    if hops > self.limits.max_redirects:
                        raise FetchError(
                            f"{url}: too many redirects (more than {self.limits.max_redirects})",
                            url=url,
                        )
                    seen.add(next_url)
                    current = next_url
                    continue
                permanent = current if hops and all_permanent else None
                return self._finish(url, current, response, etag, last_modified, permanent)
            finally:
                response.close()

    def _check_url(self, url: str, current: str) -> httpx.URL:
        scheme = urlsplit(current).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(
                f"{url}: refusing {scheme or 'schemeless'} URL {current!r} (only http and https)",
                url=url,
            )
        try:
            target = httpx.URL(current)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(f"{url}: invalid URL {current!r}: {exc}", url=url) from exc
        if not target.host:
            raise FetchError(f"{url}: URL {current!r} has no host", url=url)
        if self.block_private_addresses:
            # A clear early refusal; the network layer checks again on connect.
            for address in self._addresses(url, target.host):
                if not is_public_address(address):
                    raise FetchError(
                        f"{url}: host {target.host} resolves to non-public address {address};"
                        " refused (block_private_addresses is on)",
                        url=url,
                    )
        return target

    def _addresses(self, url: str, host: str) -> list[str]:
        try:
            ipaddress.ip_address(host)
            return [host]
        except ValueError:
            pass
        try:
            return _resolve(host, 80)
        except httpcore.ConnectError as exc:
            raise FetchError(f"{url}: {exc}", url=url) from exc

    def _send(
        self,
        url: str,
        current: str,
        target: httpx.URL,
        headers: Mapping[str, str],
        deadline: float,
    ) -> httpx.Response:
        request = self._client.build_request("GET", target, headers=dict(headers))
        try:
            response = self._transport.handle_request(request)
        except (httpx.HTTPError, httpx.InvalidURL, _BlockedAddressError) as exc:
            raise self._translate(exc, url, current, deadline) from exc
        response.request = request
        return response

    def _translate(self, exc: Exception, url: str, current: str, deadline: float) -> FetchError:
        via = _via(url, current)
        if isinstance(exc, _BlockedAddressError):
            return FetchError(
                f"{url}: {exc}; refused (block_private_addresses is on){via}", url=url
            )
        if isinstance(exc, httpx.TimeoutException) and time.monotonic() >= deadline - 0.05:
            return FetchError(
                f"{url}: no complete response within {self.limits.total_timeout:g} s{via}",
                url=url,
            )
        if isinstance(exc, httpx.ConnectTimeout):
            return FetchError(
                f"{url}: timed out connecting after {self.limits.connect_timeout:g} s{via}",
                url=url,
            )
        if isinstance(exc, httpx.TimeoutException):
            return FetchError(
                f"{url}: server stopped sending for {self.limits.read_timeout:g} s{via}",
                url=url,
            )
        if isinstance(exc, httpx.ConnectError):
            return FetchError(f"{url}: {_connect_reason(exc)}{via}", url=url)
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return FetchError(f"{url}: invalid URL: {exc}{via}", url=url)
        kind = type(exc).__name__
        return FetchError(f"{url}: {kind}: {exc or 'connection failed'}{via}", url=url)

    def _finish(
        self,
        url: str,
        final_url: str,
        response: httpx.Response,
        etag: str | None,
        last_modified: str | None,
        permanent: str | None,
    ) -> FetchResult:
        status = response.status_code
        headers = {
            k.lower(): v for k, v in response.headers.items() if k.lower() not in _WIRE_HEADERS
        }
        if status == 304:
            return FetchResult(
                url=url,
                final_url=final_url,
                status=304,
                body=b"",
                headers=headers,
                not_modified=True,
                etag=response.headers.get("etag") or etag,
                last_modified=response.headers.get("last-modified") or last_modified,
                permanent_redirect=permanent,
                max_age=parse_max_age(response.headers.get("cache-control")),
            )
        if not 200 <= status < 300:
            via = _via(url, final_url)
            reason = response.reason_phrase or ""
            retry_after = None
            if status in _RETRY_AFTER_STATUSES:
                retry_after = parse_retry_after(
                    response.headers.get("retry-after"), now=datetime.now(UTC)
                )
            message = f"{url}: HTTP {status} {reason}".rstrip() + via
            if retry_after is not None:
                message += f" (retry after {retry_after:g} s)"
            raise FetchError(message, url=url, status=status, retry_after=retry_after)
        raw = self._read_body(url, final_url, response)
        body = _decode_body(
            raw,
            response.headers.get("content-encoding", ""),
            self.limits.max_decompressed_bytes,
            url,
        )
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            body=body,
            headers=headers,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            permanent_redirect=permanent,
            max_age=parse_max_age(response.headers.get("cache-control")),
        )

    def _read_body(self, url: str, final_url: str, response: httpx.Response) -> bytes:
        cap = self.limits.max_body_bytes
        too_big = f"{url}: body larger than {cap} bytes; refused" + _via(url, final_url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(too_big, url=url)
        deadline = _state.deadline
        body = bytearray()
        try:
            for chunk in response.iter_raw():
                body += chunk
                if len(body) > cap:
                    raise FetchError(too_big, url=url)
                # Also checked here in case the network layer could not be hooked.
                if deadline is not None and time.monotonic() > deadline:
                    raise httpx.ReadTimeout("total deadline exceeded")
        except httpx.HTTPError as exc:
            raise self._translate(exc, url, final_url, deadline or 0.0) from exc
        return bytes(body)


def _via(url: str, current: str) -> str:
    return f" (via {current})" if current != url else ""


def _connect_reason(exc: httpx.ConnectError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve host: {cause}"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause}"
        cause = cause.__cause__ or cause.__context__
    return f"cannot connect: {exc or 'connection failed'}"


# --- many fetches -------------------------------------------------------------------------


def _host_key(url: str) -> str:
    try:
        return httpx.URL(url).host.lower()
    except (httpx.InvalidURL, ValueError):
        return ""


def fetch_many(
    fetcher: Fetcher,
    requests: Iterable[FetchRequest],
    *,
    max_workers: int = 8,
    per_host: int = 2,
    min_host_delay: float = 0.0,
) -> Generator[tuple[FetchRequest, FetchResult | FetchError], None, None]:
    """Fetch many URLs on a thread pool, yielding (request, result or error) as each ends.

    At most `max_workers` fetches run at once, at most `per_host` of them to one
    host, and requests to one host start at least `min_host_delay` seconds apart.
    A failed fetch yields its FetchError; other exceptions are bugs and propagate.
    Closing the generator early drops the queued requests and waits for running ones.
    """
    if max_workers < 1 or per_host < 1:
        raise ValueError("max_workers and per_host must be at least 1")
    queues: dict[str, deque[FetchRequest]] = {}
    for request in requests:
        queues.setdefault(_host_key(request.url), deque()).append(request)
    running: dict[str, int] = {}
    next_start: dict[str, float] = {}
    futures: dict[Future[FetchResult], tuple[FetchRequest, str]] = {}
    pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="fetch")
    try:
        while queues or futures:
            now = time.monotonic()
            wake: float | None = None
            # Round-robin over hosts so one big host cannot starve the others.
            for host in list(queues):
                queue = queues[host]
                while queue and len(futures) < max_workers and running.get(host, 0) < per_host:
                    start_at = next_start.get(host, now)
                    if start_at > now:
                        wake = start_at if wake is None else min(wake, start_at)
                        break
                    request = queue.popleft()
                    future = pool.submit(
                        fetcher.fetch,
                        request.url,
                        etag=request.etag,
                        last_modified=request.last_modified,
                    )
                    futures[future] = (request, host)
                    running[host] = running.get(host, 0) + 1
                    next_start[host] = now + min_host_delay
                if not queue:
                    del queues[host]
            timeout = None if wake is None else max(0.0, wake - time.monotonic())
            if not futures:
                time.sleep(timeout or 0.0)  # only delayed requests are waiting
                continue
            done, _ = wait(list(futures), timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                request, host = futures.pop(future)
                running[host] -= 1
                try:
                    outcome: FetchResult | FetchError = future.result()
                except FetchError as exc:
                    outcome = exc
                yield request, outcome
    finally:
        # On early close (daemon stopping) do not wait: running fetches end by their
        # own deadline, and their results are no longer wanted.
        pool.shutdown(wait=False, cancel_futures=True)
