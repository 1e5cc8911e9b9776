"""Seleksi Penerima (issue #6): Dinas Perkim chooses the households of a house-repair programme on
the map, under budget, with a verified and audited workflow. Pages for perkim and admin only.

A user scoped to a kabupaten/kecamatan (issue #8) sees, selects, exports and changes only the
households of that region: every service gets ``region_filter()``, and actions naming households
outside it are refused with 403 before anything changes (``spatial.selection.actions``)."""
import datetime
import gzip
import secrets
from pathlib import Path

from flask import (Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from folium.plugins import Draw
from werkzeug.datastructures import MultiDict

from spatial import maps, villages
from spatial.errors import N_, Forbidden, InvalidInput, NotFound
from spatial.privacy import full_nik_allowed, mask_nik
from spatial.selection import actions, bulk, candidates, export, programs, rules
from spatial.uploads import UploadError, require_kind
from webgis.access import protect_blueprint
from webgis.audit import record
from webgis.auth import role_required
from webgis.database import call, connection
from webgis import formats
from webgis.errors import message_of
from webgis.mapkit import base_map, fit_extent, render_parts
from webgis.maps import context_layers
from webgis.scope import in_scope, region_filter

blueprint = Blueprint("seleksi", __name__)
protect_blueprint(blueprint, "perkim")

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_KINDS = ("jpeg", "png")
STATUS_LABELS = {"usulan": _l("Usulan"), "terverifikasi": _l("Terverifikasi"), "ditetapkan": _l("Ditetapkan"),
                 "selesai": _l("Selesai"), "ditolak": _l("Ditolak")}
STEP_LABELS = {"terverifikasi": _l("Terverifikasi (verifikasi lapangan)"), "ditetapkan": _l("Ditetapkan"),
               "selesai": _l("Selesai dikerjakan"), "ditolak": _l("Ditolak"), bulk.REMOVE: _l("Hapus dari usulan")}
AREA_LABELS = {"semua": _l("Semua wilayah"), "kawasan_prioritas": _l("Hanya kawasan prioritas"),
               "lokus": _l("Hanya desa lokus tahun program")}


def _user() -> str:
    return current_user.username


def _reasons(counts: dict, years: int) -> dict:
    """Reason codes (``kuota_penuh:18.04.19``) -> counts, keyed by their words in the user's
    language, a region by its name and code (``kuota wilayah sudah penuh (Kec. Way Tenong (18.04.19))``)."""
    names = call(candidates.region_names, [key.partition(":")[2] for key in counts if ":" in key])
    labelled = {}
    for key, count in counts.items():
        code, _sep, region = key.partition(":")
        label = rules.reason_text(code, years, _)
        labelled[label + (f" ({names.get(region, region)})" if region else "")] = count
    return labelled


def _refusals(answer: dict, years: int) -> dict:
    """The households an addition refused, their reasons in the user's language (family id and
    head's name stay as the service gives them)."""
    for refusal in answer.get("ditolak", []):
        text = "; ".join(rules.reason_text(code, years, _) for code in refusal["semua_alasan"])
        refusal["keterangan"] = f"{text}: {refusal['rincian']}" if refusal.get("rincian") else text
    return answer


def _form_context(program: dict | None) -> dict:
    return {"program": program, "sources": rules.SOURCES, "area_labels": AREA_LABELS,
            "defaults": rules.default_rules(), "this_year": datetime.date.today().year}


# --- programmes ---------------------------------------------------------------------------------

@blueprint.route("/seleksi/")
@role_required("perkim")
def index():
    """Programme list and the form of a new programme."""
    rows = call(programs.list_programs)
    return render_template("selection/index.html", programs=rows, **_form_context(None))


@blueprint.route("/seleksi/", methods=["POST"])
@role_required("perkim")
def create():
    """Create a programme."""
    program_id = call(programs.create_program, programs.form_data(request.form), _user(), region_filter())
    record("buat", "program", program_id, {"nama": request.form.get("nama")})
    flash(_("Program dibuat."), "success")
    return redirect(url_for("seleksi.map_page", program_id=program_id))


@blueprint.route("/seleksi/<int:program_id>/ubah", methods=["GET", "POST"])
@role_required("perkim")
def edit(program_id):
    """Edit a programme (fields, rules, quotas); close or re-open it."""
    with connection() as conn:
        program = programs.require(conn, program_id)
        if request.method == "POST":
            programs.update_program(conn, program_id, programs.form_data(request.form), region_filter())
    if request.method == "POST":
        record("ubah", "program", program_id, {"nama": request.form.get("nama")})
        flash(_("Program disimpan."), "success")
        return redirect(url_for("seleksi.edit", program_id=program_id))
    return render_template("selection/edit.html", **_form_context(program))


@blueprint.route("/seleksi/<int:program_id>/status", methods=["POST"])
@role_required("perkim")
def program_status(program_id):
    """Close (ditutup) or re-open (aktif) a programme."""
    status = request.form.get("status", "")
    with connection() as conn:
        programs.require(conn, program_id)
        programs.set_status(conn, program_id, status, _user(), region_filter())
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
        "dihapus": _("Rumah tangga dihapus dari usulan."),
        "tampil": _("Menampilkan %(dari)s–%(sampai)s dari %(total)s kandidat"), "kosong": _("Tidak ada kandidat."),
        "metode_greedy": _("Metode: greedy eksak (tanpa kuota, biaya satuan sama: peringkat teratas adalah optimal)."),
        "metode_ilp": _("Metode: program bilangan bulat (PuLP + HiGHS) karena ada kuota."),
        "usulan": _("Usulan otomatis: %(n)s rumah tangga, biaya %(biaya)s, total skor %(skor)s."),
        "tidak_dipilih": _("Tidak diusulkan:"), "terapkan": _("Terapkan usulan"), "tidak_ada": _("Tidak ada."),
        "terpilih": _("terpilih"), "kandidat": _("kandidat"), "tambah": _("Tambah"), "hapus": _("Hapus"),
        "gagal": _("Permintaan gagal."), "ya": _("ya"), "tidak": _("tidak"),
        "dipilih": _("%(n)s dipilih"), "pilih_semua": _("Pilih semua %(n)s yang tersaring"),
        "semua_dipilih": _("semua %(n)s yang tersaring dipilih"), "diubah": _("%(n)s rumah tangga diubah."),
        "gagal_ubah": _("%(n)s tidak dapat diubah:"), "dipilih_area": _("%(n)s titik di dalam area dipilih."),
        "rincian": _("Rincian & foto"), "alasan_skor": _("Alasan skor"), "skor": _("Skor"),
        "tidak_lengkap": _("Data tidak lengkap:"), "tambah_usulan": _("Tambah ke usulan"),
        "hapus_usulan": _("Hapus dari usulan"), "pilih": _("Pilih"), "lainnya": _("dan %(n)s lainnya"),
    }


@blueprint.route("/seleksi/<int:program_id>")
@role_required("perkim")
def map_page(program_id):
    """Candidate list and map: filters, sortable table, click/draw to select, totals, proposal."""
    with connection() as conn:
        program = programs.require(conn, program_id)
        extent = maps.villages_extent(conn, region_filter())
        kecamatan, villages_list = candidates.places(conn, region_filter())
        first_page = _candidate_page(conn, program, MultiDict())  # in the page: no request before the table shows
    fmap = base_map()
    context = context_layers(fmap)
    Draw(export=False, show_geometry_on_click=False, position="topleft",
         draw_options={"polyline": False, "circle": False, "marker": False, "circlemarker": False,
                       "polygon": {"allowIntersection": False, "showArea": False},
                       "rectangle": {"showArea": False}},
         edit_options={"edit": False, "remove": False}).add_to(fmap)
    fit_extent(fmap, extent)
    config = {
        "map": fmap.get_name(), "programId": program_id, "aktif": program["status"] == "aktif",
        "urls": {"tabel": url_for("seleksi.api_candidate_page", program_id=program_id),
                 "titik": url_for("seleksi.api_candidate_points", program_id=program_id),
                 "tambah": url_for("seleksi.api_add", program_id=program_id),
                 "hapus": url_for("seleksi.api_remove", program_id=program_id),
                 "langkah": url_for("seleksi.api_bulk_step", program_id=program_id),
                 "pratinjau": url_for("seleksi.api_area_preview", program_id=program_id),
                 "area": url_for("seleksi.api_area_add", program_id=program_id),
                 "usulan": url_for("seleksi.api_proposal", program_id=program_id),
                 "rincian": url_for("rumah_tangga.api_reasons", kode_prov="PROV", rt_id=0)[:-len("/0/rincian")],
                 "desa": url_for("api.villages")},
        "texts": _js_texts(), "totals": actions.totals(program), "status": {k: str(v) for k, v in STATUS_LABELS.items()},
        "halamanPertama": first_page,
    }
    return render_template("selection/map.html", program=program, map=render_parts(fmap), config=config,
                           kecamatan=kecamatan, villages=villages_list, status_labels=STATUS_LABELS, context=context,
                           steps=STEP_LABELS, page_sizes=candidates.PAGE_SIZES, today=formats.today().isoformat())


@blueprint.route("/api/seleksi/<int:program_id>/kandidat")
@role_required("perkim")
def api_candidates(program_id):
    """Eligible and selected households of the programme (filters in the query string), as GeoJSON
    points for the map plus a ``tanpa_gps`` list for the table; no NIK, but exact points: audited."""
    filters = candidates.parse_filters(request.args)

    def build(rows) -> tuple[bytes, bytes, int]:  # the answer, plain and gzip-compressed, and its rows
        collection = candidates.to_feature_collection(rows)
        collection["tanpa_gps"] = [candidates.public_properties(r) for r in rows if r["lon"] is None]
        collection["total"] = actions.totals(program)
        body = current_app.json.dumps(collection).encode()
        return body, gzip.compress(body, 6), len(rows)

    with connection() as conn:
        program = programs.require(conn, program_id)
        body, compressed, count = candidates.cached_answer(conn, program, filters, region_filter(), build)
    record("lihat_kandidat", "program", program_id, {"baris": count, "filter": filters, "wilayah": region_filter()},
           durable=False)
    if "gzip" in request.accept_encodings:
        response = Response(compressed, mimetype="application/json", headers={"Content-Encoding": "gzip"})
    else:
        response = Response(body, mimetype="application/json")
    response.vary.add("Accept-Encoding")
    return response


@blueprint.route("/api/seleksi/<int:program_id>/kandidat/tabel")
@role_required("perkim")
def api_candidate_page(program_id):
    """One page of the candidate table, sorted and filtered in the database: ``?halaman=1&per=50
    &urut=skor&turun=1`` plus the filters of ``/kandidat``. Rows carry the head's name (perkim,
    admin): audited."""
    with connection() as conn:
        return jsonify(_candidate_page(conn, programs.require(conn, program_id), request.args))


def _candidate_page(conn, program: dict, args) -> dict:
    """One page of the candidate table as the page's script reads it (``total``, ``program``,
    ``baris``) for the query string ``args``; the heads' names in it: audited."""
    filters = candidates.parse_filters(args)
    rows, total = candidates.page(conn, program, filters, region_filter(), args.get("urut", "peringkat"),
                                  args.get("turun") == "1", args.get("per", 50, type=int), args.get("halaman", 1, type=int))
    record("lihat_kandidat", "program", program["id"], {"baris": len(rows), "filter": filters, "wilayah": region_filter()})
    return {"total": total, "program": actions.totals(program), "baris": [
        {**candidates.public_properties(r), "nama_kepala": r["nama_kepala"], "nama_desa": r["nama_desa"],
         "peringkat": r["peringkat"], "seleksi_id": r["seleksi_id"]} for r in rows]}


@blueprint.route("/api/seleksi/<int:program_id>/kandidat/titik")
@role_required("perkim")
def api_candidate_points(program_id):
    """The candidates with GPS as compact columns for the map (``prov``, ``id``, ``x``, ``y``,
    ``t`` = selected); exact points: audited."""
    filters = candidates.parse_filters(request.args)
    with connection() as conn:
        program = programs.require(conn, program_id)
        answer = candidates.points(conn, program, filters, region_filter())
    record("lihat_kandidat", "program", program_id, {"titik": len(answer["id"]), "filter": filters,
                                                     "wilayah": region_filter()})
    return jsonify(answer)


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput(N_("Badan permintaan harus JSON."))
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
        raise InvalidInput(N_("Area harus berupa GeoJSON Polygon atau MultiPolygon."))
    return geometry


@blueprint.route("/api/seleksi/<int:program_id>/tambah", methods=["POST"])
@role_required("perkim")
def api_add(program_id):
    """Add households ``{"rumah_tangga": [{"kode_prov": "18", "id": 1}, ...]}`` as proposals, or
    every eligible household the candidate filters show: ``{"semua": {"kode_kec": "18.04.04", ...}}``."""
    body = _json_body()
    if isinstance(body.get("semua"), dict):
        answer = call(actions.add_filtered, program_id, candidates.parse_filters(body["semua"]), _user(),
                      region_filter())
    else:
        answer = call(actions.add_households, program_id, _pairs(body), _user(), wilayah=region_filter())
    return jsonify(_refusals(answer, answer["program"]["tahun_tanpa_bantuan"]))


@blueprint.route("/api/seleksi/<int:program_id>/hapus", methods=["POST"])
@role_required("perkim")
def api_remove(program_id):
    """Remove one proposal ``{"rumah_tangga": [{"kode_prov": "18", "id": 1}]}``."""
    pairs = _pairs(_json_body())
    total = call(actions.remove_households, program_id, pairs, _user(), wilayah=region_filter())
    return jsonify(program=total, dihapus=[list(p) for p in pairs])


@blueprint.route("/api/seleksi/<int:program_id>/area/pratinjau", methods=["POST"])
@role_required("perkim")
def api_area_preview(program_id):
    """Count and cost of the eligible households inside ``{"geometry": GeoJSON}`` (not saved)."""
    geometry = _geometry(_json_body())
    result = call(actions.area_preview, program_id, geometry, region_filter())
    result["tidak_memenuhi"] = _reasons(result["tidak_memenuhi"], result.pop("tahun_tanpa_bantuan"))
    return jsonify({k: (float(v) if k.startswith("biaya") else v) for k, v in result.items()})


@blueprint.route("/api/seleksi/<int:program_id>/area/tambah", methods=["POST"])
@role_required("perkim")
def api_area_add(program_id):
    """Add every eligible household inside ``{"geometry": GeoJSON}``."""
    geometry = _geometry(_json_body())
    answer = call(actions.add_area, program_id, geometry, _user(), region_filter())
    return jsonify(_refusals(answer, answer["program"]["tahun_tanpa_bantuan"]))


@blueprint.route("/api/seleksi/<int:program_id>/usulan", methods=["POST"])
@role_required("perkim")
def api_proposal(program_id):
    """The optimiser's proposal ``{"terapkan": false}`` (preview) or applied (``true``)."""
    if _json_body().get("terapkan"):
        result = call(actions.apply_proposal, program_id, _user(), region_filter())
        result["tidak_dipilih"] = _reasons(result["tidak_dipilih"], 0)
        return jsonify(result)
    with connection() as conn:
        program, proposal = actions.propose(conn, program_id, region_filter())
    return jsonify({"metode": proposal.method, "jumlah": len(proposal.chosen),
                    "biaya": len(proposal.chosen) * float(program["biaya_satuan"]),
                    "total_skor": proposal.total_score,
                    "rumah_tangga": [[r["kode_prov"], r["id"]] for r in proposal.chosen],
                    "tidak_dipilih": _reasons(actions.left_out_summary(program, proposal), 0)})


def _visit_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        raise InvalidInput(N_("Tanggal tidak valid: %(nilai)s"), nilai=value) from None


def _step_targets(conn, program_id: int, body: dict) -> list[int]:
    """The selections a bulk step names: ``seleksi`` ids (checked rows of the list),
    ``rumah_tangga`` pairs (candidate table, drawn area), ``semua`` (a filter of the list:
    ``{"desa": ..., "status": ...}``) or ``kandidat`` (the filters of the candidate table)."""
    if isinstance(body.get("semua"), dict):
        chosen = body["semua"]
        status = chosen.get("status") or None
        if status is not None and status not in rules.TRANSITIONS:
            raise InvalidInput(N_("Status tidak dikenal: %(nilai)s"), nilai=status)
        return bulk.matching(conn, program_id, chosen.get("desa") or None, status, region_filter())
    if isinstance(body.get("kandidat"), dict):
        return bulk.of_candidates(conn, program_id, candidates.parse_filters(body["kandidat"]), region_filter())
    if "rumah_tangga" in body:
        return bulk.of_households(conn, program_id, _pairs(body), region_filter())
    ids = body.get("seleksi")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise InvalidInput(N_("Pilih rumah tangga: daftar seleksi, rumah_tangga, atau semua."))
    return ids


@blueprint.route("/api/seleksi/<int:program_id>/langkah", methods=["POST"])
@role_required("perkim")
def api_bulk_step(program_id):
    """One workflow step for many households with one reason or note: ``{"ke": "ditetapkan",
    "seleksi": [12, 13]}`` (or ``rumah_tangga`` pairs, or ``semua`` for what a filter of the list
    shows), ``alasan``, and for ``terverifikasi`` ``verifikator`` and ``tanggal``; ``ke`` may be
    ``dihapus`` for proposals. Each household goes through the single-step checks; the answer
    lists the ones that moved and those that did not, by family id and name, with why."""
    body = _json_body()
    with connection() as conn:
        result = bulk.step(conn, program_id, _step_targets(conn, program_id, body), str(body.get("ke") or ""),
                           _user(), alasan=body.get("alasan"), verifikator=body.get("verifikator"),
                           tanggal=_visit_date(body.get("tanggal")), wilayah=region_filter())
    record("langkah_massal", "program", program_id, {"ke": result["ke"], "diubah": len(result["diubah"]),
                                                     "gagal": len(result["gagal"]), "wilayah": region_filter()})
    for failure in result["gagal"]:
        failure["alasan"] = message_of(failure.pop("kesalahan"))
    return jsonify(result)


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
    """The programme's households (of the user's region), filtered by village and status, to check
    and move in bulk, with the recent history; a list of personal data, so every view is recorded
    in audit_log."""
    kode_desa = request.args.get("desa") or None
    status = request.args.get("status") or None
    with connection() as conn:
        program = programs.require(conn, program_id)
        every = export.rows_for_export(conn, program, full_nik=False, wilayah=region_filter())
        history = actions.history(conn, program_id, region_filter())
    rows = [r for r in every if (kode_desa is None or r["kode_desa"] == kode_desa)
            and (status is None or r["status"] == status)]
    record("lihat_daftar", "program", program_id, {"baris": len(rows), "kode_desa": kode_desa, "status": status,
                                                   "wilayah": region_filter()})
    villages = sorted({(r["kode_desa"], r["nama_desa"]) for r in every if r["kode_desa"]}, key=lambda v: v[1] or "")
    config = {"urls": {"langkah": url_for("seleksi.api_bulk_step", program_id=program_id)},
              "filter": {"desa": kode_desa, "status": status}, "texts": _list_texts()}
    return render_template("selection/list.html", program=program, rows=rows, history=history,
                           status_labels=STATUS_LABELS, villages=villages, kode_desa=kode_desa, status=status,
                           steps=STEP_LABELS, today=formats.today().isoformat(), config=config)


def _list_texts() -> dict:
    return {"dipilih": _("%(n)s dipilih"), "semua": _("semua %(n)s yang tersaring dipilih"),
            "diubah": _("%(n)s rumah tangga diubah."), "gagal": _("%(n)s tidak dapat diubah:"),
            "pilih_dulu": _("Pilih rumah tangga terlebih dahulu."), "gagal_kirim": _("Permintaan gagal.")}


@blueprint.route("/seleksi/<int:program_id>/seleksi/<int:seleksi_id>/status", methods=["POST"])
@role_required("perkim")
def change_status(program_id, seleksi_id):
    """Workflow step of one household (verification with optional photo, decision, rejection...)."""
    form = request.form
    try:
        tanggal = datetime.date.fromisoformat(form["tanggal"]) if form.get("tanggal") else None
    except ValueError:
        raise InvalidInput(N_("Tanggal tidak valid: %(nilai)s"), nilai=form["tanggal"]) from None
    with connection() as conn:
        programs.require(conn, program_id)
        actions.transition(conn, program_id, seleksi_id, form.get("ke", ""), _user(), alasan=form.get("alasan"),
                           verifikator=form.get("verifikator"), tanggal=tanggal, wilayah=region_filter(),
                           foto=lambda: _save_photo(program_id, seleksi_id, request.files.get("foto")))
    flash(_("Status diperbarui."), "success")
    if form.get("kembali") == "rumah_tangga":
        return redirect(url_for("rumah_tangga.detail_page", kode_prov=form.get("kode_prov", ""),
                                rt_id=form.get("rt_id", type=int) or 0, program=program_id))
    return redirect(url_for("seleksi.list_page", program_id=program_id, desa=form.get("desa") or None))


@blueprint.route("/seleksi/<int:program_id>/foto/<int:seleksi_id>")
@role_required("perkim")
def photo(program_id, seleksi_id):
    """The verification photo of a selection."""
    try:
        row = call(actions.selection, program_id, seleksi_id, region_filter())
    except Forbidden:
        abort(404)  # outside the region: as if it did not exist
    if not row["foto"]:
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
    with connection() as conn:
        program = programs.require(conn, program_id)
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
    with connection() as conn:
        program = programs.require(conn, program_id)
        village = villages.profile(conn, kode_desa)
        if village is None:
            raise NotFound(N_("Desa tidak ditemukan."))
        rows = export.rows_for_export(conn, program, full_nik=full, kode_desa=kode_desa, live_only=True,
                                      wilayah=region_filter())
    record("cetak_lembar_verifikasi", "program", program_id, {"kode_desa": kode_desa, "baris": len(rows),
                                                              "nik_lengkap": full})
    return render_template("selection/sheet.html", program=program, rows=rows, village=village,
                           today=datetime.date.today(), status_labels=STATUS_LABELS, mask=mask_nik)
