"""Failed sign-ins are counted per account and per address, in the database or Redis."""

from __future__ import annotations

import os
import secrets
import shutil

import pytest
from flask import Flask

from meetings import create_app
from meetings.auth.throttle import RedisBackend
from meetings.extensions import db
from tests.fixtures.accounts import AuthActions, base_config, make_organiser

LOCKED = "Too many attempts. Try again in"


@pytest.fixture
def app_config(clock):
    return {"CLOCK": clock}


def client_at(app: Flask, address: str):
    """A test client whose requests come from `address`."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def fail(app: Flask, email: str, address: str = "192.0.2.1", times: int = 1):
    """Post wrong passwords from `address`; return the last response."""
    client = client_at(app, address)
    response = None
    for _ in range(times):
        response = AuthActions(client).sign_in(email, "not the password")
    return response


def sign_in(app: Flask, email: str, password: str, address: str = "192.0.2.1"):
    return AuthActions(client_at(app, address)).sign_in(email, password)


@pytest.mark.all_databases
def test_five_failures_lock_the_account_for_fifteen_minutes(app, organiser, clock):
    assert fail(app, organiser.email, times=4).status_code == 200
    fifth = fail(app, organiser.email)
    assert fifth.status_code == 429
    assert "Too many attempts. Try again in 15 minutes." in fifth.get_data(as_text=True)

    # Even the right password is refused while locked, from any address.
    locked = sign_in(app, organiser.email, organiser.password, address="198.51.100.7")
    assert locked.status_code == 429
    clock.advance(minutes=10)
    later = sign_in(app, organiser.email, organiser.password, address="198.51.100.7")
    assert "Too many attempts. Try again in 5 minutes." in later.get_data(as_text=True)

    clock.advance(minutes=5)
    assert sign_in(app, organiser.email, organiser.password).status_code == 303


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(app, organiser, clock):
    for _ in range(8):
        assert fail(app, organiser.email).status_code == 200
        clock.advance(minutes=4)


def test_one_address_trying_many_accounts_is_locked(app, organiser):
    for number in range(4):
        fail(app, f"guess{number}@example.org", address="203.0.113.9")
    assert fail(app, "guess5@example.org", address="203.0.113.9").status_code == 429
    blocked = sign_in(app, organiser.email, organiser.password, address="203.0.113.9")
    assert blocked.status_code == 429
    # Another address is not affected.
    assert (
        sign_in(app, organiser.email, organiser.password, address="203.0.113.10").status_code == 303
    )


def test_success_clears_the_account_counter(app, organiser):
    fail(app, organiser.email, times=4)
    assert sign_in(app, organiser.email, organiser.password).status_code == 303
    assert fail(app, organiser.email, address="192.0.2.50").status_code == 200


@pytest.mark.all_databases
def test_two_instances_sharing_the_database_share_the_counters(app, database_url, organiser, clock):
    other = create_app({**base_config(database_url), "CLOCK": clock})
    try:
        fail(app, organiser.email, times=3)
        fail(other, organiser.email, times=1)
        assert fail(app, organiser.email).status_code == 429
        assert sign_in(other, organiser.email, organiser.password).status_code == 429
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    return url


def test_two_instances_sharing_redis_share_the_counters(
    database_url, redis_url, clock, sqlite_template, tmp_path
):
    # Two instances, each with its own database: only Redis is shared.
    config = {**base_config(database_url), "REDIS_URL": redis_url, "CLOCK": clock}
    first = create_app(config)
    own_database = tmp_path / "second.sqlite3"
    shutil.copyfile(sqlite_template, own_database)
    second = create_app({**config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{own_database}"})
    email = f"redis-{secrets.token_hex(4)}@example.org"
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    account = make_organiser(first, email)
    backend = first.extensions["meetings_throttle"]
    assert isinstance(backend, RedisBackend)
    try:
        fail(first, email, address=address, times=2)
        fail(second, email, address=address, times=2)
        assert fail(second, email, address=address).status_code == 429
        assert sign_in(first, email, account.password, address=address).status_code == 429
        clock.advance(minutes=15)
        assert sign_in(first, email, account.password, address=address).status_code == 303
    finally:
        backend.clear(f"email:{email}")
        backend.clear(f"addr:{address}")
        for instance in (first, second):
            with instance.app_context():
                db.engine.dispose()
