"""Start-up preparation shared by `make run` and the production start command."""

from __future__ import annotations

from flask import Flask


def prepare(app: Flask) -> None:
    """Bring the database schema up to date (migrations arrive with the accounts work)."""
    from pathlib import Path

    from flask_migrate import upgrade

    if (Path(app.root_path).parent / "migrations").is_dir():
        upgrade()
