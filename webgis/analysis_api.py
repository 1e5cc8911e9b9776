"""API of the spatial analyses (issue #4): results as RFC 7946 GeoJSON (latest successful run by
default, ``?run=ID`` for another), the list of runs, and starting a run (perencana/admin).
Everything here is aggregated: no NIK, names or household points."""
import logging

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask_login import current_user

from spatial import jobs
from spatial.analysis import ANALYSES, begin_run, complete_run, results
from webgis.auth import authenticated, role_required
from webgis.database import call
from webgis.scope import region_filter
from webgis.params import int_arg

blueprint = Blueprint("analysis_api", __name__, url_prefix="/api/analisis")

GEOJSON = "application/geo+json"
LOG = logging.getLogger("sasaran.analysis")


def layer(name: str) -> Response:
    """The GeoJSON of one result layer (only the signed-in user's region when scoped)."""
    body = call(results.layer_geojson, name, int_arg("run", low=1),
                semua=request.args.get("semua") == "1", wilayah=region_filter())
    return Response(body, mimetype=GEOJSON)


def _register(name: str) -> None:
    def view():
        return layer(name)
    view.__doc__ = f"GeoJSON of analysis layer {name!r} (``?run=ID`` optional)."
    blueprint.add_url_rule(f"/{name}", f"layer_{name.replace('-', '_')}", view)


for _name in results.LAYERS:
    _register(_name)


@blueprint.route("/runs")
@authenticated
def runs():
    """Recent runs (``?jenis=`` filters), newest first, with parameters and summaries."""
    kinds = request.args.getlist("jenis") or list(ANALYSES)
    rows = call(results.recent_runs_with_progress, kinds, int_arg("limit", 50, low=1, high=500))
    return jsonify(runs=rows)


@blueprint.route("/runs/<int:run_id>")
@authenticated
def run_status(run_id):
    """One run: status, parameters, summary, and progress while it runs."""
    row = call(results.run_with_progress, run_id) or abort(404)
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
    run_id, params = begin_run(jenis, given, url, oleh=current_user.username)
    job_id = call(jobs.create, "analisis", current_user.username, {"jenis": jenis}, run_id=run_id)
    jobs.start(_background, jenis, run_id, params, url, job_id, job_id=job_id)
    return jsonify(run_id=run_id, jenis=jenis, status="berjalan", parameter=params), 202


def _background(jenis: str, run_id: int, params: dict, url: str, job_id: int) -> None:
    """Compute the run; its progress, and how it ended, go to its job's row."""
    progress = jobs.Progress(url, job_id)
    with jobs.beating(url, job_id):
        try:
            complete_run(jenis, run_id, params, url, lambda label, fraction: progress(label, 100 * fraction))
        except Exception as exc:  # recorded in analisis_run (status gagal, ringkasan.galat) and in the job
            LOG.exception("analysis run %s failed", run_id)
            jobs.save(url, job_id, {"status": "gagal", "galat": f"{type(exc).__name__}: {exc}"})
        else:
            jobs.save(url, job_id, {"status": "selesai", "persen": 100})
