"""Friendly error pages in the site layout; a small fragment for htmx requests."""

from __future__ import annotations

import logging
import math
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from .extensions import db
from .fragments import wants_fragment
from .whereby import RateLimited, WherebyError

log = logging.getLogger(__name__)

MESSAGES: dict[int, tuple[str, str]] = {
    400: (
        "Something was wrong with that request",
        "Go back, check what you entered and try again.",
    ),
    401: ("Please sign in", "Sign in to see this page."),
    403: ("You cannot open this page", "Your account does not have access to it."),
    404: ("Page not found", "The link may be mistyped, or what it pointed to has been removed."),
    405: ("That did not work", "This page cannot be used that way. Go back and use its buttons."),
    429: ("Too many requests", "Please wait a minute, then try again."),
    500: ("Something went wrong on our side", "Please try again in a moment."),
    503: ("The video service is not answering", "Please try again in a few minutes."),
}
CSRF_MESSAGE = "This form has expired or was sent from elsewhere. Reload the page and try again."


def render_error(status: int, detail: str | None = None) -> tuple[str, int, dict[str, str]]:
    """The error page (or htmx fragment) for `status`."""
    title, text = MESSAGES.get(status, MESSAGES[500])
    fragment = wants_fragment()
    template = "errors/_message.html" if fragment else "errors/error.html"
    context: dict[str, Any] = {"status": status, "title": title, "text": detail or text}
    headers = {"Vary": "HX-Request"}
    try:
        # After a failed query the session must be reset before the layout can load the user.
        db.session.rollback()
    except Exception:
        log.warning("could not roll back the database session", exc_info=True)
    if fragment:
        # Shown in the page's message area, never in place of the row or button that asked.
        headers.update({"HX-Retarget": "#htmx-errors", "HX-Reswap": "innerHTML"})
    try:
        return render_template(template, **context), status, headers
    except Exception:
        # Templates load the signed-in user; with the database down that fails too,
        # so fall back to a page that needs nothing but the message.
        log.exception("could not render the error page")
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body><main>"
            f"<h1>{escape(title)}</h1><p>{escape(context['text'])}</p></main></body></html>"
        )
        return page, status, headers


def init_app(app: Flask) -> None:
    """Register the handlers; unhandled exceptions reach the 500 page (outside debug)."""

    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> Any:
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(WherebyError)
    def upstream_failed(error: WherebyError) -> Any:
        # The meetings service failed where a page could not go on without it.
        log.warning("meetings API call failed: %s", type(error).__name__)
        if isinstance(error, RateLimited):
            body, status, headers = render_error(429, error.message)
            headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
            return body, status, headers
        return render_error(503, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if error.code is None or error.code < 400:
            return error
        # A view's own plain message (abort(404, "...")) replaces the generic text.
        custom = error.description if error.description != type(error).description else None
        body, status, headers = render_error(error.code, custom)
        if error.code == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        return body, status, headers
