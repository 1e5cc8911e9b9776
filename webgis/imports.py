"""Impor Data: upload household/facility files (admin, perkim), value mapping, progress, summary,
rejects report.

The upload is checked at once (size, real type, header). A background thread then reads the
file's code-list values (spatial.importer.registry.survey_values); when some match no entry, the job
stops at the value-mapping step: the user maps each distinct unknown value (with its count) to an
entry or to "kosong", the choice is saved for the import source and offered for its next file,
and the import runs. Jobs write their state to a small JSON file that any worker process can
serve to the page polling it.
"""
import json
import logging
import os
import secrets
import threading
import time
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from spatial.importer.jobs import sweep_orphans, write_job
from spatial.importer.columns import FACILITIES, HOUSEHOLDS, ImportFileError, read_mapping_file
from spatial.importer.registry import import_facilities, import_households, overall_percent, survey_values
from spatial.importer.report import history, rejects, write_csv, write_xlsx
from spatial.importer.source import inspect
from spatial.importer.sources import offered, save_mapping, sources
from spatial.vocabulary import vocabularies
from webgis.audit import record
from webgis.auth import role_required
from webgis.scope import region_filter

blueprint = Blueprint("imports", __name__, url_prefix="/impor")
LOG = logging.getLogger("sasaran.impor")
KINDS = {"rumah_tangga": (HOUSEHOLDS, import_households), "fasilitas": (FACILITIES, import_facilities)}
MAX_MAPPING_BYTES = 1 << 20


def _work_dir() -> Path:
    folder = Path(current_app.config["IMPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _job_path(folder: Path, job_id: str) -> Path:
    if not job_id.isalnum():
        abort(404)
    return folder / f"{job_id}.json"


class _JobProgress:
    """Progress callback of a background import: percent and phase into the job file (at most 4×/s)."""

    def __init__(self, path: Path, state: dict):
        self.path, self.state, self.last = path, state, 0.0

    def __call__(self, phase, done, total):
        self.state.update(fase=phase, persen=overall_percent(phase, done, total))
        now = time.monotonic()
        if now - self.last > 0.25:
            self.last = now
            write_job(self.path, self.state)


def _run_job(path: Path, state: dict, upload: Path, url: str, survey: bool) -> None:
    """The background part of an import: read the values first (``survey``; stop at the mapping
    step when some are unknown), then import with the options and value mapping in ``state``."""
    function = KINDS[state["jenis"]][1]
    options = dict(state["opsi"], url=url, values=state.get("nilai") or None)
    keep_upload = False
    try:
        if survey:
            found = survey_values(upload, state["jenis"], url, mapping=options["mapping"], name=options["name"],
                                  progress=_JobProgress(path, state)).unknown()
            if found:
                state.update(status="pemetaan", persen=100, tidak_dikenal=found)
                keep_upload = True
                return
        result = function(upload, progress=_JobProgress(path, state), analyse=True, **options)
        state.update(status="selesai", persen=100, impor_id=result.import_id, hasil=result.counts(),
                     uji_coba=result.dry_run)
    except ImportFileError as exc:
        state.update(status="gagal", galat=str(exc))
    except Exception:  # the database rolled everything back; the details go to the log, not the page
        LOG.exception("import job %s failed", path.stem)
        state.update(status="gagal", galat=_("Impor gagal karena kesalahan pada server; tidak ada data yang diubah. "
                                             "Hubungi admin dengan kode tugas %(kode)s.", kode=path.stem))
    finally:
        if not keep_upload:
            upload.unlink(missing_ok=True)
        write_job(path, state)


def _start(path: Path, state: dict, survey: bool) -> None:
    state.update(status="berjalan", fase="membaca", persen=0, pid=os.getpid())  # pid: see sweep_orphans
    write_job(path, state)
    threading.Thread(target=_run_job, args=(path, state, Path(state["berkas"]), current_app.config["DATABASE_URL"],
                                            survey), daemon=True).start()


@blueprint.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    flash(_("Berkas terlalu besar (batas %(mb)s MB). Pecah berkas atau hubungi admin.", mb=limit // (1 << 20)),
          "danger")
    return redirect(url_for("imports.index"))


@blueprint.route("/", methods=["GET"])
@role_required("perkim")
def index():
    """Upload form and the import history."""
    url = current_app.config["DATABASE_URL"]
    return render_template("imports/index.html", imports=history(url, limit=30),
                           sources={kind: [s["nama"] for s in sources(kind, url)] for kind in KINDS})


@blueprint.route("/", methods=["POST"])
@role_required("perkim")
def upload():
    """Check the upload at once (size, real type, header), then import it in the background."""
    kind = request.form.get("jenis", "rumah_tangga")
    if kind not in KINDS:
        abort(400)
    schema = KINDS[kind][0]
    uploaded = request.files.get("berkas")
    if uploaded is None or not uploaded.filename:
        flash(_("Pilih berkas CSV atau XLSX terlebih dahulu."), "warning")
        return redirect(url_for("imports.index"))
    folder = _work_dir()
    job_id = secrets.token_hex(8)
    name = secure_filename(uploaded.filename) or "unggahan"
    target = folder / f"{job_id}-{name}"
    uploaded.save(target)
    try:
        mapping = _mapping(request.files.get("pemetaan"), folder, job_id)
        inspect(target, schema, mapping, name=uploaded.filename)
    except ImportFileError:
        target.unlink(missing_ok=True)
        raise
    options = {"user": current_user.username, "name": uploaded.filename, "mapping": mapping,
               "dry_run": bool(request.form.get("uji_coba")), "allow_moves": bool(request.form.get("izinkan_pindah"))}
    options["wilayah"] = region_filter()
    if kind == "rumah_tangga":
        options["mark_inactive"] = bool(request.form.get("tandai_nonaktif"))
        confirmed = request.form.get("konfirmasi_nonaktif", "").replace(".", "").strip()
        options["confirm_deactivate"] = int(confirmed) if confirmed.isdigit() else None
    state = {"jenis": kind, "nama_file": uploaded.filename, "oleh": current_user.username, "opsi": options,
             "sumber": request.form.get("sumber", "").strip()[:200], "berkas": str(target)}
    _start(_job_path(folder, job_id), state, survey=True)
    return redirect(url_for("imports.job", job_id=job_id))


def _mapping(storage, folder: Path, job_id: str) -> dict | None:
    if storage is None or not storage.filename:
        return None
    suffix = ".json" if storage.filename.lower().endswith(".json") else ".csv"
    path = folder / f"{job_id}-pemetaan{suffix}"
    storage.save(path)
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise ImportFileError(_("Berkas pemetaan terlalu besar."))
        return read_mapping_file(path)
    finally:
        path.unlink(missing_ok=True)


@blueprint.route("/tugas/<job_id>")
@role_required("perkim")
def job(job_id):
    """Progress and summary of a background import."""
    if not _job_path(_work_dir(), job_id).exists():
        abort(404)
    return render_template("imports/job.html", job_id=job_id)


def _own_job(job_id: str) -> tuple[Path, dict]:
    """A job of the signed-in user waiting at the value-mapping step (404 otherwise)."""
    path = _job_path(_work_dir(), job_id)
    if not path.exists():
        abort(404)
    state = json.loads(path.read_text(encoding="utf-8"))
    if state.get("status") != "pemetaan" or state.get("oleh") != current_user.username:
        abort(404)
    return path, state


@blueprint.route("/tugas/<job_id>/nilai", methods=["GET"])
@role_required("perkim")
def values_form(job_id):
    """The value-mapping step: every distinct value no entry matched, with its row count, to map
    to an entry or to kosong; the source's saved mapping (and otherwise the suggestion) is offered."""
    _, state = _own_job(job_id)
    saved = offered(state["jenis"], state.get("sumber"), state["tidak_dikenal"], current_app.config["DATABASE_URL"])
    entries = {column: vocabulary.entries for column, vocabulary in vocabularies(state["jenis"]).items()}
    return render_template("imports/values.html", job_id=job_id, state=state, saved=saved, entries=entries)


@blueprint.route("/tugas/<job_id>/nilai", methods=["POST"])
@role_required("perkim")
def values_submit(job_id):
    """Take the user's value mapping, save it for the import source, and run the import."""
    path, state = _own_job(job_id)
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
    _start(path, state, survey=False)
    return redirect(url_for("imports.job", job_id=job_id))


@blueprint.route("/tugas/<job_id>/status")
@role_required("perkim")
def job_status(job_id):
    """JSON state of a background import (polled by the page)."""
    path = _job_path(_work_dir(), job_id)
    if not path.exists():
        abort(404)
    state = json.loads(path.read_text(encoding="utf-8"))
    state.pop("berkas", None)  # the server's path of the upload is none of the page's business
    return jsonify(state)


@blueprint.route("/<int:impor_id>/ditolak.<fmt>")
@role_required("perkim")
def rejects_report(impor_id, fmt):
    """Download the rejects report (CSV, or XLSX with a second sheet of warnings); audited."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
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
    with app.app_context():
        orphaned = sweep_orphans(_work_dir())
    if orphaned:
        app.logger.warning("import jobs of a stopped process marked failed: %s", ", ".join(orphaned))
