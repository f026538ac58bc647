"""Trouble in a real browser: the list keeps its rows and says what went wrong."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import Console, LiveApp, seed_api_meetings, seed_meeting, sign_in
from tests.fixtures.accounts import Account

pytestmark = pytest.mark.browser


def test_lost_connection_while_scrolling_keeps_the_rows_and_says_so(
    live: LiveApp, page: Page, organiser: Account, console: Console
) -> None:
    seed_api_meetings(live.api, 30)
    sign_in(page, live, organiser)
    rows = page.locator("li.meeting")
    expect(rows).to_have_count(25)

    def cut_off(route: Route) -> None:
        route.abort("connectionrefused")  # the app went away mid-scroll

    page.route("**/meetings?cursor=*", cut_off)
    page.locator("li.list-more").scroll_into_view_if_needed()
    alert = page.locator("#htmx-errors [role=alert]")
    expect(alert).to_contain_text("We could not reach the server")
    expect(rows).to_have_count(25)
    for expected in ("net::ERR_CONNECTION_REFUSED", "htmx:sendError", "htmx:afterRequest"):
        console.take(expected)

    page.unroute("**/meetings?cursor=*")
    page.get_by_role("link", name="Load more meetings").click()  # try again, in place
    expect(rows).to_have_count(30)
    expect(page.get_by_text("That's all your meetings.")).to_be_visible()
    expect(alert).to_have_count(0)  # the message goes once a request gets through


def test_a_delete_that_never_arrives_keeps_the_row_and_says_so(
    live: LiveApp, page: Page, organiser: Account, console: Console
) -> None:
    seeded = seed_meeting(live, organiser, title="Still here")
    sign_in(page, live, organiser)
    row = page.locator(f"#meeting-{seeded.meeting_id}")
    page.route(f"**/meetings/{seeded.meeting_id}", lambda route: route.abort("connectionrefused"))
    page.on("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Delete").click()
    expect(page.locator("#htmx-errors [role=alert]")).to_contain_text("could not reach")
    expect(row).to_be_visible()
    for expected in ("net::ERR_CONNECTION_REFUSED", "htmx:sendError", "htmx:afterRequest"):
        console.take(expected)


def test_meetings_made_elsewhere_offer_organisers_no_delete(
    live: LiveApp, page: Page, organiser: Account
) -> None:
    seed_api_meetings(live.api, 1)  # only admins may delete meetings made elsewhere
    sign_in(page, live, organiser)
    row = page.locator("li.meeting")
    expect(row).to_have_count(1)
    expect(row.get_by_role("button", name="Delete")).to_have_count(0)
