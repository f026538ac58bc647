"""The organiser's work with JavaScript switched off: plain links and forms do it all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveApp, seed_api_meetings, sign_in
from tests.fixtures.accounts import Account, make_organiser

pytestmark = pytest.mark.browser

TITLE = "Team retrospective"


def test_everything_works_without_javascript(live: LiveApp, open_page: Callable[..., Page]) -> None:
    page = open_page(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    account: Account = make_organiser(live.app, "owner@example.org", display_name="Olivia Owner")
    seed_api_meetings(live.api, 30)
    sign_in(page, live, account)

    page.get_by_role("link", name="New meeting").last.click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date", exact=True).fill((date.today() + timedelta(days=2)).isoformat())
    page.get_by_label("Starts at").fill("13:00")
    page.get_by_label("Ends at").fill("14:00")
    page.get_by_label("Time zone").select_option("Asia/Tokyo")
    page.get_by_text("More options").click()
    page.get_by_role("group", name="Meeting size").get_by_label("Large").check()
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_role("button", name="Copy guest link")).to_be_hidden()
    share_link = page.get_by_label("Meeting page for guests").input_value()

    page.get_by_role("link", name="All meetings").click()
    expect(page.locator("li.meeting")).to_have_count(25)
    expect(page.locator("li.meeting", has_text=TITLE)).to_have_count(1)
    page.get_by_role("link", name="Load more meetings").click()
    expect(page.locator("li.meeting")).to_have_count(6)
    expect(page.get_by_text("That's all your meetings.")).to_be_visible()
    page.get_by_role("link", name="Back to the newest meetings").click()

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="When")).to_be_visible()
    expect(page.get_by_text("13:00–14:00")).to_be_visible()

    guest = open_page(java_script_enabled=False)
    guest.goto(share_link)
    expect(guest.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(guest.get_by_role("link", name="Join meeting")).to_be_visible()
    # Without script the guest's own zone is unknown: the page falls back to UTC.
    expect(guest.locator(".local-time")).to_contain_text("04:00–05:00 UTC")

    page.get_by_role("link", name="All meetings").click()
    page.locator("li.meeting", has_text=TITLE).get_by_role("button", name="Delete").click()
    expect(page.get_by_role("heading", name=f"Delete “{TITLE}”?")).to_be_visible()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator("li.meeting", has_text=TITLE)).to_have_count(0)
    expect(page.locator("li.meeting")).to_have_count(25)
