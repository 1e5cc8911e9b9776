"""One household (issue #19), for Dinas Perkim on a desk or a phone: its record, why it has its
RTLH score rule by rule in plain words, the programmes it is in with their workflow step and
verification photo, and its history. ``score_lines`` gives the same reasons to the candidate table
(``/api/rumah-tangga/<prov>/<id>/rincian``) and the map popup."""
from flask import Blueprint, abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _

from spatial.analysis import score_reasons
from spatial.households import detail
from spatial.privacy import mask_nik
from spatial.selection import fieldwork, rules
from webgis import formats
from webgis.access import protect_blueprint
from webgis.audit import record
from webgis.auth import role_required
from webgis.database import connection
from webgis.scope import region_filter
from webgis.selection import STATUS_LABELS

blueprint = Blueprint("rumah_tangga", __name__)
protect_blueprint(blueprint, "perkim")


def score_lines(row: dict) -> dict:
    """The reasons of a household's score in the user's language, grouped (kondisi, kesehatan,
    kesejahteraan, kerentanan) with their points, plus the components left unscored."""
    groups: dict = {}
    for reason in row["alasan_skor"]:
        group = groups.setdefault(reason.kelompok, {"kelompok": _(score_reasons.GROUPS[reason.kelompok]), "poin": 0.0,
                                                    "alasan": []})
        group["poin"] += reason.poin
        group["alasan"].append({"teks": score_reasons.text(reason, _, formats.number),
                                "poin": "+" + formats.number(reason.poin)})
    for group in groups.values():
        group["poin"] = formats.number(group["poin"])
    return {"skor": formats.number(row["skor"]) if row["skor"] is not None else None,
            "ringkas": score_reasons.describe(row["alasan_skor"], _, formats.number),
            "kelompok": list(groups.values()),
            "tidak_lengkap": score_reasons.missing_words(row["data_tidak_lengkap"], _)}


def _household(kode_prov: str, rt_id: int) -> dict:
    with connection() as conn:
        row = detail.record(conn, kode_prov, rt_id, region_filter())
        if row is None:
            abort(404)
        row["seleksi"] = detail.selections(conn, kode_prov, rt_id)
        row["riwayat"] = detail.history(conn, kode_prov, rt_id)
    return row


@blueprint.route("/rumah-tangga/<kode_prov>/<int:rt_id>")
@role_required("perkim")
def detail_page(kode_prov, rt_id):
    """The household's page (404 outside the user's region); a view of personal data: audited."""
    row = _household(kode_prov, rt_id)
    record("lihat", "rumah_tangga", rt_id, {"id_keluarga": row["id_keluarga"]})
    program_id = request.args.get("program", type=int)
    back = url_for("seleksi.list_page", program_id=program_id) if program_id else None
    return render_template("households/detail.html", h=row, nik=mask_nik(row["nik_kepala"]), skor=score_lines(row),
                           status_labels=STATUS_LABELS, transitions=rules.TRANSITIONS, back=back,
                           column_words=fieldwork.COLUMN_WORDS, today=formats.today().isoformat())


@blueprint.route("/api/rumah-tangga/<kode_prov>/<int:rt_id>/rincian")
@role_required("perkim")
def api_reasons(kode_prov, rt_id):
    """Name, village and the reasons of the score of one household (candidate table row, popup)."""
    with connection() as conn:
        row = detail.record(conn, kode_prov, rt_id, region_filter())
    if row is None:
        abort(404)
    record("lihat", "rumah_tangga", rt_id, {"id_keluarga": row["id_keluarga"]})
    return jsonify({"id_keluarga": row["id_keluarga"], "nama_kepala": row["nama_kepala"], "alamat": row["alamat"],
                    "desa": f"{row['nama_desa']} ({row['kode_desa']})", **score_lines(row),
                    "url": url_for("rumah_tangga.detail_page", kode_prov=kode_prov, rt_id=rt_id)})
