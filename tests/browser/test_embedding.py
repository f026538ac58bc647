"""Intranet pages framing the app: allowed origins render and work, others are refused.

Three stand-in intranet pages, each its own origin on a loopback port:
- http://127.0.0.1:P1 (allowed, same site as the app at http://127.0.0.1:P, since ports
  do not make a different site): the default SameSite=Lax session cookie works.
- http://localhost:P2 (allowed, a different site): the share page needs no cookie;
  signing in needs SESSION_COOKIE_SAMESITE=None, SESSION_COOKIE_SECURE=true and
  SESSION_COOKIE_PARTITIONED=true (browsers that block third-party cookies, as
  Chromium does in the private contexts Playwright uses, still keep a partitioned
  cookie, one per intranet site; Chromium treats loopback http as secure).
- http://127.0.0.1:P3 (not allowed): the browser refuses to render the frame.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from playwright.sync_api import Frame, Page, expect

from meetings.local_api.server import BackgroundServer
from tests.browser.conftest import Console, LiveApp, seed_meeting
from tests.fixtures.accounts import Account, make_organiser

pytestmark = pytest.mark.browser

TITLE = "All-hands"


def intranet_page(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """A page with one iframe (its `src` from the query) that records height messages."""
    src = parse_qs(environ.get("QUERY_STRING", "")).get("src", [""])[0]
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><h1>Staff intranet</h1>
<iframe title="Meetings" src="{html.escape(src)}" width="900" height="700"></iframe>
<script>
  window.heights = [];
  window.addEventListener("message", function (event) {{
    if (event.data && event.data.type === "meetings:height") {{
      window.heights.push({{origin: event.origin, height: event.data.height}});
    }}
  }});
</script></body></html>"""
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body.encode("utf-8")]


@dataclass
class Intranets:
    same_site: BackgroundServer
    cross_site: BackgroundServer
    not_allowed: BackgroundServer


@pytest.fixture
def intranets() -> Iterator[Intranets]:
    servers = Intranets(
        same_site=BackgroundServer(intranet_page).start(),
        cross_site=BackgroundServer(intranet_page, host="localhost").start(),
        not_allowed=BackgroundServer(intranet_page).start(),
    )
    yield servers
    for server in (servers.same_site, servers.cross_site, servers.not_allowed):
        server.stop()


@pytest.fixture
def embed_origins(intranets: Intranets) -> list[str]:
    return [intranets.same_site.base_url, intranets.cross_site.base_url]


@pytest.fixture
def organiser(live: LiveApp) -> Account:
    return make_organiser(live.app, "owner@example.org", display_name="Olivia Owner")


def framed(page: Page, intranet: BackgroundServer, src: str) -> Frame:
    """Open the intranet page framing `src`; returns the frame once it has loaded."""
    page.goto(f"{intranet.base_url}/?{urlencode({'src': src})}")
    frame = page.frame_locator("iframe[title=Meetings]")
    expect(frame.locator("body")).to_be_attached()
    child = page.frames[1]
    child.wait_for_load_state("load")
    return child


def sign_in_inside(frame: Frame, account: Account) -> None:
    frame.get_by_label("Email address").fill(account.email)
    frame.get_by_label("Password", exact=True).fill(account.password)
    frame.get_by_role("button", name="Sign in").click()
    expect(frame.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()


def test_same_site_intranet_frames_the_list_and_signing_in_works(
    live: LiveApp, page: Page, intranets: Intranets, organiser: Account
) -> None:
    seed_meeting(live, organiser, title=TITLE)
    frame = framed(page, intranets.same_site, live.url("/meetings?embed=1"))
    expect(frame.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in_inside(frame, organiser)
    assert "embed=1" in frame.url
    expect(frame.locator(".site-header")).to_have_count(0)
    expect(frame.get_by_role("link", name=TITLE)).to_be_visible()

    frame.get_by_role("link", name=TITLE).click()
    expect(frame.get_by_role("heading", name=TITLE)).to_be_visible()
    assert "embed=1" in frame.url
    page.wait_for_function("window.heights.length > 0")
    heights = page.evaluate("window.heights")
    assert {h["origin"] for h in heights} == {live.base_url}
    assert all(h["height"] > 100 for h in heights)


def test_cross_site_intranet_frames_the_share_page_and_join_opens_a_tab(
    live: LiveApp, page: Page, intranets: Intranets, organiser: Account
) -> None:
    meeting = seed_meeting(live, organiser, title=TITLE)
    frame = framed(page, intranets.cross_site, live.url(f"/s/{meeting.share_token}?embed=1"))
    expect(frame.get_by_role("heading", name=TITLE)).to_be_visible()
    join = frame.get_by_role("link", name="Join meeting")
    expect(join).to_have_attribute("target", "_blank")
    expect(join).to_have_attribute("rel", "noopener")
    with page.context.expect_page() as new_tab:
        join.click()
    assert new_tab.value.url.startswith(join.get_attribute("href") or "-")
    assert page.url.startswith(intranets.cross_site.base_url)


def test_cross_site_intranet_signs_in_with_samesite_none_cookies(
    live: LiveApp, page: Page, intranets: Intranets, organiser: Account
) -> None:
    # As the README documents for intranets on another site (read on every response).
    live.app.config.update(
        SESSION_COOKIE_SAMESITE="None", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_PARTITIONED=True
    )
    frame = framed(page, intranets.cross_site, live.url("/meetings?embed=1"))
    sign_in_inside(frame, organiser)
    frame.get_by_role("navigation", name="Meetings").get_by_role("link", name="New meeting").click()
    expect(frame.get_by_role("heading", name="New meeting")).to_be_visible()


@pytest.mark.parametrize(
    "cookie",
    [{}, {"SESSION_COOKIE_SAMESITE": "None", "SESSION_COOKIE_SECURE": True}],
    ids=["lax", "none-unpartitioned"],
)
def test_cross_site_sign_in_fails_without_the_documented_cookie_settings(
    cookie: dict[str, Any],
    live: LiveApp,
    page: Page,
    intranets: Intranets,
    organiser: Account,
    console: Console,
) -> None:
    live.app.config.update(cookie)
    console.expect_status(400)  # the CSRF check: the session cookie never came back
    frame = framed(page, intranets.cross_site, live.url("/sign-in?embed=1"))
    frame.get_by_label("Email address").fill(organiser.email)
    frame.get_by_label("Password", exact=True).fill(organiser.password)
    frame.get_by_role("button", name="Sign in").click()
    expect(frame.get_by_text("This form has expired")).to_be_visible()
    expect(frame.locator(".site-header")).to_have_count(0)  # still the compact layout


def test_origin_not_allowed_is_refused_by_the_browser(
    live: LiveApp, page: Page, intranets: Intranets, organiser: Account, console: Console
) -> None:
    meeting = seed_meeting(live, organiser, title=TITLE)
    src = live.url(f"/s/{meeting.share_token}?embed=1")
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text) as refused:
        page.goto(f"{intranets.not_allowed.base_url}/?{urlencode({'src': src})}")
    assert "blocked" in refused.value.text
    assert console.take("frame-ancestors")  # expected here, so not a failure
    expect(page.get_by_role("heading", name="Staff intranet")).to_be_visible()
    assert TITLE not in page.frames[1].content()
    assert page.evaluate("window.heights") == []
