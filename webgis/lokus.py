"""Lokus Desa page: the yearly proposal of lokus villages (ranked by desil-1 households, stunting
lokus first), adjusted and saved by planners; everyone signed in reads it."""
import datetime

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from spatial.areas import JENIS_LOKUS
from spatial.areas.lokus import PROPOSED, lokus_list, proposal, save_lokus
from spatial.codes import within
from spatial.growth import lokus as growth_lokus
from spatial.privacy import child_records_allowed
from spatial.scope import narrowed
from webgis.audit import record
from webgis.auth import authenticated, role_required
from webgis.database import call
from webgis.scope import current_role, region_filter
from webgis.params import int_arg

blueprint = Blueprint("lokus", __name__)


def _year() -> int:
    year = (int_arg("tahun") if request.method == "GET" else request.form.get("tahun", type=int)) or datetime.date.today().year
    return year if 2000 <= year <= 2100 else datetime.date.today().year


def _kind() -> str:
    kind = request.values.get("jenis") or "kemiskinan_ekstrem"
    return kind if kind in JENIS_LOKUS else "kemiskinan_ekstrem"


def _kabupaten() -> str | None:
    """The kabupaten the page shows (``?kabupaten=``; none: every kabupaten of the user's region)."""
    return (request.values.get("kabupaten") or "").strip() or None


@blueprint.route("/lokus")
@authenticated
def index():
    """Villages ranked per kabupaten with the saved lokus ticked; in a kabupaten with none saved,
    its top ``PROPOSED`` are pre-ticked. ``?kabupaten=`` shows (and saves) one kabupaten."""
    tahun, jenis, kabupaten = _year(), _kind(), _kabupaten()
    region = narrowed(region_filter(), kabupaten)
    every = call(proposal, tahun, jenis, region_filter(), child_records_allowed(current_role()))
    choices = list(dict.fromkeys((r["kode_kab"], r["nama_kab"]) for r in every))
    rows = [r for r in every if within(r["kode_desa"], region)]
    kinds = {"kemiskinan_ekstrem": _("Kemiskinan ekstrem"), "stunting": _("Stunting")}
    return render_template("areas/lokus.html", rows=rows, tahun=tahun, jenis=jenis, kinds=kinds,
                           saved=all(r["kabupaten_ditetapkan"] for r in rows), kabupaten=kabupaten,
                           choices=choices, can_edit=current_user.has_role("perencana"), proposed=PROPOSED,
                           rule=growth_lokus.rule_text() if jenis == "stunting" else None)


@blueprint.route("/lokus", methods=["POST"])
@role_required("perencana")
def save():
    """Save the ticked villages (with their reasons) as the lokus of the year and kind, in the
    kabupaten shown (``kabupaten``) or the user's whole region."""
    tahun, jenis, kabupaten = _year(), _kind(), _kabupaten()
    region = narrowed(region_filter(), kabupaten)
    codes = request.form.getlist("kode_desa")
    villages = [{"kode_desa": code, "alasan": request.form.get(f"alasan_{code}", "")} for code in codes]
    count = call(save_lokus, tahun, jenis, villages, current_user.username, region)
    record("tetapkan", "lokus_desa", f"{tahun}/{jenis}", {"jumlah": count, "desa": sorted(codes)})
    flash(_("%(n)s desa lokus %(tahun)s disimpan.", n=count, tahun=tahun), "success")
    return redirect(url_for("lokus.index", tahun=tahun, jenis=jenis, kabupaten=kabupaten))


@blueprint.route("/api/lokus")
@authenticated
def api_list():
    """Lokus villages fixed for ``?tahun=`` (and ``?jenis=``) in the user's region."""
    jenis = request.args.get("jenis")
    rows = call(lokus_list, _year(), jenis if jenis in JENIS_LOKUS else None, region_filter())
    return jsonify(rows)
