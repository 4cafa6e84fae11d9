"""Tests for sources.fetch against real HTTP servers on loopback."""

from __future__ import annotations

import gzip
import ipaddress
import ssl
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.errors import BlockedAddressError, FetchError, FetchTimeoutError, TooLargeError
from harmtrack.sources.fetch import (
    FetchPolicy,
    fetch_url,
    is_public_address,
    is_url,
    resolve_addresses,
)

pytestmark = pytest.mark.timeout(15)

# Loopback servers need allow_private; short time-outs keep a hung test from hanging the suite.
LOCAL = FetchPolicy(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5)

Route = Callable[["Handler"], None]


class Server(ThreadingHTTPServer):
    """A loopback server whose routes a test fills in, recording every request it receives."""

    daemon_threads = True
    # Handlers that stall on purpose must not hold up teardown.
    block_on_close = False

    def __init__(self, host: str, tls: ssl.SSLContext | None = None) -> None:
        super().__init__((host, 0), Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[str] = []
        self.user_agents: list[str] = []
        self.sni_names: list[str | None] = []
        self.stop = threading.Event()
        if tls is not None:
            tls.sni_callback = self._record_sni
            self.socket = tls.wrap_socket(self.socket, server_side=True)

    def _record_sni(self, _sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        self.sni_names.append(name)

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        route = self.server.routes.get(urlsplit(self.path).path)
        try:
            if route is None:
                reply(self, 404, b"no such route")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up on purpose (size cap, time-out)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def stall(self, seconds: float) -> None:
        self.server.stop.wait(seconds)


def reply(
    handler: Handler, status: int = 200, body: bytes = b"", headers: Sequence[tuple[str, str]] = ()
) -> None:
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect(location: str, status: int = 302) -> Route:
    return lambda handler: reply(handler, status, headers=[("Location", location)])


def close_delimited(body: bytes, then_stall: float = 0.0) -> Route:
    def route(handler: Handler) -> None:
        handler.send_response(200)  # HTTP/1.0 and no Content-Length: the body ends at close
        handler.end_headers()
        handler.wfile.write(body)
        handler.stall(then_stall)

    return route


def chunked(body: bytes, then_stall: float = 0.0) -> Route:
    def route(handler: Handler) -> None:
        handler.protocol_version = "HTTP/1.1"
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for start in range(0, len(body), 16384):
            piece = body[start : start + 16384]
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        handler.stall(then_stall)
        handler.wfile.write(b"0\r\n\r\n")

    return route


@contextmanager
def serving(host: str, tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    server = Server(host, tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def server() -> Iterator[Server]:
    with serving("127.0.0.1") as running:
        yield running


@pytest.fixture
def second_server() -> Iterator[Server]:
    # Linux routes all of 127/8 to loopback, so a second address stands in for "another host".
    with serving("127.0.0.2") as running:
        yield running


# Self-signed, for the DNS name "localhost" only, valid 2000-2126: TLS tests need no tools.
TLS_CERT = """\
-----BEGIN CERTIFICATE-----
MIIBgzCCASigAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEyNjAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABKFsZYJ/tLvpOG5W
0TV40iSWqK8YsENx9hfR0Z1IbQcPCLPEerrHoMzI45yj2tPcdB0RPnkwXwxAvpo+
lfE6RcOjaTBnMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAPBgNVHRMBAf8EBTADAQH/
MB0GA1UdDgQWBBSUOg9XJXDscwGuszwDxjNhmQ09njAfBgNVHSMEGDAWgBSUOg9X
JXDscwGuszwDxjNhmQ09njAKBggqhkjOPQQDAgNJADBGAiEAnDIrHB6JyFIOKVWj
8NQbxnip4SGYqdAG22mMDpd9z6ECIQDaE97OphB8L1ejFaSSQckiKCffeu68eNPp
xlud/Pjl3A==
-----END CERTIFICATE-----
"""
TLS_KEY = """\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguD3k4RBgT8zxgL1p
/aFK3AfYZB4GM4TNpz/krR/HMHOhRANCAAShbGWCf7S76ThuVtE1eNIklqivGLBD
cfYX0dGdSG0HDwizxHq6x6DMyOOco9rT3HQdET55MF8MQL6aPpXxOkXD
-----END PRIVATE KEY-----
"""


@pytest.fixture
def tls_certificate(tmp_path: Path) -> Path:
    path = tmp_path / "localhost.pem"
    path.write_text(TLS_CERT)
    return path


@pytest.fixture
def tls_server(tmp_path: Path, tls_certificate: Path) -> Iterator[Server]:
    key = tmp_path / "localhost.key"
    key.write_text(TLS_KEY)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_certificate, key)
    with serving("127.0.0.1", context) as running:
        yield running


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return gzip.compress(bytes(20 * 1024 * 1024), compresslevel=9)


# --- plain fetches -----------------------------------------------------------------------------


def test_fetch_returns_body_headers_and_provenance(server: Server) -> None:
    body = "<p>café</p>".encode("latin-1")
    headers = [
        ("Content-Type", 'Text/HTML; Charset="ISO-8859-1"'),
        ("X-Harmtrack-Probe", "first"),
        ("X-Harmtrack-Probe", "second"),
    ]
    server.routes["/page"] = lambda h: reply(h, 200, body, headers)
    before = datetime.now(UTC)

    fetched = fetch_url(server.url("/page"), LOCAL)

    assert fetched.body == body
    assert fetched.status == 200
    assert fetched.url == fetched.final_url == server.url("/page")
    assert fetched.redirects == []
    assert fetched.media_type == "text/html"
    assert fetched.charset == "iso-8859-1"
    assert fetched.peer_address == "127.0.0.1"
    probes = [value for name, value in fetched.headers if name == "X-Harmtrack-Probe"]
    assert probes == ["first", "second"]
    assert ("Content-Length", str(len(body))) in fetched.headers
    assert fetched.retrieved_at.tzinfo is UTC
    assert before <= fetched.retrieved_at <= datetime.now(UTC)
    assert server.user_agents[0].startswith("Harmtrack/")


def test_fetch_without_content_type_has_no_media_type(server: Server) -> None:
    server.routes["/bare"] = close_delimited(b"just bytes")

    fetched = fetch_url(server.url("/bare"), LOCAL)

    assert (fetched.body, fetched.media_type, fetched.charset) == (b"just bytes", None, None)


@pytest.mark.parametrize("status", [404, 500, 304])
def test_fetch_refuses_non_2xx_status(server: Server, status: int) -> None:
    server.routes["/status"] = lambda h: reply(h, status)

    with pytest.raises(FetchError) as caught:
        fetch_url(server.url("/status"), LOCAL)

    assert str(status) in str(caught.value)
    assert server.url("/status") in str(caught.value)


# --- URL checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/report.pdf", "data:text/plain,hi", "gopher://x/"],
)
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError, match="not http or https") as caught:
        fetch_url(url, LOCAL)

    assert url in str(caught.value)


def test_fetch_refuses_credentials_without_leaking_them(server: Server) -> None:
    server.routes["/page"] = lambda h: reply(h, 200, b"secret page")
    url = f"http://analyst:hunter2@127.0.0.1:{server.port}/page"

    with pytest.raises(FetchError, match="user name or password") as caught:
        fetch_url(url, LOCAL)

    assert "hunter2" not in str(caught.value)
    assert f"127.0.0.1:{server.port}/page" in str(caught.value)
    assert server.seen == []


def test_fetch_reports_unresolvable_host() -> None:
    with pytest.raises(FetchError, match=r"nonexistent\.invalid") as caught:
        fetch_url("http://nonexistent.invalid/", LOCAL)

    assert not isinstance(caught.value, BlockedAddressError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.org/a", True),
        ("HTTPS://example.org", True),
        ("  https://example.org/  ", True),
        ("http://", False),
        ("ftp://example.org/a", False),
        ("file:///etc/passwd", False),
        ("/home/analyst/report.html", False),
        ("C:\\reports\\atareb.html", False),
        ("reports/http-notes.txt", False),
    ],
)
def test_is_url_tells_urls_from_paths(text: str, expected: bool) -> None:
    assert is_url(text) is expected


# --- address policy ----------------------------------------------------------------------------

LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "2130706433",
    "0x7f.1",
    "127.1",
    "[::ffff:127.0.0.1]",
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_fetch_refuses_loopback_by_default(server: Server, host: str) -> None:
    server.routes["/page"] = lambda h: reply(h, 200, b"internal")

    with pytest.raises(BlockedAddressError) as caught:
        fetch_url(f"http://{host}:{server.port}/page", FetchPolicy(total_timeout=5))

    message = str(caught.value)
    assert f"{host}:{server.port}/page" in message
    assert "127.0.0.1" in message
    assert "--allow-private" in (caught.value.hint or "")
    assert server.seen == []


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_fetch_reaches_loopback_spellings_when_private_allowed(server: Server, host: str) -> None:
    server.routes["/page"] = lambda h: reply(h, 200, b"internal")

    fetched = fetch_url(f"http://{host}:{server.port}/page", LOCAL)

    assert fetched.body == b"internal"
    assert server.seen == ["/page"]


def test_fetch_refuses_redirect_to_disallowed_address(
    server: Server, second_server: Server
) -> None:
    second_server.routes["/admin"] = lambda h: reply(h, 200, b"internal")
    server.routes["/hop"] = redirect(second_server.url("/admin"))

    def only_first(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return address == ipaddress.ip_address("127.0.0.1")

    with pytest.raises(BlockedAddressError) as caught:
        fetch_url(server.url("/hop"), LOCAL, address_allowed=only_first)

    assert "127.0.0.2" in str(caught.value)
    assert server.url("/hop") in str(caught.value)
    assert server.seen == ["/hop"]
    assert second_server.seen == []


def test_fetch_follows_redirect_to_allowed_second_host(
    server: Server, second_server: Server
) -> None:
    second_server.routes["/report"] = lambda h: reply(h, 200, b"report")
    server.routes["/hop"] = redirect(second_server.url("/report"))

    fetched = fetch_url(server.url("/hop"), LOCAL, address_allowed=lambda _address: True)

    assert fetched.body == b"report"
    assert fetched.peer_address == "127.0.0.2"
    assert fetched.redirects == [server.url("/hop")]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.255.254",
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.255",
        "0.0.0.0",
        "255.255.255.255",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "192.0.2.1",
        "198.18.0.1",
        "192.0.0.172",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "2001:db8::1",
        "3fff::1",
        "64:ff9b:1::a00:1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:0.0.0.0",
        "::127.0.0.1",
        "2002:7f00:1::1",
        "2002:a00:1::",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
    ],
)
def test_is_public_address_refuses_non_global(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is False


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "172.32.0.1",
        "100.128.0.1",
        "11.0.0.1",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "2002:808:808::1",
        "64:ff9b::808:808",
    ],
)
def test_is_public_address_accepts_global(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("167772161", "10.0.0.1"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("localhost", "127.0.0.1"),
    ],
)
def test_resolve_addresses_reads_numeric_spellings(host: str, expected: str) -> None:
    resolved = resolve_addresses(host, 80)

    assert ipaddress.ip_address(expected) in resolved
    assert not any(is_public_address(address) for address in resolved)


def test_resolve_addresses_keeps_public_numeric_spelling_public() -> None:
    assert resolve_addresses("134744072", 80) == [ipaddress.ip_address("8.8.8.8")]


NON_GLOBAL_V4 = [
    ipaddress.IPv4Network(net)
    for net in [
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    ]
]
non_global_v4 = st.sampled_from(NON_GLOBAL_V4).flatmap(
    lambda net: st.integers(int(net.network_address), int(net.broadcast_address)).map(
        ipaddress.IPv4Address
    )
)


@given(non_global_v4)
def test_non_global_ipv4_is_refused_in_every_spelling(address: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (int(address) << 80))

    assert not is_public_address(address)
    assert not is_public_address(mapped)
    assert not is_public_address(sixtofour)
    assert not any(is_public_address(a) for a in resolve_addresses(str(int(address)), 80))


@given(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address))
def test_ipv4_mapped_form_is_judged_like_ipv4(address: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")

    assert is_public_address(mapped) == is_public_address(address)


def test_fetch_verifies_tls_for_the_hostname_while_connecting_to_the_checked_ip(
    tls_server: Server, tls_certificate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_certificate))  # httpx trusts this CA file
    tls_server.routes["/page"] = lambda h: reply(h, 200, b"over tls")

    fetched = fetch_url(f"https://localhost:{tls_server.port}/page", LOCAL)

    assert fetched.body == b"over tls"
    assert fetched.peer_address == "127.0.0.1"
    assert tls_server.sni_names == ["localhost"]


@pytest.mark.parametrize(
    ("host", "trust_certificate"),
    [("127.0.0.1", True), ("localhost", False)],  # wrong name; unknown issuer
)
def test_fetch_refuses_certificate_that_does_not_verify(
    tls_server: Server,
    tls_certificate: Path,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    trust_certificate: bool,
) -> None:
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    if trust_certificate:
        monkeypatch.setenv("SSL_CERT_FILE", str(tls_certificate))
    else:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    tls_server.routes["/page"] = lambda h: reply(h, 200, b"over tls")
    url = f"https://{host}:{tls_server.port}/page"

    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED") as caught:
        fetch_url(url, LOCAL)

    assert url in str(caught.value)
    assert tls_server.seen == []


# --- redirects ---------------------------------------------------------------------------------


def test_fetch_follows_redirect_chain(server: Server) -> None:
    server.routes["/r1"] = redirect(server.url("/r2"), 301)
    server.routes["/r2"] = redirect("r3", 302)  # relative, resolved against /r2
    server.routes["/r3"] = redirect("/final?page=1", 307)
    server.routes["/final"] = lambda h: reply(h, 200, b"arrived")

    fetched = fetch_url(server.url("/r1"), FetchPolicy(allow_private=True, max_redirects=3))

    assert fetched.body == b"arrived"
    assert fetched.url == server.url("/r1")
    assert fetched.final_url == server.url("/final?page=1")
    assert fetched.redirects == [server.url("/r1"), server.url("/r2"), server.url("/r3")]


def test_fetch_refuses_chain_longer_than_max_redirects(server: Server) -> None:
    def endless(handler: Handler) -> None:
        step = int(urlsplit(handler.path).query or 0)
        reply(handler, 302, headers=[("Location", f"/chain?{step + 1}")])

    server.routes["/chain"] = endless

    with pytest.raises(FetchError, match="too many redirects") as caught:
        fetch_url(server.url("/chain"), FetchPolicy(allow_private=True, max_redirects=4))

    assert server.url("/chain") in str(caught.value)
    assert len(server.seen) == 5  # the first request and four redirects followed


@pytest.mark.parametrize(
    ("routes", "expected_seen"),
    [
        ({"/a": "/b", "/b": "/a"}, ["/a", "/b"]),
        ({"/a": "/a"}, ["/a"]),
    ],
)
def test_fetch_reports_redirect_loop(
    server: Server, routes: dict[str, str], expected_seen: list[str]
) -> None:
    for path, location in routes.items():
        server.routes[path] = redirect(location)

    with pytest.raises(FetchError, match="redirect loop"):
        fetch_url(server.url("/a"), FetchPolicy(allow_private=True, max_redirects=10))

    assert server.seen == expected_seen


def test_fetch_rechecks_scheme_after_redirect(server: Server) -> None:
    server.routes["/to-file"] = redirect("file:///etc/passwd")

    with pytest.raises(FetchError, match="not http or https") as caught:
        fetch_url(server.url("/to-file"), LOCAL)

    assert "/etc/passwd" in str(caught.value)
    assert server.url("/to-file") in str(caught.value)


# --- time-outs ---------------------------------------------------------------------------------


def slow_headers(seconds: float) -> Route:
    def route(handler: Handler) -> None:
        handler.stall(seconds)
        reply(handler, 200, b"late")

    return route


def test_fetch_times_out_waiting_for_headers(server: Server) -> None:
    server.routes["/slow"] = slow_headers(5)
    started = time.monotonic()

    with pytest.raises(FetchTimeoutError, match="read time-out") as caught:
        fetch_url(server.url("/slow"), FetchPolicy(allow_private=True, read_timeout=0.5))

    assert time.monotonic() - started < 2
    assert server.url("/slow") in str(caught.value)


def test_fetch_total_timeout_cuts_a_long_silence_short(server: Server) -> None:
    server.routes["/slow"] = slow_headers(5)
    started = time.monotonic()

    with pytest.raises(FetchTimeoutError, match="total time-out"):
        fetch_url(
            server.url("/slow"),
            FetchPolicy(allow_private=True, read_timeout=4, total_timeout=0.5),
        )

    assert time.monotonic() - started < 2


def test_fetch_total_timeout_stops_a_trickling_body(server: Server) -> None:
    def trickle(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "40")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"x")
            if handler.server.stop.wait(0.1):
                return

    server.routes["/trickle"] = trickle
    started = time.monotonic()

    with pytest.raises(FetchTimeoutError, match="total time-out"):
        fetch_url(
            server.url("/trickle"),
            FetchPolicy(allow_private=True, read_timeout=2, total_timeout=1),
        )

    assert time.monotonic() - started < 2.5


# --- size caps ---------------------------------------------------------------------------------

SMALL = FetchPolicy(allow_private=True, max_bytes=50_000, read_timeout=3, total_timeout=5)


def test_fetch_refuses_declared_oversize_before_reading(server: Server) -> None:
    def declares_too_much(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "10000000")
        handler.end_headers()
        handler.stall(10)  # a client that tried to read the body would wait for its time-out

    server.routes["/big"] = declares_too_much
    started = time.monotonic()

    with pytest.raises(TooLargeError, match="50000 bytes") as caught:
        fetch_url(server.url("/big"), SMALL)

    assert time.monotonic() - started < 1.5
    assert server.url("/big") in str(caught.value)


@pytest.mark.parametrize("framing", [chunked, close_delimited])
def test_fetch_cuts_undeclared_oversize_at_the_cap(
    server: Server, framing: Callable[[bytes, float], Route]
) -> None:
    # One byte over the cap, then silence: only a client that stops at the cap ends quickly.
    server.routes["/big"] = framing(bytes(SMALL.max_bytes + 1), 10)
    started = time.monotonic()

    with pytest.raises(TooLargeError, match="50000 bytes"):
        fetch_url(server.url("/big"), SMALL)

    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("framing", [chunked, close_delimited])
def test_fetch_accepts_body_exactly_at_the_cap(
    server: Server, framing: Callable[[bytes, float], Route]
) -> None:
    server.routes["/full"] = framing(b"a" * SMALL.max_bytes, 0)

    fetched = fetch_url(server.url("/full"), SMALL)

    assert fetched.body == b"a" * SMALL.max_bytes


def test_fetch_cuts_gzip_bomb_at_the_cap_without_inflating_it(
    server: Server, gzip_bomb: bytes
) -> None:
    headers = [("Content-Encoding", "gzip")]
    server.routes["/bomb"] = lambda h: reply(h, 200, gzip_bomb, headers)
    policy = FetchPolicy(allow_private=True, max_bytes=1024 * 1024, read_timeout=3)
    assert len(gzip_bomb) < policy.max_bytes  # so only the decoded size can trip the cap

    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            fetch_url(server.url("/bomb"), policy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 8 * 1024 * 1024  # the bomb inflates to 20 MiB


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
        ("identity", lambda data: data),
    ],
)
def test_fetch_decodes_compressed_body(
    server: Server, encoding: str, encode: Callable[[bytes], bytes]
) -> None:
    text = b"Shelling hit the market in Atareb. " * 200
    headers = [("Content-Encoding", encoding)]
    server.routes["/page"] = lambda h: reply(h, 200, encode(text), headers)

    fetched = fetch_url(server.url("/page"), LOCAL)

    assert fetched.body == text


def test_fetch_refuses_encoding_it_cannot_decode(server: Server) -> None:
    headers = [("Content-Encoding", "br")]
    server.routes["/page"] = lambda h: reply(h, 200, b"\x0b\x02\x80hello\x03", headers)

    with pytest.raises(FetchError, match="'br'"):
        fetch_url(server.url("/page"), LOCAL)


def test_fetch_reports_corrupt_gzip(server: Server) -> None:
    headers = [("Content-Encoding", "gzip")]
    server.routes["/page"] = lambda h: reply(h, 200, b"this is not gzip at all", headers)

    with pytest.raises(FetchError, match="could not fetch") as caught:
        fetch_url(server.url("/page"), LOCAL)

    assert server.url("/page") in str(caught.value)
