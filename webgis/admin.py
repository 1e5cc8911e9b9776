"""Administration (admin only): user accounts (create, reset, deactivate, region scope) and the
audit log of sign-ins, personal-data access and exports."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from spatial import audit as audit_rows
from spatial.users import MIN_PASSWORD_LENGTH, ROLES, create_account, list_users, set_user_active
from webgis import audit
from webgis.auth import role_required
from webgis.database import call

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
AUDIT_ROWS = 300


@blueprint.route("/pengguna")
@role_required("admin")
def users():
    """Accounts with role, region scope, status and last sign-in; form to add or reset one."""
    return render_template("admin/users.html", users=call(list_users), roles=ROLES,
                           min_length=MIN_PASSWORD_LENGTH)


@blueprint.route("/pengguna", methods=["POST"])
@role_required("admin")
def save_user():
    """Create an account, or reset an existing one when "atur ulang" is ticked (strong password
    required; region = kabupaten/kecamatan code). A reset ends the account's sessions."""
    form = request.form
    username = form.get("username", "").strip()
    user_id = create_account(username, form.get("password", ""), form.get("peran", ""),
                             name=form.get("nama", "").strip() or None,
                             kode_wilayah=form.get("kode_wilayah", "").strip() or None,
                             url=current_app.config["DATABASE_URL"], reset=form.get("reset") == "1")
    audit.record("simpan_pengguna", "pengguna", user_id, {"username": username, "peran": form.get("peran")})
    flash(_("Akun %(nama)s disimpan.", nama=username), "success")
    return redirect(url_for("admin.users"))


@blueprint.route("/pengguna/<int:user_id>/aktif", methods=["POST"])
@role_required("admin")
def set_active(user_id):
    """Deactivate (or reactivate) an account; an admin cannot deactivate themself."""
    active = request.form.get("aktif") == "1"
    if user_id == current_user.id and not active:
        flash(_("Anda tidak dapat menonaktifkan akun sendiri."), "warning")
        return redirect(url_for("admin.users"))
    row = call(set_user_active, user_id, active)
    if row:
        audit.record("aktifkan_pengguna" if active else "nonaktifkan_pengguna", "pengguna", user_id,
                     {"username": row["username"]})
    return redirect(url_for("admin.users"))


@blueprint.route("/audit")
@role_required("admin")
def audit_log():
    """The latest audit entries, optionally filtered by user and action."""
    user = request.args.get("pengguna", "").strip() or None
    action = request.args.get("aksi", "").strip() or None
    rows = call(audit_rows.recent, user, action, AUDIT_ROWS)
    return render_template("admin/audit.html", rows=rows, pengguna=user or "", aksi=action or "", limit=AUDIT_ROWS)
