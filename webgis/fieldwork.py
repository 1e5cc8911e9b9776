"""Field verification round trip (issue #19), pages of Dinas Perkim: download the field form of a
programme (its households still to visit, one village, or the checked ones), upload it filled,
read the preview, apply it, download the report of the rows it could not apply.

Views are thin: ``spatial.selection.fieldform`` writes and reads the XLSX, ``fieldwork`` plans and
applies it. House data corrected in the field changes RTLH scores: the scores of its kabupaten are
computed again in the background after applying (a job like any analysis run)."""
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from openpyxl import Workbook

from spatial.errors import N_, InvalidInput
from spatial.selection import fieldform, fieldwork, programs
from spatial.spreadsheet import safe_cell
from spatial.uploads import check_size
from webgis.access import protect_blueprint
from webgis.audit import record
from webgis.auth import role_required
from webgis.database import call, connection
from webgis import formats
from webgis.analysis_api import start_runs
from webgis.scope import region_filter
from webgis.selection import STATUS_LABELS

blueprint = Blueprint("lapangan", __name__)
protect_blueprint(blueprint, "perkim")
MAX_FORM_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def words(message: dict) -> str:
    """A stored message ``{"pesan": msgid, "nilai": {...}}`` in the user's language."""
    text = _(message["pesan"])
    try:
        return text % message["nilai"] if message["nilai"] else text
    except (KeyError, ValueError, TypeError):
        return message["pesan"] % message["nilai"]


def _ids(values: list[str]) -> list[int] | None:
    try:
        return [int(v) for v in values if v.strip()] or None
    except ValueError:
        raise InvalidInput(N_("ID seleksi harus berupa angka.")) from None


@blueprint.route("/seleksi/<int:program_id>/formulir-lapangan.xlsx", methods=["GET", "POST"])
@role_required("perkim")
def form(program_id):
    """The field form: households still to visit (``?desa=`` one village), or the selections
    posted as ``seleksi`` (the checked rows of the recipient list). Holds names: audited."""
    chosen = _ids(request.form.getlist("seleksi")) if request.method == "POST" else None
    kode_desa = request.values.get("desa") or None
    with connection() as conn:
        program = programs.require(conn, program_id)
        rows = fieldwork.form_rows(conn, program_id, region_filter(), kode_desa=kode_desa, seleksi_ids=chosen,
                                   statuses=tuple(fieldwork.STATUSES) if chosen else fieldwork.TO_VISIT)
    payload = fieldform.write(program, rows, current_user.username, timezone=formats.timezone(), wilayah=region_filter())
    record("ekspor", "program", program_id, {"format": "formulir_lapangan", "baris": len(rows),
                                             "kode_desa": kode_desa, "wilayah": region_filter()})
    name = f"formulir_lapangan_{program['tahun']}_{program_id}" + (f"_{kode_desa}" if kode_desa else "") + ".xlsx"
    return Response(payload, mimetype=XLSX, headers={"Content-Disposition": f"attachment; filename={name}"})


@blueprint.route("/seleksi/<int:program_id>/lapangan")
@role_required("perkim")
def index(program_id):
    """Upload a filled field form; earlier uploads of the programme with what they did."""
    with connection() as conn:
        program = programs.require(conn, program_id)
        uploads = fieldwork.uploads(conn, program_id, region_filter())
    return render_template("selection/field_index.html", program=program, uploads=uploads)


@blueprint.route("/seleksi/<int:program_id>/lapangan", methods=["POST"])
@role_required("perkim")
def upload(program_id):
    """Read a filled form, plan it and keep it for the preview (nothing changes yet)."""
    sent = request.files.get("berkas")
    if sent is None or not sent.filename:
        raise InvalidInput(N_("Pilih berkas formulir lapangan (XLSX)."))
    data = sent.read(MAX_FORM_BYTES + 1)
    check_size(len(data), MAX_FORM_BYTES)
    filled = fieldform.read(data)
    with connection() as conn:
        program = programs.require(conn, program_id)
        plan = fieldwork.plan(conn, program, filled, region_filter(), today=formats.today())
        upload_id = fieldwork.store(conn, program, sent.filename, data, plan, current_user.username, region_filter())
    record("unggah_formulir_lapangan", "program", program_id, {"unggahan": upload_id, "baris": plan["baris"]})
    return redirect(url_for("lapangan.preview", program_id=program_id, upload_id=upload_id))


@blueprint.route("/seleksi/<int:program_id>/lapangan/<int:upload_id>")
@role_required("perkim")
def preview(program_id, upload_id):
    """What the upload will change (or changed), and the rows it could not apply."""
    with connection() as conn:
        program = programs.require(conn, program_id)
        stored = fieldwork.upload(conn, program_id, upload_id, region_filter())
    record("lihat_daftar", "verifikasi_unggahan", upload_id, {"program": program_id})
    return render_template("selection/field_preview.html", program=program, upload=stored, plan=stored["rencana"],
                           result=stored["hasil"], words=words, status_labels=STATUS_LABELS,
                           column_words=fieldwork.COLUMN_WORDS)


@blueprint.route("/seleksi/<int:program_id>/lapangan/<int:upload_id>/terapkan", methods=["POST"])
@role_required("perkim")
def apply(program_id, upload_id):
    """Apply the previewed upload in one transaction; scores are computed again when house data changed."""
    result = call(fieldwork.apply, program_id, upload_id, current_user.username, region_filter())
    record("terapkan_formulir_lapangan", "program", program_id, {
        "unggahan": upload_id, "diterapkan": len(result["diterapkan"]), "gagal": len(result["gagal"]),
        "koreksi": result["koreksi"]})
    if result["skor_kabupaten"]:   # corrected house data: the RTLH scores of those kabupaten again
        start_runs("skor", {}, None, current_user.username, only=result["skor_kabupaten"])
    flash(_("%(n)s baris diterapkan, %(gagal)s gagal.", n=len(result["diterapkan"]), gagal=len(result["gagal"])),
          "success" if not result["gagal"] else "warning")
    return redirect(url_for("lapangan.preview", program_id=program_id, upload_id=upload_id))


@blueprint.route("/seleksi/<int:program_id>/lapangan/<int:upload_id>/laporan.xlsx")
@role_required("perkim")
def report(program_id, upload_id):
    """Rows the upload could not apply, and warnings, with their line and why (names: audited)."""
    with connection() as conn:
        programs.require(conn, program_id)
        stored = fieldwork.upload(conn, program_id, upload_id, region_filter())
    book = Workbook()
    sheet = book.active
    sheet.title = "Tidak diterapkan"
    header = ["Baris", "ID Seleksi", "ID Keluarga", "Nama Kepala Keluarga", "Desa/Kelurahan", "Alasan"]
    sheet.append(header)
    done = stored["hasil"] or {}
    for row in fieldwork.report_rows({**stored["rencana"], **done}):
        sheet.append([row["baris"], row["seleksi_id"], safe_cell(row["id_keluarga"]), safe_cell(row["nama_kepala"]),
                      safe_cell(f"{row['nama_desa']} ({row['kode_desa']})" if row["kode_desa"] else None),
                      safe_cell("; ".join(words(m) for m in row["alasan"]))])
    warned = book.create_sheet("Peringatan")
    warned.append(header)
    for row in stored["rencana"].get("peringatan", []):
        warned.append([row["baris"], row["seleksi_id"], safe_cell(row["id_keluarga"]), safe_cell(row["nama_kepala"]),
                       safe_cell(f"{row['nama_desa']} ({row['kode_desa']})"),
                       safe_cell("; ".join(words(m) for m in row["alasan"]))])
    for table in (sheet, warned):
        for column, width in zip("ABCDEF", (7, 10, 18, 24, 26, 70)):
            table.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    record("ekspor", "verifikasi_unggahan", upload_id, {"format": "laporan"})
    return Response(buffer.getvalue(), mimetype=XLSX,
                    headers={"Content-Disposition": f"attachment; filename=laporan_lapangan_{upload_id}.xlsx"})
