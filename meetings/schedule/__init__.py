"""Meeting pages: list, create, detail, delete, public share page and calendar files."""

from flask import Blueprint

from ..security import no_store

bp = Blueprint("schedule", __name__)
# Lists and pages hold guest links and share tokens, and statuses change: never store them.
bp.after_request(no_store)

from . import create, detail, listing, share, templating  # noqa: E402,F401  (routes register on import)
