"""Configuration: production refuses to start without what it needs."""

from __future__ import annotations

import pytest

from meetings import create_app
from tests.fixtures.accounts import base_config


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("WHEREBY_API_URL", "WHEREBY_API_URL and WHEREBY_API_KEY must be set"),
        ("WHEREBY_API_KEY", "WHEREBY_API_URL and WHEREBY_API_KEY must be set"),
    ],
)
def test_production_needs_secrets_and_a_real_api(database_url, missing, message):
    config = {
        **base_config(database_url),
        "MEETINGS_ENV": "production",
        "SECRET_KEY": "production-test-secret",
    }
    config[missing] = None
    with pytest.raises(RuntimeError, match=message):
        create_app(config)


def test_unset_api_url_means_the_embedded_service_in_development(database_url):
    config = {**base_config(database_url), "MEETINGS_ENV": "development", "SECRET_KEY": "dev"}
    config["WHEREBY_API_URL"] = None
    app = create_app({**config, "WHEREBY_API_KEY": "embedded-key"})
    assert app.config["USING_EMBEDDED_API"] is True
    assert app.config["WHEREBY_API_URL"] == "http://127.0.0.1:5001/v1"
