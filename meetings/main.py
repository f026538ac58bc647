"""The home page and health checks."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from .extensions import db

bp = Blueprint("main", __name__)
log = logging.getLogger(__name__)


@bp.get("/")
def home():
    """Signed-in organisers go to their meetings; everyone else sees what this is."""
    if current_user.is_authenticated:
        return redirect(url_for("schedule.list_meetings"))
    return render_template("home.html")


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        log.warning("readiness: database unreachable", exc_info=True)
        db.session.rollback()
        return False


def _meetings_api_ok() -> bool:
    """Ping the meetings API, at most once per READYZ_CACHE_SECONDS per process.

    Probes arrive every few seconds; each real ping would spend the API's
    rate-limit budget, so the answer is remembered for a short while.
    """
    cache: dict[str, Any] = current_app.extensions.setdefault("meetings_readyz", {})
    ttl = float(current_app.config.get("READYZ_CACHE_SECONDS", 30))
    now = time.monotonic()
    if "ok" in cache and now - cache["checked_at"] < ttl:
        return cache["ok"]
    try:
        from .whereby import get_client

        get_client().ping()
        ok = True
    except Exception as error:
        # Only the class name: messages could quote a URL or header.
        log.warning("readiness: meetings API unreachable (%s)", type(error).__name__)
        ok = False
    cache.update(ok=ok, checked_at=now)
    return ok


@bp.get("/readyz")
def readyz():
    """The database and the meetings API answer: 200, else 503 with what failed."""
    checks = {
        "database": "ok" if _database_ok() else "error",
        "meetings_api": "ok" if _meetings_api_ok() else "error",
    }
    ready = all(value == "ok" for value in checks.values())
    return jsonify(checks), 200 if ready else 503
