"""`flask --app app organisers ...`: manage organiser accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from .auth.passwords import hash_password, password_problem
from .extensions import db
from .models import Organiser, normalise_email

organisers = AppGroup("organisers", help="Create, list and switch off organiser accounts.")


def _read_password(from_stdin: bool) -> str:
    """A password from standard input (first line) or a hidden prompt asked twice."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    return password


def _existing(email: str) -> Organiser:
    organiser = Organiser.by_email(email)
    if organiser is None:
        raise click.ClickException(f"No organiser has the email address {normalise_email(email)}.")
    return organiser


@organisers.command("create")
@click.argument("email")
@click.option("--admin", is_flag=True, help="Allow this organiser to manage organisers.")
@click.option("--name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create(email: str, admin: bool, name: str, password_stdin: bool) -> None:
    """Create an organiser who can sign in with EMAIL."""
    email = normalise_email(email)
    if "@" not in email:
        raise click.ClickException("Give an email address like name@example.org.")
    if Organiser.by_email(email) is not None:
        raise click.ClickException(f"There is already an organiser with {email}.")
    password = _read_password(password_stdin)
    db.session.add(
        Organiser(
            email=email, display_name=name, password_hash=hash_password(password), is_admin=admin
        )
    )
    db.session.commit()
    click.echo(f"Created {'admin ' if admin else ''}organiser {email}.")


@organisers.command("list")
def list_organisers() -> None:
    """List every organiser with their role and whether they can sign in."""
    for organiser in db.session.scalars(select(Organiser).order_by(Organiser.email)):
        role = "admin" if organiser.is_admin else "organiser"
        state = "active" if organiser.is_active else "switched off"
        click.echo(f"{organiser.email}\t{organiser.display_name}\t{role}\t{state}")


@organisers.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Switch an organiser off: they cannot sign in and their sessions end."""
    organiser = _existing(email)
    organiser.active = False
    organiser.end_sessions()
    db.session.commit()
    click.echo(f"Switched off {organiser.email}.")


@organisers.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_password(email: str, password_stdin: bool) -> None:
    """Give an organiser a new password; their sessions end."""
    organiser = _existing(email)
    organiser.password_hash = hash_password(_read_password(password_stdin))
    organiser.end_sessions()
    db.session.commit()
    click.echo(f"Changed the password of {organiser.email}.")


@click.command("prepare")
def prepare_command() -> None:
    """Apply migrations; print a first-run link when there is no organiser yet."""
    from flask import current_app

    from .setup import prepare

    prepare(current_app)


def init_app(app: Flask) -> None:
    app.cli.add_command(organisers)
    app.cli.add_command(prepare_command)
