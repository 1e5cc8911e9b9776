"""Login, logout and role checks (Flask-Login; passwords hashed with scrypt)."""
from functools import wraps

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.security import check_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from spatial.users import DEMO_USERS
from webgis.database import fetch_one

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()


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
    if request.path.startswith("/api/"):
        return jsonify(error=_("Silakan masuk terlebih dahulu.")), 401
    return redirect(url_for("auth.login", next=request.full_path))


def role_required(*roles):
    """Decorator: the user must be signed in and have one of ``roles`` (admin always passes)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        wrapper.required_roles = roles
        return wrapper
    return decorate


def init_app(app) -> None:
    """Attach Flask-Login to the app."""
    login_manager.init_app(app)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else url_for("maps.dashboard")


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with user name and password."""
    form = LoginForm()
    if form.validate_on_submit():
        row = fetch_one("queries/user_by_username.sql", {"username": form.username.data.strip()})
        if row and check_password_hash(row["password_hash"], form.password.data):
            login_user(User(row))
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Nama pengguna atau kata sandi salah."), "danger")
    demo = DEMO_USERS if current_app.config["SAMPLE_MODE"] else None
    return render_template("auth/login.html", form=form, demo_users=demo)


@blueprint.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST, protected by CSRF)."""
    logout_user()
    return redirect(url_for("maps.dashboard"))
