"""The app factory: configuration, extensions, blueprints, error pages, security headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from config import INSTANCE_PATH, ROOT, config_for, instance_secret

from .extensions import csrf, db, htmx, migrate


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; `overrides` replaces configuration values (tests, tools)."""
    overrides = dict(overrides or {})
    config_class = config_for(overrides.pop("MEETINGS_ENV", None))
    app = Flask(
        "meetings",  # the app's (and its logger's) name, not this module's
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE_PATH),
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    _finish_config(app, config_class)

    db.init_app(app)
    # Batch mode lets Alembic alter tables on SQLite (it copies the table).
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    from . import whereby

    whereby.init_app(app)

    from . import auth, cli, errors, main, models, schedule, security  # noqa: F401 - models

    auth.init_app(app)
    cli.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(schedule.bp)
    return app


def _finish_config(app: Flask, config_class: type) -> None:
    """Fill in derived settings and refuse unsafe production configurations."""
    if not app.config.get("SECRET_KEY") and app.config.get("SECRET_KEY_FROM_INSTANCE"):
        app.config["SECRET_KEY"] = instance_secret("secret_key")
    check = getattr(config_class, "check", None)
    if check is not None:
        check(app.config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set.")
    if not app.config.get("WHEREBY_API_URL"):
        # The embedded meetings service, started beside the app by `make run`.
        host = app.config["EMBEDDED_API_HOST"]
        port = app.config["EMBEDDED_API_PORT"]
        app.config["WHEREBY_API_URL"] = f"http://{host}:{port}/v1"
        app.config["USING_EMBEDDED_API"] = True
        if not app.config.get("WHEREBY_API_KEY"):
            app.config["WHEREBY_API_KEY"] = instance_secret("embedded_api_key")
    else:
        app.config.setdefault("USING_EMBEDDED_API", False)
