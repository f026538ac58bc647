"""Start-up preparation shared by `make run` and the production start command."""

from __future__ import annotations

import os

import click
from flask import Flask
from flask_migrate import upgrade


def default_base_url() -> str:
    """Where `make run` serves the app (same variables as meetings.devserver)."""
    host = os.environ.get("MEETINGS_HOST", "127.0.0.1")
    port = os.environ.get("MEETINGS_PORT", "5000")
    return f"http://{host}:{port}"


def prepare(app: Flask, base_url: str | None = None) -> str | None:
    """Apply migrations; when no organiser exists, print and return a first-run link."""
    from .auth.first_run import issue_token
    from .models import Organiser

    base = (base_url or app.config.get("PUBLIC_BASE_URL") or default_base_url()).rstrip("/")
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        if Organiser.count():
            click.echo(f"Sign in at {base}/sign-in")
            return None
        link = base + f"/first-run/{issue_token()}"
    click.echo(f"Open {link} to create the first admin account (the link works once, for 1 hour).")
    return link
