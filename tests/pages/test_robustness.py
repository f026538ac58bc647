"""Edge cases that must not break a page: odd dates, odd titles, odd links, double clicks."""

from __future__ import annotations

import threading

import pytest
import requests

from meetings.local_api.server import BackgroundServer
from tests.pages.conftest import HX, api_create, api_meeting, create_meeting, form_data
from tests.pages.test_share import share_path


def test_a_meeting_ending_in_year_9999_does_not_break_the_list(organiser_client, api):
    api_create(api, hours=24 * 365 * 7000)
    response = organiser_client.get("/meetings")
    assert response.status_code == 200
    assert "Live now" in response.get_data(as_text=True)  # made elsewhere: live since created


def test_year_9999_in_the_form_is_a_plain_error(organiser_client):
    response = organiser_client.post(
        "/meetings/new",
        data=form_data(
            start_date="9999-12-31", start_time="22:00", end_time="23:00",
            time_zone="America/New_York",
        ),
    )  # fmt: skip
    assert response.status_code == 422
    assert "too far away" in response.get_data(as_text=True)
    preview = organiser_client.get(
        "/meetings/new/preview?start_date=9999-12-31&start_time=22:00&end_time=23:00"
        "&time_zone=America/New_York",
        headers=HX,
    )
    assert preview.status_code == 200


def test_calendar_file_name_with_any_script(app, client, organiser_client):
    path = share_path(app, create_meeting(organiser_client, title="会議 Zażółć"))
    response = client.get(f"{path}/calendar.ics")
    disposition = response.headers["Content-Disposition"]
    assert disposition.encode("latin-1")  # a header werkzeug can send
    assert 'filename="za.ics"' in disposition  # the ASCII fallback for old clients
    assert "filename*=UTF-8''" in disposition
    assert "SUMMARY:会議 Zażółć" in response.get_data(as_text=True)


def test_a_garbled_cursor_is_explained_not_restarted(organiser_client):
    response = organiser_client.get("/meetings?cursor=" + "x" * 600)
    assert response.status_code == 400
    text = organiser_client.get("/meetings?cursor=forged", headers=HX).get_data(as_text=True)
    assert "We couldn't load more meetings" in text


def test_organiser_pages_are_never_stored(organiser_client):
    meeting_id = create_meeting(organiser_client)
    for path in ("/meetings", "/meetings/new", f"/meetings/{meeting_id}"):
        assert organiser_client.get(path).headers["Cache-Control"] == "no-store", path


def test_script_in_a_title_is_escaped_everywhere(app, client, organiser_client):
    title = "<script>alert(1)</script>"
    meeting_id = create_meeting(organiser_client, title=title)
    share = share_path(app, meeting_id)
    pages = [
        organiser_client.get("/meetings"),
        organiser_client.get(f"/meetings/{meeting_id}"),
        organiser_client.get(f"/meetings/{meeting_id}/delete"),
        client.get(share),
    ]
    for response in pages:
        text = response.get_data(as_text=True)
        assert "<script>alert(1)" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    ics = client.get(f"{share}/calendar.ics").get_data(as_text=True)
    assert "SUMMARY:<script>alert(1)</script>" in ics  # plain text: calendars do not run it


@pytest.mark.all_databases
def test_a_double_click_creates_one_meeting(app, organiser, api):
    """Two simultaneous posts of one form over real HTTP: one meeting, both shown it."""
    app.config["WTF_CSRF_ENABLED"] = False
    with BackgroundServer(app) as server:
        session = requests.Session()
        signed = session.post(
            f"{server.base_url}/sign-in",
            data={"email": organiser.email, "password": organiser.password},
            allow_redirects=False,
        )
        assert signed.status_code == 303
        data = form_data()
        results: list[requests.Response] = []

        def submit() -> None:
            results.append(
                session.post(f"{server.base_url}/meetings/new", data=data, allow_redirects=False)
            )

        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [r.status_code for r in results] == [303, 303]
    assert results[0].headers["Location"] == results[1].headers["Location"]
    assert [call for call in api.calls if call[0] == "POST"] == [("POST", "/v1/meetings")]
    meeting_id = results[0].headers["Location"].rsplit("/", 1)[1]
    assert api_meeting(api, meeting_id).status_code == 200
