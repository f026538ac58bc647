"""Upstream trouble (bad key, plan, 429, 5xx, lost answers): plain words, nothing lost."""

from __future__ import annotations

import pytest

from meetings import create_app
from tests.fixtures.accounts import base_config, make_organiser, signed_in
from tests.pages.conftest import HX, api_meeting, form_data

MEETING = {
    "meetingId": "77",
    "roomName": "/abc",
    "roomUrl": "http://rooms.example/abc",
    "startDate": "2030-01-01T10:00:00Z",
    "endDate": "2030-01-01T11:00:00Z",
}


@pytest.fixture
def faulty(database_url, fake_upstream):
    """A signed-in admin's client on an app whose API is the scripted server."""
    app = create_app(
        {**base_config(database_url), "WHEREBY_API_URL": fake_upstream.url,
         "WHEREBY_API_KEY": "fake-upstream-key"}
    )  # fmt: skip
    return signed_in(app, make_organiser(app, "faulty@example.org", is_admin=True))


def test_api_400_message_is_shown_next_to_its_field(faulty, fake_upstream):
    fake_upstream.reply(400, {"error": "roomNamePrefix must match [a-z0-9]{0,39}"})
    response = faulty.post("/meetings/new", data=form_data(title="Kept title"))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    field_error = text.split('id="room_name_prefix-error"', 1)[1][:200]
    assert "roomNamePrefix must match" in field_error
    assert 'value="Kept title"' in text
    assert "More options" in text and '<details class="more-options" open>' in text


@pytest.mark.parametrize(
    ("status", "body", "headers", "message"),
    [
        (401, {"error": "Unauthorized"}, {}, "access key"),
        (403, {"error": "Forbidden"}, {}, "plan does not allow this"),
        (429, {"error": "Rate limit", "data": {"msLeft": 41200}}, {}, "Try again in 42 seconds"),
        (503, {"error": "down"}, {}, "having trouble"),
    ],
)
def test_create_failure_is_explained_and_the_form_can_be_sent_again(
    faulty, fake_upstream, status, body, headers, message
):
    data = form_data(title="Try me")
    fake_upstream.reply(status, body, headers=headers)
    response = faulty.post("/meetings/new", data=data)
    text = response.get_data(as_text=True)
    assert response.status_code == (429 if status == 429 else 503)
    assert message in text
    assert 'value="Try me"' in text
    assert "Traceback" not in text and "fake-upstream-key" not in text
    # Nothing was created, so the very same form may be sent again.
    fake_upstream.reply(201, MEETING)
    assert faulty.post("/meetings/new", data=data).status_code == 303
    assert fake_upstream.methods() == ["POST", "POST"]


def test_lost_answer_never_leads_to_a_second_meeting(faulty, fake_upstream):
    data = form_data()
    fake_upstream.drop()
    fake_upstream.reply(200, {"results": [MEETING], "cursor": None})  # not ours: ends otherwise
    first = faulty.post("/meetings/new", data=data)
    assert first.status_code == 503
    assert "may or may not have been created" in first.get_data(as_text=True)
    second = faulty.post("/meetings/new", data=data)  # the browser's resubmit
    assert second.status_code == 409
    assert "already sent once" in second.get_data(as_text=True)
    assert fake_upstream.methods() == ["POST", "GET"]


def test_lost_answer_is_recovered_when_the_meeting_shows_up(
    app, organiser_client, api, monkeypatch
):
    """The real service made the meeting but its answer was lost: adopt it, once."""
    from meetings.whereby.client import WherebyClient
    from meetings.whereby.errors import UncertainConnectionFailed

    real_create = WherebyClient.create_meeting

    def create_then_lose_the_answer(self, payload, **kwargs):
        real_create(self, payload, **kwargs)
        raise UncertainConnectionFailed()

    monkeypatch.setattr(WherebyClient, "create_meeting", create_then_lose_the_answer)
    response = organiser_client.post("/meetings/new", data=form_data(title="Recovered"))
    assert response.status_code == 303
    meeting_id = response.headers["Location"].rsplit("/", 1)[1]
    assert [call[0] for call in api.calls] == ["POST", "GET"]  # create, then look for it
    assert api_meeting(api, meeting_id).status_code == 200
    assert "Recovered" in organiser_client.get("/meetings").get_data(as_text=True)


def test_detail_page_explains_an_outage(faulty, fake_upstream):
    fake_upstream.reply(500, {"error": "boom"})
    response = faulty.get("/meetings/77")
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "couldn't reach the video service" in text
    assert response.headers["Cache-Control"] == "no-store"


def test_list_page_explains_an_outage_with_a_retry_link(faulty, fake_upstream):
    for _ in range(3):  # the client retries a 503 read twice
        fake_upstream.reply(503, {"error": "down"})
    text = faulty.get("/meetings").get_data(as_text=True)
    assert "We couldn't load meetings." in text
    assert ">Try again</a>" in text


def test_failed_delete_from_the_list_says_so_inline(faulty, fake_upstream):
    fake_upstream.reply(429, {"error": "Rate limit", "data": {"msLeft": 5000}})
    response = faulty.delete("/meetings/77", headers=HX)
    text = response.get_data(as_text=True)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "5"
    assert "Try again in 5 seconds" in text
    # Shown in the page's message area; the row itself stays in the list.
    assert response.headers["HX-Retarget"] == "#htmx-errors"
    assert fake_upstream.methods() == ["DELETE"]


def test_lost_answer_never_adopts_a_lookalike_made_earlier(app, organiser_client, api, monkeypatch):
    """A meeting made elsewhere with the same end, before we sent ours, is not ours."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    import requests

    from meetings.whereby.client import WherebyClient
    from meetings.whereby.errors import UncertainConnectionFailed

    data = form_data(title="Not adopted")
    end = datetime.fromisoformat(f"{data['start_date']}T{data['end_time']}")
    end = end.replace(tzinfo=ZoneInfo(data["time_zone"])).astimezone(UTC)
    api.clock.set(datetime.now(UTC) - timedelta(seconds=30))
    lookalike = requests.post(
        f"{api.url}/meetings",
        json={"endDate": end.strftime("%Y-%m-%dT%H:%M:%SZ")},
        headers=api.headers,
        timeout=10,
    ).json()
    api.clock.set(datetime.now(UTC))

    def lose_the_answer(self, payload, **kwargs):
        raise UncertainConnectionFailed()  # and nothing was made

    monkeypatch.setattr(WherebyClient, "create_meeting", lose_the_answer)
    response = organiser_client.post("/meetings/new", data=data)
    assert response.status_code == 503
    assert "may or may not have been created" in response.get_data(as_text=True)
    from meetings.schedule.rows import records_for

    with app.app_context():
        assert records_for([lookalike["meetingId"]]) == {}
