"""Embed mode on meeting pages: organiser links stay in the frame, guest links do not."""

from __future__ import annotations

from tests.pages.conftest import create_meeting


def test_guest_links_copied_inside_the_frame_open_the_full_page(app, organiser_client):
    create_meeting(organiser_client)
    page = organiser_client.get("/meetings?embed=1").get_data(as_text=True)
    share_links = [part.split('"')[0] for part in page.split('data-copy="')[1:] if "/s/" in part]
    assert share_links and all("embed" not in link for link in share_links)
    assert 'href="/meetings/new?embed=1"' in page
