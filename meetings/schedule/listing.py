"""The meeting list: newest first, one API page per request, infinite scroll."""

from __future__ import annotations

from flask import abort, current_app, request

from ..auth import organiser_required
from ..clock import now
from ..fragments import page_or_fragment
from ..whereby import WherebyError, get_client
from . import bp
from .rows import views_of

MAX_CURSOR_LENGTH = 512


@bp.get("/meetings")
@organiser_required
def list_meetings():
    """The list page, or (for htmx) the next page of rows after `cursor`."""
    cursor = request.args.get("cursor") or None
    if cursor is not None and len(cursor) > MAX_CURSOR_LENGTH:
        abort(400, "This link to a page of the list is not valid. Start again from the list.")
    limit = current_app.config.get("MEETINGS_PAGE_SIZE", 25)
    context = {"cursor": cursor, "rows": [], "next_cursor": None, "error": None}
    try:
        page = get_client().list_meetings(cursor=cursor, limit=limit)
    except WherebyError as error:
        context["error"] = error.message
    else:
        context["rows"] = views_of(page.results, now())
        context["next_cursor"] = page.cursor
    return page_or_fragment("meetings/list.html", "meetings/_rows.html", **context)
