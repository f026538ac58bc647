"""Organiser accounts: sign-in, sign-out, first run, profile and the admin page.

Public helpers for other blueprints: `organiser_required`, `admin_required`,
`safe_next`; `flask_login.current_user` is an `Organiser`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from ..extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


def organiser_required(view: F) -> F:
    """Only signed-in, active organisers; others go to sign-in (htmx: 401 + HX-Redirect)."""
    return login_required(view)


def admin_required(view: F) -> F:
    """Only signed-in admins; other organisers get 403."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (blocks open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _unauthorized() -> Any:
    """Anonymous visitors go to sign-in; htmx callers get 401 and HX-Redirect instead."""
    from ..extensions import htmx

    if htmx:
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        back = safe_next(current.path + (f"?{current.query}" if current.query else ""))
        return "", 401, {"HX-Redirect": url_for("auth.sign_in", next=back)}
    flash("Please sign in to continue.", "info")
    back = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.sign_in", next=safe_next(back)))


def init_app(app: Flask) -> None:
    """Set up Flask-Login, the throttle and the account blueprints."""
    from . import admin, sessions, throttle, views

    if app.config["SESSION_MAX_AGE_DAYS"] < 1:
        raise ValueError("SESSION_MAX_AGE_DAYS must be at least 1")
    login_manager.init_app(app)
    login_manager.user_loader(sessions.load_organiser)
    login_manager.unauthorized_handler(_unauthorized)
    throttle.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
