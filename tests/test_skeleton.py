from pathlib import Path


def test_home_page_serves_htmx_from_static(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"/static/vendor/htmx.min.js" in response.data
    assert b"unpkg" not in response.data and b"cdn" not in response.data.lower()


def test_htmx_is_built_into_static():
    built = Path(__file__).resolve().parent.parent / "static" / "vendor" / "htmx.min.js"
    assert built.is_file() and b"htmx" in built.read_bytes()[:2000]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
