"""Fetching one URL safely: public addresses only, bounded size and time, every redirect checked."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

import httpcore
import httpx

from harmtrack import __version__
from harmtrack.errors import BlockedAddressError, FetchError, FetchTimeoutError, TooLargeError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPredicate = Callable[[IPAddress], bool]

ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Only what we can inflate with a bounded output size; brotli/zstd would need extra packages.
ACCEPT_ENCODING = "gzip, deflate"
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
# Special-purpose ranges IANA marks not globally reachable that some Python releases still
# call global; listed so the verdict does not depend on the interpreter's patch level.
NON_GLOBAL_EXTRA = (
    ipaddress.IPv4Network("192.0.0.0/24"),
    ipaddress.IPv6Network("3fff::/20"),
)
# A socket time-out of zero means "non-blocking", so a spent deadline still gets a sliver of time.
MIN_SOCKET_TIMEOUT = 0.001
# Socket time-outs may fire a hair before the deadline they were clamped to.
DEADLINE_SLACK = 0.05

PRIVATE_HINT = (
    "Private, loopback and link-local addresses are refused so that a report URL cannot reach "
    "the local network; pass --allow-private if you really mean to fetch from it."
)
SIZE_HINT = "Raise the size limit (FetchPolicy.max_bytes) if a document really is this large."
TIMEOUT_HINT = "Try again later, or raise the time-outs if the server is known to be slow."
SCHEME_HINT = "Only http:// and https:// URLs can be fetched; give local files as paths."


@dataclass(frozen=True)
class FetchPolicy:
    """The limits one fetch runs under."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # per read: the longest silence allowed between bytes
    total_timeout: float = 120.0  # wall clock for the whole fetch, redirects included
    max_bytes: int = 20 * 1024 * 1024  # of decoded body
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"Harmtrack/{__version__} (+https://github.com/harmtrack/harmtrack)"


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True)
class FetchedResource:
    """What a fetch brought back, with enough provenance to show where the bytes came from."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: list[tuple[str, str]]  # final response headers, in order, as received
    body: bytes  # decoded from gzip/deflate when the server compressed it
    media_type: str | None  # from Content-Type, lower-case, no parameters
    charset: str | None  # from Content-Type parameters, lower-case
    redirects: list[str]  # every URL visited before final_url, in order
    retrieved_at: datetime  # when the final response arrived, UTC
    peer_address: str  # IP actually connected to for the final response


def is_url(text: str) -> bool:
    """True if ``text`` is an http:// or https:// URL rather than a path."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.netloc)


def is_public_address(address: IPAddress) -> bool:
    """True if ``address`` is globally routable unicast, judging IPv6 forms by the IPv4 inside."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
    if any(address in network for network in NON_GLOBAL_EXTRA):
        return False
    # is_global alone lets multicast through.
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve_addresses(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in resolver order; numeric spellings such as
    ``2130706433`` or ``0x7f.1`` are read the way the socket layer will read them."""
    addresses: list[IPAddress] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = ipaddress.ip_address(str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    return addresses


def fetch_url(
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    *,
    address_allowed: AddressPredicate | None = None,
) -> FetchedResource:
    """Fetch ``url`` under ``policy``, following redirects ourselves and checking every hop.

    ``address_allowed`` replaces the address policy (``allow_private`` and the public-address
    rule); it exists so tests can tell two loopback addresses apart.
    """
    allowed = address_allowed or _address_policy(policy)
    deadline = time.monotonic() + policy.total_timeout
    redirects: list[str] = []
    current = url
    with _client(policy, _GuardedBackend(allowed, deadline)) as client:
        while True:
            hop = _describe(current, url)
            with _fetch_errors(hop, policy, deadline):
                target = _checked_url(current, hop)
                response = client.send(client.build_request("GET", target), stream=True)
                try:
                    next_url = _redirect_target(response)
                    if next_url is None:
                        return _final_resource(url, redirects, response, hop, policy, deadline)
                finally:
                    response.close()
            _record_redirect(redirects, str(target), next_url, url, policy)
            current = next_url


def _address_policy(policy: FetchPolicy) -> AddressPredicate:
    if policy.allow_private:
        return lambda _address: True
    return is_public_address


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address reaches through mapping, 6to4 or NAT64, if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


class _AddressRefused(Exception):
    """Raised from inside the connection pool; fetch_url turns it into BlockedAddressError."""

    def __init__(self, host: str, address: IPAddress) -> None:
        super().__init__(f"{host} resolves to {address}")
        self.host = host
        self.address = address


def _bounded(timeout: float | None, deadline: float) -> float:
    left = deadline - time.monotonic()
    return max(left if timeout is None else min(timeout, left), MIN_SOCKET_TIMEOUT)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation also ends at the fetch's overall deadline, so a
    server trickling one byte at a time cannot hold the fetch past ``total_timeout``."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, self._deadline))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, self._deadline))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout, self._deadline))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves each host itself and connects only to the addresses it checked.

    Checking the very address we connect to (rather than an earlier lookup) is what defeats
    DNS rebinding. The hostname still reaches TLS as SNI, so certificates are verified as usual.
    """

    def __init__(self, allowed: AddressPredicate, deadline: float) -> None:
        self._allowed = allowed
        self._deadline = deadline
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_addresses(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r}: {exc}") from exc
        # One bad address is enough to refuse: which one the resolver returns first can change.
        for address in addresses:
            if not self._allowed(address):
                raise _AddressRefused(host, address)
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                stream = self._sockets.connect_tcp(
                    str(address),
                    port,
                    timeout=_bounded(timeout, self._deadline),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        if failure is None:
            raise httpcore.ConnectError(f"host {host!r} has no address")
        raise failure


class _CoreByteStream(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        yield from self._response.iter_stream()

    def close(self) -> None:
        self._response.close()


class _GuardedTransport(httpx.BaseTransport):
    """httpx over an httpcore pool that uses the guarded backend; httpx.HTTPTransport offers
    no public way to choose the network backend."""

    def __init__(self, backend: _GuardedBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_CoreByteStream(core_response),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def _client(policy: FetchPolicy, backend: _GuardedBackend) -> httpx.Client:
    return httpx.Client(
        transport=_GuardedTransport(backend),
        follow_redirects=False,
        timeout=httpx.Timeout(
            connect=policy.connect_timeout,
            read=policy.read_timeout,
            write=policy.read_timeout,
            pool=policy.connect_timeout,
        ),
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        # No proxies or .netrc from the environment: a proxy would connect past the address check.
        trust_env=False,
    )


def _describe(current: str, original: str) -> str:
    shown = _redacted(current)
    return shown if current == original else f"{shown} (redirected from {_redacted(original)})"


def _redacted(url: str) -> str:
    """``url`` with any user:password removed, so error messages and logs do not leak them."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()


def _checked_url(url: str, hop: str) -> httpx.URL:
    parsed = httpx.URL(url)
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"refused to fetch {hop}: scheme {parsed.scheme or '(none)'!r} is not http or https",
            hint=SCHEME_HINT,
        )
    if parsed.userinfo:
        raise FetchError(
            f"refused to fetch {hop}: URLs with a user name or password are not fetched",
            hint="Remove the credentials from the URL; Harmtrack only fetches public pages.",
        )
    if not parsed.host:
        raise FetchError(f"refused to fetch {hop}: the URL has no host")
    return parsed


@contextmanager
def _fetch_errors(hop: str, policy: FetchPolicy, deadline: float) -> Iterator[None]:
    """Turn every transport-level failure into a FetchError that names the URL."""
    try:
        yield
    except _AddressRefused as exc:
        raise BlockedAddressError(
            f"refused to fetch {hop}: {_explain_address(exc.host, exc.address)}, "
            "which is not a public address",
            hint=PRIVATE_HINT,
        ) from exc
    except (httpcore.TimeoutException, httpx.TimeoutException) as exc:
        raise _timeout_error(hop, exc, policy, deadline) from exc
    except (
        httpx.HTTPError,
        httpx.InvalidURL,
        httpcore.NetworkError,
        httpcore.ProtocolError,
        httpcore.UnsupportedProtocol,
        httpcore.ProxyError,
        OSError,
        zlib.error,
    ) as exc:
        raise FetchError(f"could not fetch {hop}: {str(exc) or type(exc).__name__}") from exc


def _explain_address(host: str, address: IPAddress) -> str:
    embedded = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
    shown = f"{address} (that is {embedded})" if embedded is not None else str(address)
    return shown if host.lower() == str(address) else f"{host} resolves to {shown}"


def _timeout_error(
    hop: str, exc: Exception, policy: FetchPolicy, deadline: float
) -> FetchTimeoutError:
    if time.monotonic() >= deadline - DEADLINE_SLACK:
        which = f"total time-out of {policy.total_timeout:g} s"
    elif isinstance(exc, httpcore.ConnectTimeout | httpx.ConnectTimeout):
        which = f"connect time-out of {policy.connect_timeout:g} s"
    elif isinstance(exc, httpcore.WriteTimeout | httpx.WriteTimeout):
        which = f"write time-out of {policy.read_timeout:g} s"
    else:
        which = f"read time-out of {policy.read_timeout:g} s"
    return FetchTimeoutError(f"gave up fetching {hop}: exceeded the {which}", hint=TIMEOUT_HINT)


def _redirect_target(response: httpx.Response) -> str | None:
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_STATUSES or location is None:
        return None
    return str(response.url.join(location))


def _record_redirect(
    redirects: list[str], current: str, next_url: str, original: str, policy: FetchPolicy
) -> None:
    if next_url == current or next_url in redirects:
        raise FetchError(
            f"redirect loop fetching {_redacted(original)}: {_redacted(current)} leads back to "
            f"{_redacted(next_url)}, which was already visited"
        )
    if len(redirects) >= policy.max_redirects:
        raise FetchError(
            f"too many redirects fetching {_redacted(original)}: more than "
            f"{policy.max_redirects} (the last one pointed to {_redacted(next_url)})"
        )
    redirects.append(current)


def _final_resource(
    url: str,
    redirects: list[str],
    response: httpx.Response,
    hop: str,
    policy: FetchPolicy,
    deadline: float,
) -> FetchedResource:
    if not 200 <= response.status_code < 300:
        raise FetchError(
            f"{hop} answered HTTP {response.status_code} {response.reason_phrase}".rstrip()
        )
    _refuse_declared_oversize(response, hop, policy)
    retrieved_at = datetime.now(UTC)
    peer_address = _peer_address(response, hop)
    body = _read_capped(response, hop, policy, deadline)
    media_type, charset = _parse_content_type(response.headers.get("content-type"))
    return FetchedResource(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
        body=body,
        media_type=media_type,
        charset=charset,
        redirects=list(redirects),
        retrieved_at=retrieved_at,
        peer_address=peer_address,
    )


def _refuse_declared_oversize(response: httpx.Response, hop: str, policy: FetchPolicy) -> None:
    # For a compressed body this is the compressed size, which the decoded size almost always
    # exceeds, so refusing early is still right.
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise TooLargeError(
            f"{hop} declares {int(declared)} bytes, more than the limit of "
            f"{policy.max_bytes} bytes",
            hint=SIZE_HINT,
        )


def _peer_address(response: httpx.Response, hop: str) -> str:
    stream = response.extensions.get("network_stream")
    server_addr = stream.get_extra_info("server_addr") if stream is not None else None
    if not server_addr:
        raise FetchError(f"could not tell which address served {hop}")
    return str(server_addr[0])


class _Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes: ...

    def flush(self) -> bytes: ...


class _Identity:
    def decode(self, data: bytes, limit: int) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class _Inflater:
    """Inflates at most ``limit`` bytes per call, so a tiny compressed body cannot balloon in
    memory before the size cap sees it (httpx's own decoders inflate without a bound)."""

    def __init__(self, wbits: int) -> None:
        self._inflater = zlib.decompressobj(wbits)

    def decode(self, data: bytes, limit: int) -> bytes:
        return self._inflater.decompress(data, limit)

    def flush(self) -> bytes:
        return self._inflater.flush()


class _DeflateInflater(_Inflater):
    def __init__(self) -> None:
        super().__init__(zlib.MAX_WBITS)
        self._started = False

    def decode(self, data: bytes, limit: int) -> bytes:
        if not self._started:
            self._started = True
            try:
                return super().decode(data, limit)
            except zlib.error:
                # Many servers send raw deflate without the zlib wrapper HTTP asks for.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        return super().decode(data, limit)


def _decoder_for(content_encoding: str | None, hop: str) -> _Decoder:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return _Identity()
    if len(codings) > 1:
        raise FetchError(f"{hop} is sent with stacked encodings {content_encoding!r}; unsupported")
    if codings[0] in ("gzip", "x-gzip"):
        return _Inflater(zlib.MAX_WBITS | 16)
    if codings[0] == "deflate":
        return _DeflateInflater()
    raise FetchError(f"{hop} is sent with Content-Encoding {codings[0]!r}, which cannot be decoded")


def _read_capped(response: httpx.Response, hop: str, policy: FetchPolicy, deadline: float) -> bytes:
    """The decoded body, refused as soon as it grows past ``max_bytes``."""
    decoder = _decoder_for(response.headers.get("content-encoding"), hop)
    parts: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchTimeoutError(
                f"gave up fetching {hop}: exceeded the total time-out of "
                f"{policy.total_timeout:g} s",
                hint=TIMEOUT_HINT,
            )
        # Asking for one byte more than the room left is how we learn the cap was crossed.
        chunk = decoder.decode(raw, policy.max_bytes - size + 1)
        size = _checked_size(size + len(chunk), hop, policy)
        parts.append(chunk)
    tail = decoder.flush()
    _checked_size(size + len(tail), hop, policy)
    parts.append(tail)
    return b"".join(parts)


def _checked_size(size: int, hop: str, policy: FetchPolicy) -> int:
    if size > policy.max_bytes:
        raise TooLargeError(
            f"{hop} is larger than the limit of {policy.max_bytes} bytes; stopped reading",
            hint=SIZE_HINT,
        )
    return size


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, param_value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = param_value.strip().strip('"').strip().lower() or None
    return media.strip().lower() or None, charset
