"""Sign-in, sign-out, the first-run page and the profile page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..extensions import db
from ..models import Organiser
from ..security import no_store
from . import first_run, organiser_required, safe_next, throttle
from .forms import FirstRunForm, PasswordChangeForm, ProfileForm, SignInForm
from .passwords import hash_password, needs_rehash, verify_password
from .sessions import end_this_session, start_session

bp = Blueprint("auth", __name__)

WRONG = "That email or password is not right. Check them and try again."
SWITCHED_OFF = "This account has been switched off. Ask an administrator to switch it back on."


# Account pages hold personal details and one-time links: never cache them.
bp.after_request(no_store)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    """Sign in with email and password; failures are counted and throttled."""
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or url_for("schedule.list_meetings"))
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form, next=target)

    keys = throttle.keys_for(form.email.data, request.remote_addr)
    minutes = throttle.locked_minutes(keys)
    if minutes:
        form.form_errors.append(throttle.too_many_message(minutes))
        return render_template("auth/sign_in.html", form=form, next=target), 429

    organiser = Organiser.by_email(form.email.data)
    stored = organiser.password_hash if organiser else None
    if not verify_password(stored, form.password.data):
        throttle.record_failure(keys)
        minutes = throttle.locked_minutes(keys)
        message = throttle.too_many_message(minutes) if minutes else WRONG
        form.form_errors.append(message)
        return render_template("auth/sign_in.html", form=form, next=target), 429 if minutes else 200
    if not organiser.is_active:
        form.form_errors.append(SWITCHED_OFF)
        return render_template("auth/sign_in.html", form=form, next=target), 403

    throttle.clear(keys[0])
    if needs_rehash(organiser.password_hash):
        organiser.password_hash = hash_password(form.password.data)
        db.session.commit()
    start_session(organiser)
    return redirect(target or url_for("schedule.list_meetings"), code=303)


@bp.post("/sign-out")
def sign_out() -> Any:
    """Sign out (POST only, with CSRF): end this session on the server and forget the cookie."""
    end_this_session()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"), code=303)


@bp.route("/first-run/<token>", methods=["GET", "POST"], endpoint="first_run")
def first_run_page(token: str) -> Any:
    """Create the first admin account from the one-time link printed at start-up."""
    if not first_run.is_usable(token):
        return render_template("auth/first_run_invalid.html"), 404
    form = FirstRunForm()
    if not form.validate_on_submit():
        return render_template("auth/first_run.html", form=form, token=token)
    if not first_run.consume(token):
        db.session.rollback()
        return render_template("auth/first_run_invalid.html"), 404
    organiser = Organiser(
        email=form.email.data,
        display_name=form.display_name.data,
        password_hash=hash_password(form.password.data),
        is_admin=True,
    )
    db.session.add(organiser)
    db.session.commit()
    start_session(organiser)
    flash("Your admin account is ready. You are signed in.", "success")
    return redirect(url_for("schedule.list_meetings"), code=303)


@bp.route("/profile", methods=["GET", "POST"])
@organiser_required
def profile() -> Any:
    """Change your name and default time zone."""
    form = ProfileForm(obj=current_user)
    password_form = PasswordChangeForm(formdata=None)
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data
        current_user.time_zone = form.time_zone.data or None
        db.session.commit()
        flash("Your details are saved.", "success")
        return redirect(url_for("auth.profile"), code=303)
    return render_template("auth/profile.html", form=form, password_form=password_form)


@bp.post("/profile/password")
@organiser_required
def change_password() -> Any:
    """Change your own password; every other session of yours ends."""
    form = ProfileForm(formdata=None, obj=current_user)
    password_form = PasswordChangeForm()
    if password_form.validate_on_submit():
        if verify_password(current_user.password_hash, password_form.current_password.data):
            organiser = current_user._get_current_object()
            organiser.password_hash = hash_password(password_form.new_password.data)
            organiser.end_sessions()
            db.session.commit()
            start_session(organiser)  # this browser stays signed in, with a new session
            flash("Your password is changed. Other devices are signed out.", "success")
            return redirect(url_for("auth.profile"), code=303)
        password_form.current_password.errors.append("That is not your current password.")
    return render_template("auth/profile.html", form=form, password_form=password_form)
