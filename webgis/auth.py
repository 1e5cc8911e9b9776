"""Login, logout and role checks (Flask-Login; passwords hashed with scrypt).

Failed sign-ins back off per account and address (``spatial.signin``): after
``LOGIN_MAX_FAILURES`` (5) for one account from one address that address waits a minute, doubling
with each further failure; ``LOGIN_MAX_FAILURES_IP`` (20) from one address over any accounts wait
``LOGIN_WINDOW_SECONDS`` (15 min). Meanwhile sign-in answers 429, even with the right password.
Sessions live in the database (``spatial.signin``): the cookie holds a token, sign-out ends every
session of the user. Outside sample mode the demo passwords never sign anyone in.
"""
from functools import wraps
from typing import TypeGuard
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from spatial import signin
from spatial.users import DEMO_USERS, ROLES, user_by_username
from webgis.access import mark_roles
from webgis.audit import record
from webgis.database import call, connection

SESSION_TOKEN = "_sid"

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.session_protection = "strong"
# Verified against when the user name does not exist, so both cases take the same time.
_DUMMY_HASH = generate_password_hash("tidak-ada-pengguna", method="scrypt")


class User(UserMixin):
    """A signed-in user with a role and an optional region scope (kabupaten/kecamatan code)."""

    def __init__(self, row: dict):
        self.id = row["id"]
        self.username = row["username"]
        self.name = row["nama"]
        self.role = row["peran"]
        self.region = row["kode_wilayah"]

    def has_role(self, *roles) -> bool:
        """True for admins and for the listed roles."""
        return self.role == "admin" or self.role in roles


class LoginForm(FlaskForm):
    """User name and password."""
    username = StringField(validators=[DataRequired()])
    password = PasswordField(validators=[DataRequired()])


@login_manager.user_loader
def load_user(user_id):
    """Flask-Login hook: the user of a live server-side session, or None."""
    with connection() as conn:
        row = signin.session_user(conn, int(user_id), session.get(SESSION_TOKEN))
    return User(row) if row else None


@login_manager.unauthorized_handler
def unauthorized():
    """API calls get 401 JSON; pages redirect to the login form."""
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=_("Silakan masuk terlebih dahulu.")), 401
    return redirect(url_for("auth.login", next=request.full_path))


def check_roles(roles):
    """None when the current user has one of ``roles`` (admin always has); else the refusal response."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.has_role(*roles):
        abort(403)
    return None


def role_required(*roles):
    """Decorator: the user must be signed in and have one of ``roles`` (admin always passes).

    Marks the view (``webgis.access.mark_roles``) so the route classification sees it."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            refusal = check_roles(roles)
            return refusal if refusal is not None else view(*args, **kwargs)
        mark_roles(wrapper, roles)
        return wrapper
    return decorate


# Any signed-in user, whatever the role.
authenticated = role_required(*ROLES)


def init_app(app) -> None:
    """Attach Flask-Login to the app."""
    login_manager.init_app(app)

def safe_next(target: str | None) -> str:
    """``target`` when it is a path on this host, else the dashboard (no open redirect).

    Browsers drop tabs and newlines and read a backslash as a slash, so ``/<tab>/evil.example``
    leaves the site: a control character, space or backslash anywhere refuses the target."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and not any(c <= " " or c in "\\\x7f" for c in target):
            return target
    return url_for("maps.dashboard")


def _limits() -> signin.Limits:
    config = current_app.config
    return signin.Limits(max_failures=config.get("LOGIN_MAX_FAILURES", 5),
                         max_failures_ip=config.get("LOGIN_MAX_FAILURES_IP", 20),
                         window_s=config.get("LOGIN_WINDOW_SECONDS", 900),
                         backoff_s=config.get("LOGIN_BACKOFF_SECONDS", 60))


def _password_ok(row: dict | None, password: str) -> TypeGuard[dict]:
    """True when ``row`` is a user whose password this is (the hash is checked even without one)."""
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    if not current_app.config["SAMPLE_MODE"] and DEMO_USERS.get(row["username"]) == password:
        return False  # demo passwords are valid only in sample mode
    return check_password_hash(row["password_hash"], password)


def _sign_in(row: dict) -> None:
    """A new server-side session (absolute end: now + the session lifetime) and its cookie."""
    lifetime = int(current_app.permanent_session_lifetime.total_seconds())
    with connection() as conn:
        token = signin.start_session(conn, row["id"], request.remote_addr, lifetime, _limits(), row["username"])
    session.clear()  # nothing of the anonymous session carries over
    session.permanent = True
    session[SESSION_TOKEN] = token
    login_user(User(row))


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with user name and password (backs off after repeated failures)."""
    form = LoginForm(formdata=request.form)  # a form post only: a JSON body is not a sign-in
    status = 200
    if form.validate_on_submit():
        username, ip = form.username.data.strip(), request.remote_addr or "-"
        with connection() as conn:
            wait = signin.wait_seconds(conn, username, ip, _limits())
        if wait:
            record("login_ditolak_terkunci", "pengguna", username, user=username[:100])
            flash(_("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s menit.", n=-(-wait // 60)),
                  "danger")
            status = 429
        else:
            row = call(user_by_username, username)
            if _password_ok(row, form.password.data):
                _sign_in(row)
                record("login", "pengguna", row["id"])
                return redirect(safe_next(request.args.get("next")))
            with connection() as conn:
                signin.record_failure(conn, username, ip)
            record("login_gagal", "pengguna", username, user=username[:100])
            flash(_("Nama pengguna atau kata sandi salah."), "danger")
            status = 401
    demo = DEMO_USERS if current_app.config["SAMPLE_MODE"] else None
    return render_template("auth/login.html", form=form, demo_users=demo), status


@blueprint.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST, protected by CSRF): ends every session of the user, on every device."""
    if current_user.is_authenticated:
        with connection() as conn:
            signin.end_sessions(conn, current_user.id)
        record("logout", "pengguna", current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("maps.dashboard"))
