"""Security headers on every response: CSP, framing, referrer, sniffing, permissions."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def content_security_policy(embed_origins: list[str]) -> str:
    """The CSP: everything from our own origin, no inline script, framing as configured."""
    ancestors = " ".join(["'self'", *embed_origins])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        ]
    )


def init_app(app: Flask) -> None:
    """Add the headers to every response of `app` (pages, errors, static files)."""
    proxies = int(app.config.get("TRUSTED_PROXY_COUNT") or 0)
    if proxies:
        # Behind a proxy every request comes from the proxy's address; the real client
        # address (used to throttle sign-ins) and scheme are in X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    origins = list(app.config.get("EMBED_ALLOWED_ORIGINS") or [])
    headers = {
        "Content-Security-Policy": content_security_policy(origins),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if not origins:
        # Old browsers ignore frame-ancestors; only safe to add when no one may frame us.
        headers["X-Frame-Options"] = "SAMEORIGIN"

    init_embed_mode(app)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


def no_store(response: Response) -> Response:
    """Never store this response (personal details, secret links): an `after_request` hook."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


GUEST_ENDPOINTS = ("schedule.share", "schedule.share_calendar")


def init_embed_mode(app: Flask) -> None:
    """`?embed=1`: a compact layout for intranet iframes, kept on every link and form.

    Every URL the app builds with `url_for` while serving an embedded page carries
    `embed=1`, so navigation, form posts and redirects stay in the compact layout.
    """

    # A URL value preprocessor runs before every before_request function, so pages
    # rendered when one of those fails (the CSRF check's 400) keep the compact layout too.
    @app.url_value_preprocessor
    def detect_embed(endpoint: str | None, values: dict[str, Any] | None) -> None:
        g.embed = request.args.get("embed") == "1"

    @app.url_defaults
    def keep_embed(endpoint: str, values: dict[str, Any]) -> None:
        # Guest links leave the frame: they must open the full page wherever they are sent.
        if g.get("embed") and endpoint not in ("static", *GUEST_ENDPOINTS):
            values.setdefault("embed", "1")
