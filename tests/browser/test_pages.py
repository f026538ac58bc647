"""Every page in a real browser: axe finds no violations, phones need no sideways scrolling
and get large enough controls, and no page logs a JavaScript error or CSP violation.

Touch-target rule (checked at 375×667): every visible button, link styled as a button,
navigation link, link beside a form's buttons, text input, select, textarea and
<summary> is at least 44 px tall; a checkbox or radio counts together with its label
(the label is what a thumb taps). Plain text links inside sentences are exempt, as in
WCAG 2.5.8's inline exception.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from meetings.auth.first_run import issue_token
from meetings.whereby import WherebyClient
from tests.browser.conftest import (
    Console,
    LiveApp,
    screenshot,
    seed_api_meetings,
    seed_meeting,
    sign_in,
)
from tests.fixtures.accounts import Account, make_organiser

pytestmark = pytest.mark.browser

AXE = Axe()
PHONE = {"width": 375, "height": 667}
TOUCH_TARGETS = """() => {
  const selector = [
    "button", "a.button", "nav a", ".form-actions a", "summary", "select", "textarea",
    "input:not([type=hidden])",
  ].join(", ");
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const target = (el.type === "checkbox" || el.type === "radio") && el.labels.length
      ? el.labels[0] : el;
    const box = target.getBoundingClientRect();
    const hidden = box.width === 0 || box.height === 0 || el.closest(".visually-hidden, [hidden]")
      || getComputedStyle(el).visibility === "hidden" || box.right <= 0;
    if (!hidden && box.height < 43.5) {
      small.push(`${el.outerHTML.slice(0, 80)}: ${box.height.toFixed(1)}px`);
    }
  }
  return small;
}"""


# The page's width beyond the screen, and the elements sticking out (a hint, for the message).
SIDEWAYS = """() => {
  const sticking = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5)
    .map(el => `${el.tagName.toLowerCase()}.${el.className}`);
  return [document.documentElement.scrollWidth - document.documentElement.clientWidth, sticking];
}"""


class Visit:
    """What a page needs before it can be looked at: accounts, meetings, state."""

    def __init__(self, live: LiveApp, page: Page, console: Console) -> None:
        self.live = live
        self.page = page
        self.console = console

    def organiser(self) -> Account:
        return make_organiser(
            self.live.app, "owner@example.org", display_name="Olivia Owner", time_zone="Europe/Oslo"
        )

    def signed_in(self, path: str | None = None, account: Account | None = None) -> Account:
        account = account or self.organiser()
        sign_in(self.page, self.live, account)
        if path:
            self.page.goto(self.live.url(path))
        return account

    def sign_in_page(self) -> None:
        self.page.goto(self.live.url("/sign-in"))

    def first_run(self) -> None:
        with self.live.app.app_context():
            token = issue_token()
        self.page.goto(self.live.url(f"/first-run/{token}"))

    def list_empty(self) -> None:
        self.signed_in()
        expect(self.page.get_by_text("No meetings yet")).to_be_visible()

    def list_full(self, path: str = "/meetings") -> None:
        account = self.organiser()
        # Made elsewhere first, so the newest (shown first) are the app's own, with titles.
        seed_api_meetings(self.live.api, 27)
        seed_meeting(self.live, account, title="Quarterly planning with the regional teams")
        seed_meeting(self.live, account, title="Parents' evening, class 3B", room_mode="group")
        seed_meeting(
            self.live, account, title="Budget review", start_time="09:00", end_time="10:00"
        )
        self.signed_in(path, account)
        expect(self.page.get_by_role("link", name="Load more meetings")).to_be_attached()

    def create(self) -> None:
        self.signed_in("/meetings/new")
        self.page.get_by_text("More options").click()

    def create_errors(self) -> None:
        self.create()
        self.console.expect_status(422)
        self.page.get_by_label("Title").fill("")
        self.page.get_by_label("Ends at").fill("08:00")
        self.page.get_by_label("Room name starts with").fill("not-allowed!")
        self.page.get_by_role("button", name="Create meeting").click()
        expect(self.page.get_by_role("heading", name="Please check the form")).to_be_visible()

    def detail(self) -> None:
        account = self.organiser()
        meeting = seed_meeting(self.live, account, is_locked="y", recording_type="local")
        self.signed_in(f"/meetings/{meeting.meeting_id}", account)

    def share(self, expired: bool = False, embed: bool = False) -> None:
        meeting = seed_meeting(self.live, self.organiser())
        if expired:
            # The room closes an hour after the end; look a minute later still.
            later = meeting.end + timedelta(hours=1, minutes=1)
            self.live.app.config["CLOCK"] = lambda: later
        self.page.goto(self.live.url(f"/s/{meeting.share_token}" + ("?embed=1" if embed else "")))

    def share_expired(self) -> None:
        self.share(expired=True)
        expect(self.page.get_by_text("This meeting has ended")).to_be_visible()

    def profile(self) -> None:
        self.signed_in("/profile")

    def admin(self) -> None:
        self.organiser()
        admin = make_organiser(self.live.app, "ada@example.org", is_admin=True)
        self.signed_in("/admin/organisers", admin)
        self.page.locator("td details summary").first.click()  # scan the reset form too

    def error_400_csrf(self) -> None:
        self.console.expect_status(400)
        self.sign_in_page()
        self.page.locator("input[name=csrf_token]").evaluate("input => { input.value = 'stale'; }")
        self.page.get_by_label("Email address").fill("owner@example.org")
        self.page.get_by_label("Password", exact=True).fill("whatever it is")
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.get_by_text("This form has expired")).to_be_visible()

    def error_403(self) -> None:
        self.console.expect_status(403)
        self.signed_in("/admin/organisers")

    def error_404(self) -> None:
        self.console.expect_status(404)
        self.page.goto(self.live.url("/no-such-page"))

    def error_405(self) -> None:
        self.console.expect_status(405)
        self.page.goto(self.live.url("/sign-out"))

    def error_429(self) -> None:
        self.console.expect_status(429)
        account = self.organiser()
        self.sign_in_page()
        for _ in range(5):
            self.page.get_by_label("Email address").fill(account.email)
            self.page.get_by_label("Password", exact=True).fill("not the password")
            self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.get_by_text("Too many")).to_be_visible()

    def error_500(self) -> None:
        self.console.expect_status(500)
        self.page.goto(self.live.url("/test-failure"))
        expect(self.page.get_by_role("heading", name="Something went wrong")).to_be_visible()

    def _api_down(self) -> None:
        """The meetings service stops answering (a closed port), for this test's app only."""
        self.live.app.extensions["whereby"] = WherebyClient(
            "http://127.0.0.1:9/v1", "unused-key", read_retries=0
        )

    def error_503(self) -> None:
        account = self.organiser()
        self._api_down()
        self.console.expect_status(503)
        self.signed_in("/meetings/404/calendar.ics", account)
        expect(
            self.page.get_by_role("heading", name="The video service is not answering")
        ).to_be_visible()

    def detail_unavailable(self) -> None:
        account = self.organiser()
        meeting = seed_meeting(self.live, account)
        self._api_down()
        self.console.expect_status(503)
        self.signed_in(f"/meetings/{meeting.meeting_id}", account)
        expect(self.page.get_by_text("couldn't reach the video service")).to_be_visible()

    def list_unavailable(self) -> None:
        account = self.organiser()
        self._api_down()
        self.signed_in("/meetings", account)
        expect(self.page.get_by_role("alert")).to_contain_text("couldn't load meetings")

    def embed_list(self) -> None:
        self.list_full("/meetings?embed=1")

    def embed_share(self) -> None:
        self.share(embed=True)


PAGES = [
    "sign_in_page",
    "first_run",
    "list_empty",
    "list_full",
    "create",
    "create_errors",
    "detail",
    "share",
    "share_expired",
    "profile",
    "admin",
    "error_400_csrf",
    "error_403",
    "error_404",
    "error_405",
    "error_429",
    "error_500",
    "error_503",
    "detail_unavailable",
    "list_unavailable",
    "embed_list",
    "embed_share",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(
    name: str, live: LiveApp, page: Page, console: Console
) -> None:
    getattr(Visit(live, page, console), name)()
    page.wait_for_load_state("load")

    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    screenshot(page, name.replace("_", "-"))

    page.set_viewport_size(PHONE)
    beyond, sticking = page.evaluate(SIDEWAYS)
    assert beyond <= 0, f"{name} scrolls sideways by {beyond}px on a phone: {sticking[:8]}"
    assert page.evaluate(TOUCH_TARGETS) == []
    screenshot(page, f"{name.replace('_', '-')}-phone")
