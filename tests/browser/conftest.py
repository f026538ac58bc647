"""Browser tests: Chromium through Playwright against the app and the embedded service.

The app runs on a loopback port (one per test, over a fresh copy of the migrated
SQLite database) with CSRF protection on, talking over real HTTP to the session's
embedded meetings service. One Chromium serves the whole session (pytest-playwright's
`browser`); every test opens its own contexts through `open_page`, which fails the
test on any JavaScript error or console error (CSP violations are console errors).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Playwright, expect
from sqlalchemy import select

from meetings.extensions import db
from meetings.local_api.server import BackgroundServer
from meetings.models import MeetingRecord
from tests.fixtures.accounts import Account, AuthActions, csrf_token, make_organiser
from tests.fixtures.local_api import LiveLocalApi
from tests.meeting_forms import form_data

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    # Tests run as root in containers, with no GPU and no internet.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Chromium logs a failed main-document load like this; pages that test an error
# status expect it (see Console.expect_status).
_HTTP_ERROR = re.compile(r"Failed to load resource: the server responded with a status of (\d{3})")


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    """Headless Chromium: CHROMIUM_EXECUTABLE, else Playwright's own, else `chromium` on PATH."""
    executable = os.environ.get("CHROMIUM_EXECUTABLE") or None
    if executable is None and not Path(playwright.chromium.executable_path).exists():
        executable = shutil.which("chromium")
    args = {**browser_type_launch_args, "headless": True, "args": CHROMIUM_ARGS}
    if executable:
        args["executable_path"] = executable
    return args


@dataclass
class LiveApp:
    """The app under test, served on a loopback port."""

    app: Flask
    server: BackgroundServer
    api: LiveLocalApi

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def url(self, path: str) -> str:
        """An absolute URL on the app."""
        return self.server.base_url + path


@pytest.fixture
def embed_origins() -> list[str]:
    """Origins allowed to frame the app; a test module overrides it to allow its parent page."""
    return []


@pytest.fixture
def app_config(fresh_local_api: LiveLocalApi, embed_origins: list[str]) -> dict[str, Any]:
    """The live embedded service, CSRF on, and the friendly 500 page instead of a traceback."""
    return {
        "WHEREBY_API_URL": fresh_local_api.url,
        "WHEREBY_API_KEY": fresh_local_api.api_key,
        "WTF_CSRF_ENABLED": True,
        "PROPAGATE_EXCEPTIONS": False,
        "MEETINGS_PAGE_SIZE": 25,
        "EMBED_ALLOWED_ORIGINS": embed_origins,
    }


def _fail() -> None:
    raise RuntimeError("a deliberate failure, to show the 500 page")


@pytest.fixture
def live(app: Flask, fresh_local_api: LiveLocalApi) -> Iterator[LiveApp]:
    """The app on a loopback port, with a test-only /test-failure route that raises."""
    app.add_url_rule("/test-failure", "test_failure", _fail)
    server = BackgroundServer(app).start()
    yield LiveApp(app=app, server=server, api=fresh_local_api)
    server.stop()


class Console:
    """Every JavaScript error and console error of the pages it watches."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.expected_statuses: set[int] = set()

    def watch(self, page: Page) -> Page:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        return page

    def expect_status(self, *statuses: int) -> None:
        """Error statuses the test itself asks for (the browser logs each as a console error)."""
        self.expected_statuses.update(statuses)

    def take(self, text: str) -> list[str]:
        """Remove and return the problems containing `text` (a test that expects them)."""
        taken = [problem for problem in self.problems if text in problem]
        self.problems = [problem for problem in self.problems if text not in problem]
        return taken

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        failed = _HTTP_ERROR.search(message.text)
        if failed and int(failed.group(1)) in self.expected_statuses:
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url')})")


@pytest.fixture
def console() -> Iterator[Console]:
    watcher = Console()
    yield watcher
    assert watcher.problems == [], "\n".join(watcher.problems)


@pytest.fixture
def open_page(browser: Browser, console: Console) -> Iterator[Callable[..., Page]]:
    """Open a page in a new browser context (own cookies); all are closed after the test."""
    contexts = []

    def open_(**context_args: Any) -> Page:
        context = browser.new_context(**context_args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return console.watch(context.new_page())

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    """A page in a fresh desktop-sized context."""
    return open_page(viewport={"width": 1280, "height": 800})


@pytest.fixture
def organiser(live: LiveApp) -> Account:
    return make_organiser(
        live.app, "owner@example.org", display_name="Olivia Owner", time_zone="Europe/Oslo"
    )


@pytest.fixture
def admin(live: LiveApp) -> Account:
    return make_organiser(live.app, "admin@example.org", display_name="Ada Admin", is_admin=True)


def sign_in(page: Page, live: LiveApp, account: Account, path: str = "/sign-in") -> None:
    """Sign in through the form, by its visible labels."""
    page.goto(live.url(path))
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()


@dataclass(frozen=True)
class Seeded:
    """A meeting made through the app: its id, share token and end."""

    meeting_id: str
    share_token: str
    end: datetime


def seed_meeting(live: LiveApp, account: Account, **overrides: Any) -> Seeded:
    """Create a meeting through the app's form over HTTP (a test client, CSRF on)."""
    client = live.app.test_client()
    assert AuthActions(client).sign_in(account).status_code == 303
    data = {**form_data(**overrides), "csrf_token": csrf_token(client, "/meetings/new")}
    response = client.post("/meetings/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    meeting_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    with live.app.app_context():
        record = db.session.scalar(
            select(MeetingRecord).where(MeetingRecord.meeting_id == meeting_id)
        )
        assert record is not None
        return Seeded(meeting_id, record.share_token, record.end_date)


def seed_api_meetings(api: LiveLocalApi, count: int) -> list[str]:
    """`count` meetings made straight through the API ("created elsewhere"); their ids."""
    end = (api.clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = []
    with requests.Session() as session:
        for _ in range(count):
            response = session.post(
                f"{api.url}/meetings", json={"endDate": end}, headers=api.headers, timeout=10
            )
            assert response.status_code == 201, response.text
            ids.append(response.json()["meetingId"])
    return ids


def screenshot(page: Page, name: str) -> None:
    """Save the visible page as test-artifacts/<name>.png (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def outline_of(page: Page) -> str:
    """The focused element's outline style: "none" also when it is too thin or invisible."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const thin = parseFloat(style.outlineWidth) < 2;
            const invisible = style.outlineColor === "transparent"
                || style.outlineColor === "rgba(0, 0, 0, 0)";
            return thin || invisible ? "none" : style.outlineStyle;
        }"""
    )


def press(page: Page, key: str = "Tab") -> None:
    """Press `key`; the element that then has focus (if any) must show a visible outline."""
    page.keyboard.press(key)
    focused = page.evaluate(
        "document.activeElement === document.body ? '' : document.activeElement.outerHTML"
    )
    assert not focused or outline_of(page) != "none", f"no visible focus on {focused[:120]}"


def tab_to(page: Page, target: Locator, key: str = "Tab", limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus, checking the focus shows at each stop."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            assert outline_of(page) != "none", "the focused element shows no outline"
            return
        press(page, key)
    raise AssertionError(f"{target} is not reachable with {key}")
