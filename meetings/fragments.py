"""One URL answers both a full page and an htmx fragment."""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template

from .extensions import htmx


def wants_fragment() -> bool:
    """An htmx request that is not a history restore wants just the fragment."""
    return bool(htmx) and not htmx.history_restore_request


def page_or_fragment(page: str, fragment: str, status: int = 200, **context: Any) -> Response:
    """Render `fragment` for htmx, else `page` (which includes the fragment)."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
