"""API of the spatial analyses (issue #4): results as RFC 7946 GeoJSON (latest successful run by
default, ``?run=ID`` for another), the list of runs, and starting a run (perencana/admin).
Everything here is aggregated: no NIK, names or household points."""
import logging
import threading

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from spatial.analysis import ANALYSES, begin_run, complete_run
from webgis.auth import authenticated, role_required
from webgis.database import fetch_all, fetch_one, fetch_value
from webgis.scope import region_params

blueprint = Blueprint("analysis_api", __name__, url_prefix="/api/analisis")

GEOJSON = "application/geo+json"
# Endpoint name -> (kind of run, query)
LAYERS = {
    "kantong": ("kantong", "analysis/geojson_kantong"),
    "hotspot": ("hotspot", "analysis/geojson_hotspot"),
    "lisa": ("lisa", "analysis/geojson_lisa"),
    "celah": ("celah", "analysis/geojson_celah_klaster"),
    "celah-desa": ("celah", "analysis/geojson_celah_desa"),
    "lokasi-usulan": ("lokasi", "analysis/geojson_lokasi"),
}
EMPTY = '{"type": "FeatureCollection", "run_id": null, "features": []}'
# Progress of runs started from the web in this process: run id -> {"langkah", "persen"}.
PROGRESS: dict[int, dict] = {}
LOG = logging.getLogger("sasaran.analysis")


def resolve_run(jenis: str) -> int | None:
    """``?run=ID`` when it is a finished run of ``jenis`` (404 otherwise), else the latest one."""
    wanted = request.args.get("run", type=int)
    if wanted is None:
        return fetch_value("analysis/run_latest", {"jenis": jenis})
    row = fetch_one("analysis/run_get", {"id": wanted})
    if not row or row["jenis"] != jenis or row["status"] != "selesai":
        abort(404)
    return wanted


def layer(name: str) -> Response:
    """The GeoJSON of one result layer (only the signed-in user's region when scoped)."""
    jenis, query = LAYERS[name]
    run_id = resolve_run(jenis)
    if run_id is None:
        return Response(EMPTY, mimetype=GEOJSON)
    body = fetch_value(query, {"run_id": run_id, "semua": request.args.get("semua") == "1", **region_params()})
    return Response(body, mimetype=GEOJSON)


def _register(name: str) -> None:
    def view():
        return layer(name)
    view.__doc__ = f"GeoJSON of analysis layer {name!r} (``?run=ID`` optional)."
    blueprint.add_url_rule(f"/{name}", f"layer_{name.replace('-', '_')}", view)


for _name in LAYERS:
    _register(_name)


@blueprint.route("/runs")
@authenticated
def runs():
    """Recent runs (``?jenis=`` filters), newest first, with parameters and summaries."""
    kinds = request.args.getlist("jenis") or list(ANALYSES)
    rows = fetch_all("analysis/run_list", {"jenis": kinds, "limit": min(request.args.get("limit", 50, type=int), 500)})
    for row in rows:
        row["progres"] = PROGRESS.get(row["id"]) if row["status"] == "berjalan" else None
    return jsonify(runs=rows)


@blueprint.route("/runs/<int:run_id>")
@authenticated
def run_status(run_id):
    """One run: status, parameters, summary, and progress while it runs."""
    row = fetch_one("analysis/run_get", {"id": run_id}) or abort(404)
    row["progres"] = PROGRESS.get(run_id) if row["status"] == "berjalan" else None
    return jsonify(row)


@blueprint.route("/<jenis>/jalankan", methods=["POST"])
@role_required("perencana")
def start(jenis):
    """Start a run with the given parameters (JSON body or form); 202 with the run id. It runs in
    the background; poll ``/api/analisis/runs/<id>`` for progress and status."""
    if jenis not in ANALYSES:
        abort(404)
    given = request.get_json(silent=True) if request.is_json else request.form.to_dict()
    given = {k: v for k, v in (given or {}).items() if k != "csrf_token"}
    url = current_app.config["DATABASE_URL"]
    try:
        run_id, params = begin_run(jenis, given, url, oleh=current_user.username)
    except (ValueError, TypeError) as exc:
        return jsonify(error=_("Parameter tidak valid: %(pesan)s", pesan=str(exc))), 400
    PROGRESS[run_id] = {"langkah": _("mulai"), "persen": 0}
    threading.Thread(target=_background, args=(jenis, run_id, params, url), daemon=True).start()
    return jsonify(run_id=run_id, jenis=jenis, status="berjalan", parameter=params), 202


def _background(jenis, run_id, params, url):
    def progress(label, fraction):
        PROGRESS[run_id] = {"langkah": label, "persen": round(100 * fraction)}
    try:
        complete_run(jenis, run_id, params, url, progress)
    except Exception:  # recorded in analisis_run (status gagal, ringkasan.galat)
        LOG.exception("analysis run %s failed", run_id)
    finally:
        PROGRESS.pop(run_id, None)

