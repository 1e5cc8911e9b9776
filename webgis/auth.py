"""Login, logout and role checks (Flask-Login; passwords hashed with scrypt).

Failed sign-ins are counted in ``login_gagal``: after ``LOGIN_MAX_FAILURES`` (5) for one user
name, or ``LOGIN_MAX_FAILURES_IP`` (20) from one address, within ``LOGIN_WINDOW_SECONDS`` (15 min),
sign-in is refused with 429 until the window after the last failure has passed, even with the
right password. Outside sample mode the demo passwords never sign anyone in.
"""
from functools import wraps

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from spatial.sqlfiles import sql
from spatial.users import DEMO_USERS, ROLES
from webgis.audit import record
from webgis.database import fetch_one, pool

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
    """Flask-Login hook: the user of a session, or None."""
    row = fetch_one("queries/user_by_id.sql", {"id": int(user_id)})
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

    Sets ``view.required_roles`` so the route classification (``webgis.access``) sees it."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            refusal = check_roles(roles)
            return refusal if refusal is not None else view(*args, **kwargs)
        wrapper.required_roles = roles
        return wrapper
    return decorate


# Any signed-in user, whatever the role.
authenticated = role_required(*ROLES)


def init_app(app) -> None:
    """Attach Flask-Login to the app."""
    login_manager.init_app(app)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("maps.dashboard")


def _locked_minutes(username: str, ip: str) -> int:
    """Minutes left before ``username``/``ip`` may try again (0 = not locked)."""
    config = current_app.config
    window = config.get("LOGIN_WINDOW_SECONDS", 900)
    row = fetch_one("queries/security/login_failures_recent.sql", {"username": username, "ip": ip, "window_s": window})
    if row["per_user"] < config.get("LOGIN_MAX_FAILURES", 5) and row["per_ip"] < config.get("LOGIN_MAX_FAILURES_IP", 20):
        return 0
    remaining = window - (row["sekarang"] - row["terakhir"]).total_seconds()
    return max(1, -(-int(remaining) // 60))


def _password_ok(row: dict | None, password: str) -> bool:
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    if not current_app.config["SAMPLE_MODE"] and DEMO_USERS.get(row["username"]) == password:
        return False  # demo passwords are valid only in sample mode
    return check_password_hash(row["password_hash"], password)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with user name and password (locked for a while after repeated failures)."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username, ip = form.username.data.strip(), request.remote_addr or "-"
        minutes = _locked_minutes(username, ip)
        if minutes:
            record("login_ditolak_terkunci", "pengguna", username, user=username[:100])
            flash(_("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s menit.", n=minutes), "danger")
            status = 429
        else:
            row = fetch_one("queries/user_by_username.sql", {"username": username})
            if _password_ok(row, form.password.data):
                with pool().connection() as conn:
                    conn.execute(sql("queries/security/login_failures_clear.sql"), {"username": username})
                session.permanent = True  # ends after PERMANENT_SESSION_LIFETIME (8 h)
                login_user(User(row))
                record("login", "pengguna", row["id"])
                return redirect(_safe_next(request.args.get("next")))
            with pool().connection() as conn:
                conn.execute(sql("queries/security/login_failure_add.sql"), {"username": username, "ip": ip})
            record("login_gagal", "pengguna", username, user=username[:100])
            flash(_("Nama pengguna atau kata sandi salah."), "danger")
            status = 401
    demo = DEMO_USERS if current_app.config["SAMPLE_MODE"] else None
    return render_template("auth/login.html", form=form, demo_users=demo), status


@blueprint.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST, protected by CSRF)."""
    if current_user.is_authenticated:
        record("logout", "pengguna", current_user.id)
    logout_user()
    return redirect(url_for("maps.dashboard"))
