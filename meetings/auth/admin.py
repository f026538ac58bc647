"""The admin page: add organisers, switch them off or on, reset their password."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Organiser
from ..security import no_store
from . import admin_required
from .forms import AddOrganiserForm, EmptyForm, ResetPasswordForm
from .passwords import hash_password
from .sessions import start_session

bp = Blueprint("admin", __name__, url_prefix="/admin")


# The admin page lists accounts: never cache it.
bp.after_request(no_store)


def _organiser_or_404(organiser_id: int) -> Organiser:
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None:
        abort(404)
    return organiser


def _page(add_form: AddOrganiserForm | None = None, status: int = 200) -> Any:
    organisers = db.session.scalars(select(Organiser).order_by(Organiser.email)).all()
    return (
        render_template(
            "admin/organisers.html",
            organisers=organisers,
            add_form=add_form or AddOrganiserForm(formdata=None),
            button_form=EmptyForm(),
            reset_form=ResetPasswordForm(formdata=None),
        ),
        status,
    )


@bp.get("/organisers")
@admin_required
def organisers() -> Any:
    """Everyone who can sign in, with the actions an admin may take."""
    return _page()


@bp.post("/organisers")
@admin_required
def add_organiser() -> Any:
    """Add an organiser with a first password the admin passes on to them."""
    form = AddOrganiserForm()
    if form.validate_on_submit():
        if Organiser.by_email(form.email.data) is not None:
            form.email.errors.append("There is already an organiser with this email address.")
        else:
            db.session.add(
                Organiser(
                    email=form.email.data,
                    display_name=form.display_name.data,
                    password_hash=hash_password(form.password.data),
                    is_admin=form.is_admin.data,
                )
            )
            db.session.commit()
            flash(f"{form.email.data} can now sign in.", "success")
            return redirect(url_for("admin.organisers"), code=303)
    return _page(form)


def _switch(organiser_id: int, on: bool) -> Any:
    """Switch an organiser on or off (never yourself off) and go back to the list."""
    organiser = _organiser_or_404(organiser_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.organisers"), code=303)
    if not on and organiser.id == current_user.id:
        flash("You cannot switch off your own account.", "error")
        return redirect(url_for("admin.organisers"), code=303)
    organiser.active = on
    if not on:
        organiser.end_sessions()
    db.session.commit()
    message = "can sign in again." if on else "is switched off and signed out."
    flash(f"{organiser.email} {message}", "success")
    return redirect(url_for("admin.organisers"), code=303)


@bp.post("/organisers/<int:organiser_id>/deactivate")
@admin_required
def deactivate(organiser_id: int) -> Any:
    """Switch an organiser off: they cannot sign in and their sessions end."""
    return _switch(organiser_id, on=False)


@bp.post("/organisers/<int:organiser_id>/activate")
@admin_required
def activate(organiser_id: int) -> Any:
    """Switch an organiser back on."""
    return _switch(organiser_id, on=True)


@bp.post("/organisers/<int:organiser_id>/password")
@admin_required
def reset_password(organiser_id: int) -> Any:
    """Give an organiser a new password; their sessions end."""
    organiser = _organiser_or_404(organiser_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        organiser.password_hash = hash_password(form.password.data)
        organiser.end_sessions()
        db.session.commit()
        if organiser.id == current_user.id:
            start_session(organiser)  # resetting your own password keeps you signed in here
        flash(f"The password of {organiser.email} is changed.", "success")
        return redirect(url_for("admin.organisers"), code=303)
    for message in form.password.errors:
        flash(f"Password not changed for {organiser.email}: {message}", "error")
    return redirect(url_for("admin.organisers"), code=303)
