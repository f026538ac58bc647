"""Embed mode: `?embed=1` drops the site header and stays on every link and form."""

from __future__ import annotations


def test_embed_mode_drops_the_site_header(client):
    normal = client.get("/sign-in").get_data(as_text=True)
    embedded = client.get("/sign-in?embed=1").get_data(as_text=True)
    assert 'class="site-header"' in normal
    assert 'class="site-header"' not in embedded
    assert '<body class="embed"' in embedded or 'class="embed"' in embedded


def test_embed_mode_is_kept_on_forms_and_redirects(client, organiser):
    page = client.get("/sign-in?embed=1").get_data(as_text=True)
    assert 'action="/sign-in?embed=1"' in page or "embed=1" in page.split("<form", 1)[1][:300]
    response = client.post(
        "/sign-in?embed=1", data={"email": organiser.email, "password": organiser.password}
    )
    assert response.status_code == 303
    assert "embed=1" in response.headers["Location"]
    listing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'href="/meetings/new?embed=1"' in listing


def test_static_files_do_not_carry_the_embed_flag(client):
    page = client.get("/sign-in?embed=1").get_data(as_text=True)
    assert "/static/css/app.css?embed" not in page
    assert "/static/css/app.css" in page


def test_anonymous_redirect_to_sign_in_keeps_embed_mode(client):
    response = client.get("/meetings?embed=1")
    assert response.status_code == 302
    assert "embed=1" in response.headers["Location"]
