"""The meeting list: rows, infinite scroll, Load more, and upstream trouble."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from meetings import create_app
from meetings.extensions import db
from tests.fixtures.accounts import base_config, signed_in
from tests.pages.conftest import HX, api_create, api_meeting, create_meeting, form_data

ROW_ID = re.compile(r'<li class="meeting" id="meeting-([^"]+)"')
NEXT_HX = re.compile(r'hx-get="(/meetings\?cursor=[^"]+)"\s+hx-trigger="revealed"')
LOAD_MORE = re.compile(r'<a class="button button-secondary" href="(/meetings\?cursor=[^"]+)"')


def _unescape(url: str) -> str:
    return url.replace("&amp;", "&")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/meetings")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_anonymous_htmx_gets_401_with_redirect_header(client):
    response = client.get("/meetings?cursor=abc", headers=HX)
    assert response.status_code == 401
    assert "/sign-in" in response.headers["HX-Redirect"]
    assert response.data == b""  # never a sign-in page swapped into the list


def test_empty_list_invites_the_first_meeting(organiser_client):
    page = organiser_client.get("/meetings").get_data(as_text=True)
    assert "No meetings yet" in page
    assert 'href="/meetings/new"' in page


def test_row_shows_title_times_status_owner_and_copy_link(organiser_client, api):
    meeting_id = create_meeting(organiser_client, title="Budget review")
    page = organiser_client.get("/meetings").get_data(as_text=True)
    assert "Budget review" in page
    assert "Upcoming" in page
    assert "Organiser: Olivia Owner" in page
    # Shown in the organiser's own zone (UTC here), not the meeting's.
    start = datetime.combine(date.fromisoformat(form_data()["start_date"]), time(15, 0))
    start = start.replace(tzinfo=ZoneInfo("Europe/Oslo")).astimezone(UTC)
    assert f"{start:%H:%M}–{start + timedelta(hours=1):%H:%M} UTC" in page
    room_url = api_meeting(api, meeting_id).json()["roomUrl"]
    assert f'data-copy="{room_url}"' in page
    assert "That's all" in page


def test_meeting_created_elsewhere_shows_room_name(organiser_client, api):
    made = api_create(api, roomNamePrefix="frontdesk")
    page = organiser_client.get("/meetings").get_data(as_text=True)
    assert made["roomName"].lstrip("/") in page
    assert "Created elsewhere" in page


def test_list_never_shows_host_or_viewer_links(organiser_client, api):
    create_meeting(organiser_client, viewer_mode="y")
    api_create(api, templateType="viewerMode")
    page = organiser_client.get("/meetings").get_data(as_text=True)
    assert "roomKey" not in page


def test_title_is_escaped(organiser_client):
    create_meeting(organiser_client, title="<script>alert(1)</script>")
    page = organiser_client.get("/meetings").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _seed(api, count):
    return [api_create(api)["meetingId"] for _ in range(count)]


def test_infinite_scroll_chain_walks_every_meeting_once(organiser_client, api):
    created = _seed(api, 230)
    page = organiser_client.get("/meetings").get_data(as_text=True)
    seen = ROW_ID.findall(page)
    pages = 1
    while match := NEXT_HX.search(page):
        response = organiser_client.get(_unescape(match.group(1)), headers=HX)
        assert response.status_code == 200
        assert "<html" not in response.get_data(as_text=True)  # a fragment, not a page
        assert "HX-Request" in response.headers["Vary"]
        page = response.get_data(as_text=True)
        seen += ROW_ID.findall(page)
        pages += 1
    assert seen == list(reversed(created))  # newest first, no gaps, no duplicates
    assert pages == 10
    assert "That's all" in page


def test_load_more_links_walk_every_meeting_without_javascript(organiser_client, api):
    created = _seed(api, 230)
    page = organiser_client.get("/meetings").get_data(as_text=True)
    seen = ROW_ID.findall(page)
    while match := LOAD_MORE.search(page):
        response = organiser_client.get(_unescape(match.group(1)))
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "<html" in page  # a whole page for a plain browser
        seen += ROW_ID.findall(page)
    assert seen == list(reversed(created))


def test_one_upstream_call_and_one_title_query_per_page(app, organiser_client, api):
    for _ in range(30):
        create_meeting(organiser_client)
    api.calls.clear()
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        page = organiser_client.get("/meetings").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(ROW_ID.findall(page)) == 25
    assert api.calls == [("GET", "/v1/meetings")]
    assert sum("meeting_records" in s for s in statements) == 1


def test_failed_page_load_shows_inline_retry(database_url, organiser, local_api_factory):
    throttled = local_api_factory(points_per_minute=1)
    app = create_app(
        {
            **base_config(database_url),
            "WHEREBY_API_URL": throttled.url,
            "WHEREBY_API_KEY": throttled.api_key,
        }
    )
    client = signed_in(app, organiser)
    assert client.get("/meetings").status_code == 200  # spends the only point
    response = client.get("/meetings?cursor=abc", headers=HX)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We couldn't load more meetings" in text
    assert "Try again in" in text
    assert 'hx-get="/meetings?cursor=abc"' in text
