"""`harmtrack serve`: the web pages and the JSON API over this HOME's store (uvicorn)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from harmtrack.cli.app import app, err, get_state

_LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """True for a loopback address or a name that resolves only to loopback addresses."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    if host in _LOOPBACK_NAMES:
        return True
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Read-only, no sign-in, sensitive fields hidden, no review routes."
        ),
    ] = False,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers",
            help="Trust X-Forwarded-Proto/-For from the proxy at --forwarded-allow-ips.",
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str, typer.Option(help="Proxy addresses whose X-Forwarded-* headers are trusted.")
    ] = "127.0.0.1",
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Let the sign-in workbench listen on a non-loopback address (use TLS).",
        ),
    ] = False,
) -> None:
    """Serve the map, the incident and document pages, the review workbench and the JSON API."""
    # Imported here: the web stack costs every other command a third of a second to load.
    import uvicorn

    from harmtrack.api.app import create_app

    if not (public or allow_remote or is_loopback(host)):
        err.print(
            f"[red]Error:[/red] refusing to serve the sign-in workbench on {host}, which is not a "
            "loopback address: passwords and session cookies would cross the network.",
            highlight=False,
        )
        err.print(
            "[dim]Hint: put it behind a TLS proxy and pass --allow-remote --proxy-headers, or "
            "serve the read-only --public view.[/dim]"
        )
        raise typer.Exit(2)
    application = create_app(get_state(ctx).settings, public=public)
    uvicorn.run(
        application,
        host=host,
        port=port,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )
