"""The organiser's journey end to end, by visible labels and roles, with JavaScript on."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from meetings.auth.first_run import issue_token
from tests.browser.conftest import Console, LiveApp, screenshot, seed_api_meetings, sign_in
from tests.fixtures.accounts import Account

pytestmark = pytest.mark.browser

TITLE = "Budget review"
PASSWORD = "four unrelated garden words"


def first_run_link(live: LiveApp) -> str:
    with live.app.app_context():
        return live.url(f"/first-run/{issue_token()}")


def create_admin(page: Page, live: LiveApp) -> None:
    page.goto(first_run_link(live))
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label("Your name").fill("Ada Admin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create the admin account").click()
    expect(page.get_by_text("Your admin account is ready")).to_be_visible()


def fill_meeting_form(page: Page, day: date) -> None:
    """A meeting in New York with several room options chosen."""
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Ends at").fill("10:45")
    page.get_by_label("Time zone").select_option("America/New_York")
    page.get_by_text("More options").click()
    page.get_by_role("group", name="Meeting size").get_by_label("Large").check()
    page.get_by_label("Lock the room").check()
    page.get_by_label("Room name starts with").fill("budget")
    page.get_by_role("group", name="Room name style").get_by_label("Short and easy").check()
    page.get_by_role("group", name="Recording", exact=True).get_by_label(
        "Let people record"
    ).check()


def test_organiser_journey_from_first_run_to_delete(
    live: LiveApp, page: Page, open_page: Callable[..., Page], console: Console
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.base_url)
    create_admin(page, live)

    page.get_by_role("link", name="Admin").click()
    expect(page.get_by_role("heading", name="Organisers")).to_be_visible()
    expect(page.get_by_role("cell", name="ada@example.org")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    admin = Account(0, "ada@example.org", PASSWORD, "Ada Admin", True)
    sign_in(page, live, admin)

    page.get_by_role("link", name="New meeting").first.click()
    expect(page.get_by_role("heading", name="New meeting")).to_be_visible()
    fill_meeting_form(page, date.today() + timedelta(days=3))
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Your meeting is ready")).to_be_visible()

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Meetings").click()
    row = page.locator("li.meeting", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("14:30–15:45 UTC")  # 09:30 in New York, in UTC
    row.get_by_role("link", name=TITLE).click()

    options = page.locator("dl.options")
    expect(options).to_contain_text("Large: more than 4 people")
    expect(options).to_contain_text("Short and easy to read out")
    guest_link = page.get_by_label("Guest link").input_value()
    host_link = page.get_by_label("Host link").input_value()
    share_link = page.get_by_label("Meeting page for guests").input_value()
    assert "roomKey" in host_link and "roomKey" not in guest_link
    page.get_by_role("button", name="Copy guest link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == guest_link
    page.get_by_role("button", name="Copy host link").click()
    assert page.evaluate("navigator.clipboard.readText()") == host_link

    guest = open_page(viewport={"width": 1280, "height": 800})
    guest.goto(share_link)
    expect(guest.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(guest.get_by_text(re.compile(r"09:30.*10:45"))).to_be_visible()
    expect(guest.get_by_text("In your time zone")).to_be_visible()
    join = guest.get_by_role("link", name="Join meeting")
    expect(join).to_have_attribute("href", guest_link)
    html = guest.content()
    assert host_link not in html
    assert re.search("roomkey", html, re.IGNORECASE) is None
    assert guest.get_by_text("Host link").count() == 0
    screenshot(guest, "journey-share")
    with guest.expect_download() as download_info:
        guest.get_by_role("link", name="Add to calendar").click()
    calendar = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in calendar and f"SUMMARY:{TITLE}" in calendar
    assert "roomKey" not in calendar

    page.get_by_role("link", name="All meetings").click()
    row = page.locator("li.meeting", has_text=TITLE)
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name=f"Delete {TITLE}").click()
    expect(page.locator("li.meeting", has_text=TITLE)).to_have_count(0)
    page.reload()
    expect(page.get_by_text("No meetings yet")).to_be_visible()
    console.expect_status(404)
    response = guest.goto(share_link)
    assert response is not None and response.status == 404


def test_infinite_scroll_shows_every_meeting_once(
    live: LiveApp, page: Page, organiser: Account
) -> None:
    ids = seed_api_meetings(live.api, 120)
    sign_in(page, live, organiser)
    rows = page.locator("li.meeting")
    expect(rows).to_have_count(25)
    for shown in (50, 75, 100, 120):
        # The sentinel row asks for the next page when it scrolls into view.
        page.locator("li.list-more").scroll_into_view_if_needed()
        expect(rows).to_have_count(shown)
    end = page.get_by_text("That's all your meetings.")
    expect(end).to_be_visible()
    expect(rows).to_have_count(120)
    shown = rows.evaluate_all("rows => rows.map(row => row.id)")
    assert sorted(shown) == sorted(f"meeting-{meeting_id}" for meeting_id in ids)
    expect(page.locator("li.list-more")).to_have_count(0)
