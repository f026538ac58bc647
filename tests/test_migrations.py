"""Migrations apply cleanly to empty SQLite and PostgreSQL databases and match the models."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from config import database_url as normalise_url
from meetings import create_app
from meetings.extensions import db
from tests.fixtures.accounts import base_config, with_search_path

TABLES = {
    "organisers",
    "organiser_sessions",
    "meeting_records",
    "submission_tokens",
    "failed_sign_ins",
    "first_run_tokens",
    "alembic_version",
}
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"test_migrations_{secrets.token_hex(6)}"
    admin = create_engine(normalise_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield with_search_path(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_migrations_apply_match_the_models_and_reverse(empty_database):
    app = create_app(base_config(empty_database))
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory)
        assert set(inspect(db.engine).get_table_names()) == TABLES
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert differences == [], "models and migrations disagree: run `flask db migrate`"

        downgrade(directory=directory, revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade(directory=directory)
        assert set(inspect(db.engine).get_table_names()) == TABLES
        db.engine.dispose()


@pytest.mark.all_databases
def test_datetimes_come_back_aware_utc(app, organiser):
    from datetime import UTC, datetime, timedelta, timezone

    from meetings.models import MeetingRecord

    oslo_winter = timezone(timedelta(hours=1))
    start = datetime(2030, 1, 15, 10, 0, tzinfo=oslo_winter)
    with app.app_context():
        record = MeetingRecord(
            meeting_id="m-1",
            owner_id=organiser.id,
            title="Planning",
            scheduled_start=start,
            time_zone="Europe/Oslo",
            room_name="/planning",
            room_url="https://example.test/planning",
            end_date=start + timedelta(hours=1),
            options={"roomMode": "normal"},
        )
        db.session.add(record)
        db.session.commit()
        token = record.share_token
        db.session.expire_all()
        stored = db.session.query(MeetingRecord).one()
        assert stored.scheduled_start == datetime(2030, 1, 15, 9, 0, tzinfo=UTC)
        assert stored.scheduled_start.tzinfo is UTC
        assert stored.owner.email == organiser.email
        assert len(token) >= 32 and stored.options == {"roomMode": "normal"}


def test_naive_datetimes_are_refused(app, organiser):
    from datetime import datetime

    from sqlalchemy.exc import StatementError

    from meetings.models import SubmissionToken

    with app.app_context():
        db.session.add(
            SubmissionToken(token="t", organiser_id=organiser.id, created_at=datetime(2030, 1, 1))
        )
        with pytest.raises(StatementError, match="naive datetime"):
            db.session.commit()
