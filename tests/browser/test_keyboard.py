"""Every action of the app with the keyboard alone: Tab, Shift+Tab, Enter, Space and arrows.

No test here clicks or fills: each moves focus with the keyboard (`tab_to`, which checks
that every element focused on the way shows a visible outline) and then types or presses
keys into whatever has focus. Accounts and meetings are set up over HTTP beforehand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, Route, expect

from tests.browser.conftest import (
    LiveApp,
    outline_of,
    press,
    seed_api_meetings,
    seed_meeting,
    tab_to,
)
from tests.fixtures.accounts import Account, make_organiser

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}


def keyboard_sign_in(page: Page, live: LiveApp, account: Account) -> None:
    """Sign in on the sign-in page by typing into each field reached with Tab."""
    page.goto(live.url("/sign-in"))
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(account.email)
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(account.password)
    tab_to(page, page.get_by_role("button", name="Sign in"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()


def account_link(page: Page, name: str) -> None:
    """Follow a link of the site header's Account navigation with Tab and Enter."""
    tab_to(page, page.get_by_role("navigation", name="Account").get_by_role("link", name=name))
    page.keyboard.press("Enter")


def test_sign_in_and_sign_out(live: LiveApp, page: Page, organiser: Account) -> None:
    page.goto(live.url("/sign-in"))
    press(page)
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert outline_of(page) != "none"
    keyboard_sign_in(page, live, organiser)
    expect(page.get_by_text("Signed in as Olivia Owner")).to_be_visible()

    tab_to(page, page.get_by_role("button", name="Sign out"))
    page.keyboard.press("Space")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_create_a_meeting(live: LiveApp, page: Page, organiser: Account) -> None:
    keyboard_sign_in(page, live, organiser)
    tab_to(page, page.get_by_role("link", name="New meeting").last)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New meeting")).to_be_visible()

    tab_to(page, page.get_by_label("Title"))
    page.keyboard.type("Keyboard only")
    summary = page.locator("summary", has_text="More options")
    options = page.locator("details.more-options")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(options).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(options).not_to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(options).to_have_attribute("open", "")

    # A radio group is one Tab stop; the arrow keys move the choice within it.
    size = page.get_by_role("group", name="Meeting size")
    tab_to(page, size.get_by_role("radio", checked=True))
    page.keyboard.press("ArrowDown")
    large = size.get_by_label("Large")
    expect(large).to_be_checked()
    expect(large).to_be_focused()
    assert outline_of(page) != "none"
    # Back up with Shift+Tab to the title and correct it.
    tab_to(page, page.get_by_label("Title"), key="Shift+Tab")
    page.keyboard.press("End")
    page.keyboard.type(", large room")

    tab_to(page, page.get_by_role("button", name="Create meeting"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Keyboard only, large room")).to_be_visible()
    expect(page.locator("dl.options")).to_contain_text("Large: more than 4 people")


def test_open_a_meeting_and_copy_its_links(live: LiveApp, page: Page, organiser: Account) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.base_url)
    seed_meeting(live, organiser, title="Copy me")
    keyboard_sign_in(page, live, organiser)
    tab_to(page, page.get_by_role("link", name="Copy me"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Copy me")).to_be_visible()

    guest_link = page.get_by_label("Guest link").input_value()
    host_link = page.get_by_label("Host link").input_value()
    tab_to(page, page.get_by_role("button", name="Copy guest link"))
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == guest_link
    tab_to(page, page.get_by_role("button", name="Copy host link"))
    page.keyboard.press("Space")
    expect(page.locator(":focus")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == host_link

    tab_to(page, page.get_by_role("link", name="Add to calendar"))
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert "BEGIN:VCALENDAR" in Path(download_info.value.path()).read_text(encoding="utf-8")


def test_tabbing_to_the_end_of_the_list_loads_more(
    live: LiveApp, page: Page, organiser: Account
) -> None:
    seed_api_meetings(live.api, 30)
    keyboard_sign_in(page, live, organiser)
    rows = page.locator("li.meeting")
    expect(rows).to_have_count(25)
    # Hold the next page back (a slow network) until focus is on "Load more meetings".
    held: list[Route] = []
    page.route(re.compile(r"/meetings\?cursor="), lambda route: held.append(route))
    tab_to(page, page.get_by_role("link", name="Load more meetings"), limit=120)
    # Focusing the link scrolled it into view, which asked for the next page.
    expect(page.get_by_text("Loading more meetings…")).to_be_visible()
    expect(rows).to_have_count(25)
    held[0].continue_()
    expect(rows).to_have_count(30)
    expect(page.get_by_text("That's all your meetings.")).to_be_visible()
    # The link made way for the new rows: focus moved on to the first of them, not to the top.
    expect(rows.nth(25).get_by_role("link")).to_be_focused()
    assert outline_of(page) != "none"
    press(page)
    expect(rows.nth(25).get_by_role("button", name="Copy guest link")).to_be_focused()


def test_delete_from_the_list(live: LiveApp, page: Page, organiser: Account) -> None:
    seed_meeting(live, organiser, title="Keep me")
    seed_meeting(live, organiser, title="Delete me")
    keyboard_sign_in(page, live, organiser)
    messages = []

    def accept(dialog: Dialog) -> None:
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    tab_to(page, page.get_by_role("button", name="Delete Delete me"))
    page.keyboard.press("Enter")
    expect(page.locator("li.meeting", has_text="Delete me")).to_have_count(0)
    assert messages == ["Delete “Delete me”? Its links will stop working."]
    expect(page.locator("li.meeting", has_text="Keep me")).to_have_count(1)
    page.reload()
    expect(page.locator("li.meeting")).to_have_count(1)


def test_delete_from_the_meeting_page(live: LiveApp, page: Page, organiser: Account) -> None:
    meeting = seed_meeting(live, organiser, title="Delete me")
    keyboard_sign_in(page, live, organiser)
    tab_to(page, page.get_by_role("link", name="Delete me"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Delete this meeting"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Delete “Delete me”?")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Yes, delete it"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("No meetings yet")).to_be_visible()
    expect(page.locator(f"#meeting-{meeting.meeting_id}")).to_have_count(0)


def test_save_the_profile(live: LiveApp, page: Page, organiser: Account) -> None:
    keyboard_sign_in(page, live, organiser)
    account_link(page, "Profile")
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Olivia Keys")
    zone = page.get_by_label("Your time zone")
    tab_to(page, zone)
    before = zone.input_value()
    page.keyboard.press("ArrowDown")
    after = zone.input_value()
    assert after != before
    tab_to(page, page.get_by_role("button", name="Save details"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed in as Olivia Keys")).to_be_visible()
    expect(page.get_by_label("Your time zone")).to_have_value(after)


def test_admin_adds_an_organiser_and_switches_one_off(live: LiveApp, page: Page) -> None:
    admin = make_organiser(live.app, "ada@example.org", display_name="Ada Admin", is_admin=True)
    keyboard_sign_in(page, live, admin)
    account_link(page, "Admin")
    expect(page.get_by_role("heading", name="Organisers")).to_be_visible()

    form = page.locator("form", has=page.get_by_role("button", name="Add organiser"))
    tab_to(page, form.get_by_label("Email address"))
    page.keyboard.type("new@example.org")
    tab_to(page, form.get_by_label("Name", exact=True))
    page.keyboard.type("Nina New")
    tab_to(page, form.get_by_label("First password"))
    page.keyboard.type("a first password for Nina")
    tab_to(page, page.get_by_role("button", name="Add organiser"))
    page.keyboard.press("Enter")
    row = page.get_by_role("row", name="new@example.org")
    expect(row).to_contain_text("Can sign in")

    tab_to(page, row.get_by_role("button", name="Switch off new@example.org"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("row", name="new@example.org")).to_contain_text("Switched off")


def test_share_page_join_and_add_to_calendar(
    live: LiveApp, open_page: Callable[..., Page], organiser: Account
) -> None:
    meeting = seed_meeting(live, organiser, title="Open day")
    guest = open_page(viewport=DESKTOP)
    guest.goto(live.url(f"/s/{meeting.share_token}"))
    join = guest.get_by_role("link", name="Join meeting")
    tab_to(guest, join)
    room_url = join.get_attribute("href")
    with guest.context.expect_page() as room:
        guest.keyboard.press("Enter")
    assert room.value.url.split("?")[0] == room_url

    tab_to(guest, guest.get_by_role("link", name="Add to calendar"))
    with guest.expect_download() as download_info:
        guest.keyboard.press("Enter")
    calendar = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "SUMMARY:Open day" in calendar
