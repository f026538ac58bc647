"""Shared fixtures. Each area keeps its fixtures in tests/fixtures/<area>.py."""

pytest_plugins = [
    "tests.fixtures.accounts",
    "tests.fixtures.web",
    "tests.fixtures.fake_upstream",
    "tests.fixtures.local_api",
]
