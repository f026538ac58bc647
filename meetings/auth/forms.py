"""Account forms: sign-in, first run, profile, password and the admin forms."""

from __future__ import annotations

import re
from functools import partial

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..timezones import zone_choices
from .passwords import password_problem

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def valid_email(form: FlaskForm, field: EmailField) -> None:
    if not _EMAIL.match((field.data or "").strip()):
        raise ValidationError("Enter an email address like name@example.org.")


def strong_enough(form: FlaskForm, field: PasswordField) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _email_field() -> EmailField:
    return EmailField(
        "Email address",
        validators=[DataRequired("Enter your email address."), Length(max=320), valid_email],
        filters=[lambda value: (value or "").strip().lower()],
        render_kw={"autocomplete": "email"},
    )


def _new_password(label: str = "Password") -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired("Choose a password."), strong_enough],
        render_kw={"autocomplete": "new-password"},
        description="At least 10 characters. A few unrelated words make a good password.",
    )


def _confirm(field: str) -> PasswordField:
    return PasswordField(
        "Type the password again",
        validators=[
            DataRequired("Type the password again."),
            EqualTo(field, "The passwords differ."),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def _display_name() -> StringField:
    return StringField(
        "Your name",
        validators=[Length(max=100, message="Use at most 100 characters.")],
        filters=[lambda value: (value or "").strip()],
        description="Shown at the top of each page. Leave empty to show your email address.",
        render_kw={"autocomplete": "name"},
    )


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )


class FirstRunForm(FlaskForm):
    email = _email_field()
    display_name = _display_name()
    password = _new_password()
    confirm = _confirm("password")


class ProfileForm(FlaskForm):
    display_name = _display_name()
    time_zone = SelectField(
        "Your time zone",
        choices=partial(zone_choices, unset_label="Use my browser's time zone"),
        description="New meetings start in this time zone unless you pick another.",
    )


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = _new_password("New password")
    confirm = _confirm("new_password")


class AddOrganiserForm(FlaskForm):
    email = _email_field()
    display_name = StringField(
        "Name",
        validators=[Length(max=100, message="Use at most 100 characters.")],
        filters=[lambda value: (value or "").strip()],
    )
    password = _new_password("First password")
    is_admin = BooleanField("Can manage organisers (admin)")


class ResetPasswordForm(FlaskForm):
    password = _new_password("New password")


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for button-only POSTs."""
