"""Meeting pages: list, create, detail, delete, public share page and calendar files."""

from flask import Blueprint

bp = Blueprint("schedule", __name__)

from . import create, detail, listing, share, templating  # noqa: E402,F401  (routes register on import)
