"""Impor Data: upload household/facility files and recipient lists of social programmes (admin,
perkim) and child growth files (admin, kesehatan), value mapping, progress, summary, rejects report.

The upload is checked at once (size, real type, header). A background thread then reads the
file's code-list values (spatial.importer.registry.survey_values); when some match no entry, the job
stops at the value-mapping step: the user maps each distinct unknown value (with its count) to an
entry or to "kosong", the choice is saved for the import source and offered for its next file,
and the import runs. Jobs keep their state in the database (``spatial.jobs``, table ``tugas``), so
any worker process answers the page polling it.
"""
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from flask import (Blueprint, Flask, Response, abort, current_app, flash, jsonify, redirect, render_template, request,
                   url_for)
from flask_babel import force_locale, get_locale, gettext as _
from flask_login import current_user

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from spatial import jobs
from spatial.importer import reasons as import_reasons
from spatial.importer.jobs import sweep_orphans
from spatial.errors import N_
from spatial.growth.imports import MEASUREMENTS, VILLAGE_COUNTS, import_measurements, import_village_counts
from spatial.importer.columns import ImportFileError, read_mapping_file
from spatial.importer.registry import (FACILITY_KIND, HOUSEHOLD_KIND, Kind, import_facilities, import_households,
                                       overall_percent, survey_values)
from spatial.importer.report import history, import_kind, rejects, write_csv, write_xlsx
from spatial.importer.source import inspect
from spatial.importer.sources import offered, save_mapping, sources
from spatial.targeting.programs import programs
from spatial.targeting.recipients import RECIPIENT_KIND, import_recipients
from spatial.vocabulary import vocabularies
from webgis.audit import record
from webgis.auth import role_required
from webgis.database import call
from webgis.errors import message_of
from webgis.scope import region_filter

blueprint = Blueprint("imports", __name__, url_prefix="/impor")
LOG = logging.getLogger("sasaran.impor")
MAX_MAPPING_BYTES = 1 << 20


@dataclass(frozen=True)
class ImportKind:
    """A kind of file the page imports: the pipeline's kind, the function, and who may import it
    (and read its jobs and rejects reports, which hold the file's cells: child records are health data)."""
    kind: Kind
    function: Callable
    role: str


KINDS = {
    "rumah_tangga": ImportKind(HOUSEHOLD_KIND, import_households, "perkim"),
    "fasilitas": ImportKind(FACILITY_KIND, import_facilities, "perkim"),
    "pengukuran_anak": ImportKind(MEASUREMENTS, import_measurements, "kesehatan"),
    "gizi_desa": ImportKind(VILLAGE_COUNTS, import_village_counts, "kesehatan"),
    "penerima_bantuan": ImportKind(RECIPIENT_KIND, import_recipients, "perkim"),
}
GIVEN = ("program", "periode")  # what a recipient list may give for the whole file instead of a column
IMPORTERS = tuple(dict.fromkeys(k.role for k in KINDS.values()))


def _allowed_kinds() -> list[str]:
    """The kinds of file the signed-in user may import."""
    return [name for name, kind in KINDS.items() if current_user.has_role(kind.role)]


def _require_kind(name: str) -> ImportKind:
    """The kind ``name`` when the user may import it; 400 for an unknown kind, 403 for another role's."""
    if name not in KINDS:
        abort(400)
    if name not in _allowed_kinds():
        abort(403)
    return KINDS[name]


def _work_dir() -> Path:
    folder = Path(current_app.config["IMPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _progress(url: str, job_id: int, state: dict):
    """Progress callback of the importer (phase, rows done, rows in all) into the job's row."""
    report = jobs.Progress(url, job_id, state)
    return lambda phase, done, total: report(phase, overall_percent(phase, done, total))


def _run_job(job_id: int, state: dict, upload: Path, url: str, survey: bool) -> None:
    """The background part of an import: read the values first (``survey``; stop at the mapping
    step when some are unknown), then import with the options and value mapping in ``state``."""
    kind = KINDS[state["jenis"]]
    options = dict(state["opsi"], url=url, values=state.get("nilai") or None)
    keep_upload = False
    try:
        if survey:
            found = survey_values(upload, kind.kind, url, mapping=options["mapping"], name=options["name"],
                                  progress=_progress(url, job_id, state),
                                  given={key: options[key] for key in GIVEN if key in options}).unknown()
            if found:
                state.update(status="pemetaan", persen=100, tidak_dikenal=found)
                keep_upload = True
                return
        result = kind.function(upload, progress=_progress(url, job_id, state), analyse=True, **options)
        state.update(status="selesai", persen=100, impor_id=result.import_id, hasil=result.counts(),
                     uji_coba=result.dry_run)
    except ImportFileError as exc:
        state.update(status="gagal", galat=message_of(exc))
    except Exception:  # the database rolled everything back; the details go to the log, not the page
        LOG.exception("import job %s failed", job_id)
        state.update(status="gagal", galat=_("Impor gagal karena kesalahan pada server; tidak ada data yang diubah. "
                                             "Hubungi admin dengan kode tugas %(kode)s.", kode=job_id))
    finally:
        if not keep_upload:
            upload.unlink(missing_ok=True)
        jobs.save(url, job_id, state)


def _work(app: Flask, locale: str, job_id: int, state: dict, upload: Path, url: str, survey: bool) -> None:
    """The job's thread: its messages in the language of the user who started it."""
    with app.app_context(), force_locale(locale), jobs.beating(url, job_id):
        _run_job(job_id, state, upload, url, survey)


def _start(job_id: int, state: dict, survey: bool) -> None:
    url = current_app.config["DATABASE_URL"]
    state.update(status="berjalan", fase="membaca", persen=0)
    jobs.save(url, job_id, state)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs.start(_work, app, str(get_locale()), job_id, state, Path(state["berkas"]), url, survey, job_id=job_id)


@blueprint.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    flash(_("Berkas terlalu besar (batas %(mb)s MB). Pecah berkas atau hubungi admin.", mb=limit // (1 << 20)),
          "danger")
    return redirect(url_for("imports.index"))


@blueprint.route("/", methods=["GET"])
@role_required(*IMPORTERS)
def index():
    """Upload form and the import history."""
    url = current_app.config["DATABASE_URL"]
    kinds = _allowed_kinds()
    return render_template("imports/index.html", imports=history(url, kinds, limit=30), kinds=kinds, programs=programs(),
                           sources={kind: [s["nama"] for s in sources(kind, url)] for kind in kinds})


@blueprint.route("/", methods=["POST"])
@role_required(*IMPORTERS)
def upload():
    """Check the upload at once (size, real type, header), then import it in the background."""
    kind = request.form.get("jenis") or _allowed_kinds()[0]
    schema = _require_kind(kind).kind.schema
    uploaded = request.files.get("berkas")
    if uploaded is None or not uploaded.filename:
        flash(_("Pilih berkas CSV atau XLSX terlebih dahulu."), "warning")
        return redirect(url_for("imports.index"))
    folder = _work_dir()
    token = secrets.token_hex(8)
    name = secure_filename(uploaded.filename) or "unggahan"
    target = folder / f"{token}-{name}"
    uploaded.save(target)
    try:
        mapping = _mapping(request.files.get("pemetaan"), folder, token)
        given = {key: request.form.get(key, "").strip()[:40] or None for key in GIVEN}
        if given["program"] is not None and given["program"] not in programs():
            abort(400)
        inspect(target, schema, mapping, name=uploaded.filename,
                given={k for k, v in given.items() if v} if kind == "penerima_bantuan" else ())
    except ImportFileError:
        target.unlink(missing_ok=True)
        raise
    options = {"user": current_user.username, "name": uploaded.filename, "mapping": mapping,
               "dry_run": bool(request.form.get("uji_coba")), "wilayah": region_filter()}
    if kind in ("rumah_tangga", "fasilitas"):
        options["allow_moves"] = bool(request.form.get("izinkan_pindah"))
    if kind == "penerima_bantuan":
        options.update(given, replace_list=bool(request.form.get("ganti_daftar")))
    if kind == "rumah_tangga":
        options["mark_inactive"] = bool(request.form.get("tandai_nonaktif"))
        confirmed = request.form.get("konfirmasi_nonaktif", "").replace(".", "").strip()
        options["confirm_deactivate"] = int(confirmed) if confirmed.isdigit() else None
    state = {"jenis": kind, "nama_file": uploaded.filename, "oleh": current_user.username, "opsi": options,
             "sumber": request.form.get("sumber", "").strip()[:200], "berkas": str(target)}
    job_id = call(jobs.create, "impor", current_user.username, state, berkas=str(target))
    _start(job_id, state, survey=True)
    return redirect(url_for("imports.job", job_id=job_id))


def _mapping(storage, folder: Path, token: str) -> dict | None:
    if storage is None or not storage.filename:
        return None
    suffix = ".json" if storage.filename.lower().endswith(".json") else ".csv"
    path = folder / f"{token}-pemetaan{suffix}"
    storage.save(path)
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise ImportFileError(N_("Berkas pemetaan terlalu besar."))
        return read_mapping_file(path)
    finally:
        path.unlink(missing_ok=True)


def _import_state(job_id: int) -> dict:
    """The state of import job ``job_id`` (404 for another kind of job, none, or a file of a kind the
    user may not import: its counts and value lists come from files this user may not see)."""
    job = call(jobs.get, job_id)
    if job is None or job["jenis"] != "impor":
        abort(404)
    state = jobs.state(job)
    if state.get("jenis", "rumah_tangga") not in _allowed_kinds():
        abort(404)
    return state


@blueprint.route("/tugas/<int:job_id>")
@role_required(*IMPORTERS)
def job(job_id):
    """Progress and summary of a background import."""
    _import_state(job_id)
    return render_template("imports/job.html", job_id=job_id,
                           reasons={code: _(text) for code, text in import_reasons.REASONS.items()})


def _own_job(job_id: int) -> dict:
    """A job of the signed-in user waiting at the value-mapping step (404 otherwise)."""
    state = _import_state(job_id)
    if state.get("status") != "pemetaan" or state.get("oleh") != current_user.username:
        abort(404)
    return state


@blueprint.route("/tugas/<int:job_id>/nilai", methods=["GET"])
@role_required(*IMPORTERS)
def values_form(job_id):
    """The value-mapping step: every distinct value no entry matched, with its row count, to map
    to an entry or to kosong; the source's saved mapping (and otherwise the suggestion) is offered."""
    state = _own_job(job_id)
    saved = offered(state["jenis"], state.get("sumber"), state["tidak_dikenal"], current_app.config["DATABASE_URL"])
    entries = {column: vocabulary.entries for column, vocabulary in vocabularies(state["jenis"]).items()}
    return render_template("imports/values.html", job_id=job_id, state=state, saved=saved, entries=entries)


@blueprint.route("/tugas/<int:job_id>/nilai", methods=["POST"])
@role_required(*IMPORTERS)
def values_submit(job_id):
    """Take the user's value mapping, save it for the import source, and run the import."""
    state = _own_job(job_id)
    entries = {column: vocabulary.entries for column, vocabulary in vocabularies(state["jenis"]).items()}
    chosen: dict[str, dict[str, str]] = {}
    for column, found in state["tidak_dikenal"].items():
        for number, value in enumerate(found):
            entry = request.form.get(f"nilai-{column}-{number}", "")
            if entry and entry not in entries[column]:
                abort(400)
            chosen.setdefault(column, {})[value["nilai"]] = entry
    source = request.form.get("sumber", state.get("sumber", "")).strip()[:200]
    if source:
        save_mapping(state["jenis"], source, chosen, current_user.username, current_app.config["DATABASE_URL"])
    state.update(nilai=chosen, sumber=source)
    state.pop("tidak_dikenal")
    _start(job_id, state, survey=False)
    return redirect(url_for("imports.job", job_id=job_id))


@blueprint.route("/tugas/<int:job_id>/status")
@role_required(*IMPORTERS)
def job_status(job_id):
    """JSON state of a background import (polled by the page; any worker answers)."""
    state = _import_state(job_id)
    state.pop("berkas", None)  # the server's path of the upload is none of the page's business
    return jsonify(state)


@blueprint.route("/<int:impor_id>/ditolak.<fmt>")
@role_required(*IMPORTERS)
def rejects_report(impor_id, fmt):
    """Download the rejects report (CSV, or XLSX with a second sheet of warnings); audited."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    if import_kind(impor_id, current_app.config["DATABASE_URL"]) not in _allowed_kinds():
        abort(404)  # another role's file (child records: kesehatan); not even its existence
    header, rows, warned = rejects(impor_id, current_app.config["DATABASE_URL"], reader=current_user.username,
                                   wilayah=region_filter())
    record("unduh_laporan_tolak", "impor", impor_id, {"format": fmt, "baris": len(rows)})
    target = _work_dir() / f"laporan-{impor_id}-{secrets.token_hex(4)}.{fmt}"
    if fmt == "csv":
        write_csv(header, rows + warned, target)
    else:
        write_xlsx(header, rows, target, warned)
    data = target.read_bytes()
    target.unlink()
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename=impor-{impor_id}-ditolak.{fmt}"})


def init_app(app) -> None:
    """At start-up: jobs of processes that died are marked failed and their uploads deleted."""
    try:
        with app.app_context():
            orphaned = sweep_orphans(app.config["DATABASE_URL"], _work_dir())
    except psycopg.Error as exc:  # database down or not migrated yet: the app starts, the next start sweeps
        app.logger.warning("import jobs not swept at start-up: %s", exc)
        return
    if orphaned:
        app.logger.warning("import jobs of a stopped process marked failed: %s", ", ".join(map(str, orphaned)))
