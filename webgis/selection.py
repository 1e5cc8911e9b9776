"""Seleksi Penerima (issue #6): Dinas Perkim chooses the households of a house-repair programme on
the map, under budget, with a verified and audited workflow. Pages for perkim and admin only.

A user scoped to a kabupaten/kecamatan (issue #8) sees, selects, exports and changes only the
households of that region: every query gets ``region_filter()``, and actions naming households
outside it are refused with 403 before anything changes."""
import datetime
import secrets
from pathlib import Path

from flask import (Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_login import current_user
from folium.plugins import Draw

from spatial.privacy import full_nik_allowed, mask_nik
from spatial.selection import actions, candidates, export, programs, rules
from spatial.selection.programs import SelectionError
from spatial import sqlfiles
from spatial.uploads import UploadError, require_kind
from webgis.access import protect_blueprint
from webgis.audit import record
from webgis.auth import role_required
from webgis.database import fetch_all, fetch_one, pool
from webgis.mapkit import base_map, render_parts
from webgis.maps import context_layers
from webgis.scope import in_scope, region_filter, region_params

blueprint = Blueprint("seleksi", __name__)
protect_blueprint(blueprint, "perkim")

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_KINDS = ("jpeg", "png")
STATUS_LABELS = {"usulan": _l("Usulan"), "terverifikasi": _l("Terverifikasi"), "ditetapkan": _l("Ditetapkan"),
                 "selesai": _l("Selesai"), "ditolak": _l("Ditolak")}
REASON_LABELS = {
    "bukan_rtlh": _l("rumah tidak tergolong RTLH"), "bukan_milik_sendiri": _l("rumah/tanah bukan milik sendiri"),
    "desil_di_atas_batas": _l("desil di atas batas program"),
    "data_tidak_lengkap": _l("data tidak lengkap (isian kosong yang menentukan kelayakan)"),
    "skor_di_bawah_minimum": _l("skor prioritas di bawah minimum program"),
    "sudah_dibantu": _l("sudah menerima bantuan rumah dalam %(n)s tahun terakhir"),
    "sudah_dibantu_program": _l("sudah diperbaiki program lain dalam %(n)s tahun terakhir"),
    "program_lain": _l("sudah terpilih di program aktif lain"), "di_luar_kawasan": _l("di luar kawasan prioritas"),
    "bukan_desa_lokus": _l("bukan desa lokus tahun program"), "ditolak_sebelumnya": _l("sudah ditolak di program ini"),
    "anggaran_habis": _l("anggaran tidak cukup"), "kuota_penuh": _l("kuota wilayah sudah penuh"),
}
AREA_LABELS = {"semua": _l("Semua wilayah"), "kawasan_prioritas": _l("Hanya kawasan prioritas"),
               "lokus": _l("Hanya desa lokus tahun program")}


def _user() -> str:
    return current_user.username


def _program_or_404(conn, program_id: int) -> dict:
    program = programs.get_program(conn, program_id)
    if program is None:
        abort(404)
    return program


def _outside_scope_message(labels: list[str]) -> str:
    return _("Rumah tangga di luar wilayah kerja Anda (%(wilayah)s): %(daftar)s.",
             wilayah=region_filter(), daftar=", ".join(labels))


def _refuse_outside_scope(conn, pairs: list) -> None:
    """403 (JSON error) when one of the households ``pairs`` lies outside the user's region scope."""
    outside = sqlfiles.fetch_all(conn, "selection/outside_scope", {
        "kode_prov": [p[0] for p in pairs], "ids": [p[1] for p in pairs], **region_params()})
    if outside:
        refusal = jsonify(error=_outside_scope_message([r["id_keluarga"] for r in outside]))
        refusal.status_code = 403
        abort(refusal)


def _reasons(counts: dict, years: int) -> dict:
    """Reason codes (``kuota_penuh:18.04.19``) -> counts, keyed by their words in the user's language."""
    labelled = {}
    for key, count in counts.items():
        code, _sep, region = key.partition(":")
        label = str(REASON_LABELS[code]) % {"n": years} if code in REASON_LABELS else code
        labelled[label + (f" ({region})" if region else "")] = count
    return labelled


def _form_data(form) -> dict:
    """Programme fields of the create/edit form (rules and quotas included)."""
    def number(name, default=None):
        value = (form.get(name) or "").replace(".", "").replace(",", ".").strip()
        return value or default

    return {
        "nama": form.get("nama", ""), "tahun": int(form.get("tahun") or datetime.date.today().year),
        "sumber": form.get("sumber"), "biaya_satuan": number("biaya_satuan", "0"), "anggaran": number("anggaran", "0"),
        "tahun_tanpa_bantuan": int(form.get("tahun_tanpa_bantuan") or 10),
        "batas_wilayah": form.get("batas_wilayah", "semua"),
        "aturan": {"wajib_rtlh": form.get("wajib_rtlh") == "1",
                   "status_rumah": [s.strip() for s in form.get("status_rumah", "").split(",") if s.strip()] or None,
                   "desil_maksimum": int(form.get("desil_maksimum") or rules.default_rules()["desil_maksimum"]),
                   "skor_minimum": float(form.get("skor_minimum") or 0)},
        "kuota": programs.parse_quotas(form.get("kuota", "")),
    }


def _form_context(program: dict | None) -> dict:
    return {"program": program, "sources": rules.SOURCES, "area_labels": AREA_LABELS,
            "defaults": rules.default_rules(), "this_year": datetime.date.today().year}


# --- programmes ---------------------------------------------------------------------------------

@blueprint.route("/seleksi/")
@role_required("perkim")
def index():
    """Programme list and the form of a new programme."""
    with pool().connection() as conn:
        rows = programs.list_programs(conn)
    return render_template("selection/index.html", programs=rows, **_form_context(None))


@blueprint.route("/seleksi/", methods=["POST"])
@role_required("perkim")
def create():
    """Create a programme."""
    try:
        with pool().connection() as conn:
            program_id = programs.create_program(conn, _form_data(request.form), _user())
    except (SelectionError, ValueError) as exc:
        flash(str(exc), "danger")
        return redirect(url_for("seleksi.index"))
    record("buat", "program", program_id, {"nama": request.form.get("nama")})
    flash(_("Program dibuat."), "success")
    return redirect(url_for("seleksi.map_page", program_id=program_id))


@blueprint.route("/seleksi/<int:program_id>/ubah", methods=["GET", "POST"])
@role_required("perkim")
def edit(program_id):
    """Edit a programme (fields, rules, quotas); close or re-open it."""
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        if request.method == "POST":
            try:
                with conn.transaction():
                    programs.update_program(conn, program_id, _form_data(request.form))
            except (SelectionError, ValueError) as exc:
                flash(str(exc), "danger")
            else:
                record("ubah", "program", program_id, {"nama": request.form.get("nama")})
                flash(_("Program disimpan."), "success")
                return redirect(url_for("seleksi.edit", program_id=program_id))
    return render_template("selection/edit.html", **_form_context(program))


@blueprint.route("/seleksi/<int:program_id>/status", methods=["POST"])
@role_required("perkim")
def program_status(program_id):
    """Close (ditutup) or re-open (aktif) a programme."""
    status = request.form.get("status")
    try:
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            programs.set_status(conn, program_id, status, _user())
    except SelectionError as exc:
        flash(str(exc), "danger")
    else:
        record("status_program", "program", program_id, {"status": status})
        flash(_("Program ditutup.") if status == "ditutup" else _("Program dibuka kembali."), "success")
    return redirect(url_for("seleksi.edit", program_id=program_id))


# --- map page and its JSON API ------------------------------------------------------------------

def _js_texts() -> dict:
    return {
        "konfirmasi_area": _("%(n)s rumah tangga memenuhi syarat di dalam area, biaya %(biaya)s."),
        "muat": _("Yang muat dalam anggaran dan kuota: %(n)s (%(biaya)s)."),
        "tanpa_gps": _("%(n)s di antaranya tanpa GPS, dicocokkan menurut desa karena seluruh desanya berada di dalam area."),
        "sudah_terpilih": _("%(n)s sudah terpilih."), "tidak_memenuhi": _("Tidak memenuhi syarat:"),
        "ditambah": _("%(n)s rumah tangga ditambahkan."), "ditolak": _("%(n)s tidak dapat ditambahkan:"),
        "dihapus": _("Rumah tangga dihapus dari usulan."), "tampil": _("Menampilkan %(n)s dari %(total)s baris."),
        "metode_greedy": _("Metode: greedy eksak (tanpa kuota, biaya satuan sama: peringkat teratas adalah optimal)."),
        "metode_ilp": _("Metode: program bilangan bulat (PuLP + HiGHS) karena ada kuota."),
        "usulan": _("Usulan otomatis: %(n)s rumah tangga, biaya %(biaya)s, total skor %(skor)s."),
        "tidak_dipilih": _("Tidak diusulkan:"), "terapkan": _("Terapkan usulan"), "tidak_ada": _("Tidak ada."),
        "terpilih": _("terpilih"), "kandidat": _("kandidat"), "tambah": _("Tambah"), "hapus": _("Hapus"),
        "gagal": _("Permintaan gagal."), "ya": _("ya"), "tidak": _("tidak"),
    }


@blueprint.route("/seleksi/<int:program_id>")
@role_required("perkim")
def map_page(program_id):
    """Candidate list and map: filters, sortable table, click/draw to select, totals, proposal."""
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
    fmap = base_map()
    context = context_layers(fmap)
    Draw(export=False, show_geometry_on_click=False, position="topleft",
         draw_options={"polyline": False, "circle": False, "marker": False, "circlemarker": False,
                       "polygon": {"allowIntersection": False, "showArea": False},
                       "rectangle": {"showArea": False}},
         edit_options={"edit": False, "remove": False}).add_to(fmap)
    extent = fetch_one("maps/villages_extent")
    if extent and extent["xmin"] is not None:
        fmap.fit_bounds([[extent["ymin"], extent["xmin"]], [extent["ymax"], extent["xmax"]]])
    config = {
        "map": fmap.get_name(), "programId": program_id, "aktif": program["status"] == "aktif",
        "locale": str(get_locale()),
        "urls": {"kandidat": url_for("seleksi.api_candidates", program_id=program_id),
                 "tambah": url_for("seleksi.api_add", program_id=program_id),
                 "hapus": url_for("seleksi.api_remove", program_id=program_id),
                 "pratinjau": url_for("seleksi.api_area_preview", program_id=program_id),
                 "area": url_for("seleksi.api_area_add", program_id=program_id),
                 "usulan": url_for("seleksi.api_proposal", program_id=program_id),
                 "desa": url_for("api.villages")},
        "texts": _js_texts(), "totals": actions.totals(program),
    }
    kecamatan = fetch_all("selection/kecamatan_list", region_params())
    villages = fetch_all("selection/village_list", region_params())
    config["desaNama"] = {v["kode_desa"]: v["nama"] for v in villages}
    return render_template("selection/map.html", program=program, map=render_parts(fmap), config=config,
                           kecamatan=kecamatan, villages=villages, status_labels=STATUS_LABELS, context=context)


def _filters(args) -> dict:
    def optional(name, cast):
        value = (args.get(name) or "").strip()
        return cast(value) if value else None

    flag = {"1": True, "0": False}
    return {"kode_desa": optional("kode_desa", str), "kode_kec": optional("kode_kec", str),
            "desil": optional("desil", int), "kondisi_minimum": optional("kondisi_minimum", float),
            "rentan": flag.get(args.get("rentan", "")), "dalam_kawasan": flag.get(args.get("dalam_kawasan", ""))}


@blueprint.route("/api/seleksi/<int:program_id>/kandidat")
@role_required("perkim")
def api_candidates(program_id):
    """Eligible and selected households of the programme (filters in the query string), as GeoJSON
    points for the map plus a ``tanpa_gps`` list for the table; no NIK, but exact points: audited."""
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        rows = candidates.households(conn, program, filters=_filters(request.args), wilayah=region_filter())
    record("lihat_kandidat", "program", program_id, {"baris": len(rows), "wilayah": region_filter()})
    collection = candidates.to_feature_collection(rows)
    collection["tanpa_gps"] = [candidates.public_properties(r) for r in rows if r["lon"] is None]
    collection["total"] = actions.totals(program)
    return jsonify(collection)


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=_("Badan permintaan harus JSON."))
    return body


def _pairs(body) -> list[tuple[str, int]]:
    items = body.get("rumah_tangga")
    if not isinstance(items, list) or not items or len(items) > 10000:
        abort(400)
    try:
        return [(str(i["kode_prov"]), int(i["id"])) for i in items]
    except (KeyError, TypeError, ValueError):
        abort(400)


def _geometry(body) -> dict:
    geometry = body.get("geometry")
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        abort(400, description=_("Area harus berupa GeoJSON Polygon atau MultiPolygon."))
    return geometry


def _refused(error: SelectionError):
    return jsonify(error=str(error)), 409


@blueprint.route("/api/seleksi/<int:program_id>/tambah", methods=["POST"])
@role_required("perkim")
def api_add(program_id):
    """Add households ``{"rumah_tangga": [{"kode_prov": "18", "id": 1}, ...]}`` as proposals."""
    pairs = _pairs(_json_body())
    try:
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            _refuse_outside_scope(conn, pairs)
            result = actions.add_households(conn, program_id, pairs, _user(), wilayah=region_filter())
    except SelectionError as exc:
        return _refused(exc)
    return jsonify(result)


@blueprint.route("/api/seleksi/<int:program_id>/hapus", methods=["POST"])
@role_required("perkim")
def api_remove(program_id):
    """Remove one proposal ``{"rumah_tangga": [{"kode_prov": "18", "id": 1}]}``."""
    pairs = _pairs(_json_body())
    try:
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            _refuse_outside_scope(conn, pairs)
            total = None
            for pair in pairs:
                total = actions.remove_household(conn, program_id, pair, _user())
    except SelectionError as exc:
        return _refused(exc)
    return jsonify(program=total, dihapus=[list(p) for p in pairs])


@blueprint.route("/api/seleksi/<int:program_id>/area/pratinjau", methods=["POST"])
@role_required("perkim")
def api_area_preview(program_id):
    """Count and cost of the eligible households inside ``{"geometry": GeoJSON}`` (not saved)."""
    geometry = _geometry(_json_body())
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        result = actions.area_preview(conn, program_id, geometry, region_filter())
    result["tidak_memenuhi"] = _reasons(result["tidak_memenuhi"], program["tahun_tanpa_bantuan"])
    return jsonify({k: (float(v) if k.startswith("biaya") else v) for k, v in result.items()})


@blueprint.route("/api/seleksi/<int:program_id>/area/tambah", methods=["POST"])
@role_required("perkim")
def api_area_add(program_id):
    """Add every eligible household inside ``{"geometry": GeoJSON}``."""
    geometry = _geometry(_json_body())
    try:
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            result = actions.add_area(conn, program_id, geometry, _user(), region_filter())
    except SelectionError as exc:
        return _refused(exc)
    return jsonify(result)


@blueprint.route("/api/seleksi/<int:program_id>/usulan", methods=["POST"])
@role_required("perkim")
def api_proposal(program_id):
    """The optimiser's proposal ``{"terapkan": false}`` (preview) or applied (``true``)."""
    body = _json_body()
    try:
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            if body.get("terapkan"):
                result = actions.apply_proposal(conn, program_id, _user(), region_filter())
                result["tidak_dipilih"] = _reasons(result["tidak_dipilih"], 0)
                return jsonify(result)
            program, proposal = actions.propose(conn, program_id, region_filter())
    except SelectionError as exc:
        return _refused(exc)
    return jsonify({"metode": proposal.method, "jumlah": len(proposal.chosen),
                    "biaya": len(proposal.chosen) * float(program["biaya_satuan"]),
                    "total_skor": proposal.total_score,
                    "rumah_tangga": [[r["kode_prov"], r["id"]] for r in proposal.chosen],
                    "tidak_dipilih": _reasons(actions.left_out_summary(program, proposal), 0)})


# --- list, workflow, photos ---------------------------------------------------------------------

def _photo_dir(program_id: int) -> Path:
    folder = Path(current_app.config["UPLOAD_DIR"]) / "seleksi" / str(program_id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save_photo(program_id: int, seleksi_id: int, upload) -> str | None:
    """Store a verification photo after checking size and real type (JPEG/PNG); returns its name."""
    if upload is None or not upload.filename:
        return None
    folder = _photo_dir(program_id)
    temporary = folder / f".unggah-{secrets.token_hex(8)}"
    upload.save(temporary)
    try:
        kind = require_kind(temporary, PHOTO_KINDS, limit=MAX_PHOTO_BYTES)
    except UploadError:
        temporary.unlink(missing_ok=True)
        raise
    name = f"{seleksi_id}-{secrets.token_hex(6)}.{'jpg' if kind == 'jpeg' else 'png'}"
    temporary.rename(folder / name)
    return name


@blueprint.route("/seleksi/<int:program_id>/daftar")
@role_required("perkim")
def list_page(program_id):
    """The programme's households (of the user's region) with their workflow actions and the recent
    history; a list of personal data, so every view is recorded in audit_log."""
    kode_desa = request.args.get("desa") or None
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        rows = export.rows_for_export(conn, program, full_nik=False, kode_desa=kode_desa, wilayah=region_filter())
    history = fetch_all("selection/history", {"program_id": program_id, "seleksi_id": None,
                                                           "limit": 50, **region_params()})
    record("lihat_daftar", "program", program_id, {"baris": len(rows), "kode_desa": kode_desa,
                                                   "wilayah": region_filter()})
    villages = sorted({(r["kode_desa"], r["nama_desa"]) for r in rows if r["kode_desa"]})
    return render_template("selection/list.html", program=program, rows=rows, history=history,
                           transitions=rules.TRANSITIONS, status_labels=STATUS_LABELS, villages=villages,
                           kode_desa=kode_desa, today=datetime.date.today().isoformat())


@blueprint.route("/seleksi/<int:program_id>/seleksi/<int:seleksi_id>/status", methods=["POST"])
@role_required("perkim")
def change_status(program_id, seleksi_id):
    """Workflow step of one household (verification with optional photo, decision, rejection...)."""
    form = request.form
    try:
        tanggal = datetime.date.fromisoformat(form["tanggal"]) if form.get("tanggal") else None
        selection = fetch_one("selection/one", {"id": seleksi_id, "program_id": program_id})
        if selection and not in_scope(selection["kode_desa"]):
            abort(403, description=_outside_scope_message([selection["id_keluarga"]]))
        photo = _save_photo(program_id, seleksi_id, request.files.get("foto"))
        with pool().connection() as conn:
            _program_or_404(conn, program_id)
            actions.transition(conn, program_id, seleksi_id, form.get("ke", ""), _user(), alasan=form.get("alasan"),
                               verifikator=form.get("verifikator"), tanggal=tanggal, foto=photo)
    except (SelectionError, UploadError, ValueError) as exc:
        flash(str(exc), "danger")
    else:
        flash(_("Status diperbarui."), "success")
    return redirect(url_for("seleksi.list_page", program_id=program_id, desa=form.get("desa") or None))


@blueprint.route("/seleksi/<int:program_id>/foto/<int:seleksi_id>")
@role_required("perkim")
def photo(program_id, seleksi_id):
    """The verification photo of a selection."""
    row = fetch_one("selection/one", {"id": seleksi_id, "program_id": program_id})
    if not row or not row["foto"] or not in_scope(row["kode_desa"]):
        abort(404)
    record("lihat_foto", "seleksi", seleksi_id)
    return send_file(_photo_dir(program_id) / Path(row["foto"]).name)


# --- exports -------------------------------------------------------------------------------------

EXPORTS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True),
    "csv": ("text/csv; charset=utf-8", True),
    "geojson": ("application/geo+json", False),
}


@blueprint.route("/seleksi/<int:program_id>/ekspor.<fmt>")
@role_required("perkim")
def export_list(program_id, fmt):
    """The programme's list as XLSX, CSV or GeoJSON (full NIK for roles allowed; GeoJSON masked);
    every export is recorded in audit_log."""
    if fmt not in EXPORTS:
        abort(404)
    mimetype, nik_column = EXPORTS[fmt]
    full = nik_column and full_nik_allowed(current_user.role)
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        rows = export.rows_for_export(conn, program, full_nik=full, wilayah=region_filter())
    if fmt == "xlsx":
        payload = export.write_xlsx(program, rows, wilayah=region_filter())
    elif fmt == "csv":
        payload = export.write_csv(rows)
    else:
        payload = export.write_geojson(program, rows)
    record("ekspor", "program", program_id, {"format": fmt, "baris": len(rows), "nik_lengkap": full,
                                             "wilayah": region_filter()})
    filename = f"seleksi_{program['tahun']}_{program_id}.{fmt}"
    return Response(payload, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"})


@blueprint.route("/seleksi/<int:program_id>/lembar-verifikasi/<kode_desa>")
@role_required("perkim")
def verification_sheet(program_id, kode_desa):
    """Printable field verification sheet of one village (HTML print view); 404 for a village outside
    the user's region scope."""
    if not in_scope(kode_desa):
        abort(404)
    full = full_nik_allowed(current_user.role)
    with pool().connection() as conn:
        program = _program_or_404(conn, program_id)
        rows = export.rows_for_export(conn, program, full_nik=full, kode_desa=kode_desa, live_only=True,
                                      wilayah=region_filter())
    village = fetch_one("villages/profile", {"kode_desa": kode_desa})
    if village is None:
        abort(404)
    record("cetak_lembar_verifikasi", "program", program_id, {"kode_desa": kode_desa, "baris": len(rows),
                                                              "nik_lengkap": full})
    return render_template("selection/sheet.html", program=program, rows=rows, village=village,
                           today=datetime.date.today(), status_labels=STATUS_LABELS, mask=mask_nik)
