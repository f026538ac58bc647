"""`flask --app app organisers ...` commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from meetings.extensions import db
from meetings.models import Organiser
from tests.fixtures.accounts import AuthActions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


def test_create_with_password_from_stdin(app, cli):
    result = cli.invoke(
        args=[
            "organisers",
            "create",
            "Cli@Example.org",
            "--admin",
            "--name",
            "Cleo",
            "--password-stdin",
        ],
        input="a password from stdin\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created admin organiser cli@example.org." in result.output
    assert "a password from stdin" not in result.output
    with app.app_context():
        created = Organiser.by_email("cli@example.org")
        assert created.is_admin and created.display_name == "Cleo"
    assert (
        AuthActions(app.test_client())
        .sign_in("cli@example.org", "a password from stdin")
        .status_code
        == 303
    )


def test_create_prompts_twice_and_hides_the_password(app, cli):
    result = cli.invoke(
        args=["organisers", "create", "prompt@example.org"],
        input="typed at the prompt\ntyped at the prompt\n",
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert "typed at the prompt" not in result.output
    with app.app_context():
        assert not Organiser.by_email("prompt@example.org").is_admin


def test_create_refuses_short_password_and_duplicates(app, cli, organiser):
    short = cli.invoke(
        args=["organisers", "create", "s@example.org", "--password-stdin"], input="short\n"
    )
    assert short.exit_code != 0
    assert "Use at least 10 characters" in short.output
    duplicate = cli.invoke(
        args=["organisers", "create", "OWNER@example.org", "--password-stdin"],
        input="long enough password\n",
    )
    assert duplicate.exit_code != 0
    assert "already an organiser" in duplicate.output
    with app.app_context():
        assert Organiser.by_email("s@example.org") is None


def test_list_shows_role_and_state(cli, organiser, admin):
    result = cli.invoke(args=["organisers", "list"])
    assert result.exit_code == 0
    assert "admin@example.org\tAda Admin\tadmin\tactive" in result.output
    assert "owner@example.org\tOlivia Owner\torganiser\tactive" in result.output
    assert "$argon2" not in result.output


def test_deactivate_ends_sessions(app, cli, organiser_client, organiser):
    result = cli.invoke(args=["organisers", "deactivate", "owner@example.org"])
    assert result.exit_code == 0
    assert organiser_client.get("/profile").status_code == 302
    with app.app_context():
        assert not db.session.get(Organiser, organiser.id).is_active


def test_set_password(app, cli, organiser_client, organiser):
    result = cli.invoke(
        args=["organisers", "set-password", "owner@example.org", "--password-stdin"],
        input="set from the command line\n",
    )
    assert result.exit_code == 0, result.output
    assert organiser_client.get("/profile").status_code == 302
    assert (
        AuthActions(app.test_client()).sign_in(organiser, "set from the command line").status_code
        == 303
    )


def test_unknown_email_is_a_clear_error(cli):
    result = cli.invoke(args=["organisers", "deactivate", "nobody@example.org"])
    assert result.exit_code != 0
    assert "No organiser has the email address nobody@example.org." in result.output


def test_flask_command_line_in_a_real_process(tmp_path):
    """`prepare` migrates an empty database and prints the link; the commands then work."""
    env = {
        "PATH": str(Path(sys.executable).parent),
        "MEETINGS_ENV": "development",
        "MEETINGS_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "SECRET_KEY": "cli-test",
        "WHEREBY_API_URL": "http://127.0.0.1:9/v1",
        "WHEREBY_API_KEY": "k",
    }

    def flask(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "flask", "--app", "app", *args]
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
        )

    first = flask("prepare")
    assert first.returncode == 0, first.stderr
    assert "/first-run/" in first.stdout
    created = flask("organisers", "create", "proc@example.org", "--password-stdin", stdin="x" * 12)
    assert created.returncode == 0, created.stderr
    assert "proc@example.org" in flask("organisers", "list").stdout
    again = flask("prepare")
    assert again.returncode == 0 and "/first-run/" not in again.stdout
