"""The home page and health checks."""

from flask import Blueprint, jsonify, render_template

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    """Placeholder home page until the meeting pages land."""
    return render_template("home.html")


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")
