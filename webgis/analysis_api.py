"""API of the spatial analyses (issue #4): results as RFC 7946 GeoJSON (latest successful run by
default, ``?run=ID`` for another), the list of runs, and starting a run (perencana/admin).
Everything here is aggregated: no NIK, names or household points."""
import logging
import threading

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from spatial.analysis import ANALYSES, begin_run, complete_run, results
from webgis.auth import authenticated, role_required
from webgis.database import call
from webgis.scope import region_filter
from webgis.params import int_arg

blueprint = Blueprint("analysis_api", __name__, url_prefix="/api/analisis")

GEOJSON = "application/geo+json"
# Progress of runs started from the web in this process: run id -> {"langkah", "persen"}.
PROGRESS: dict[int, dict] = {}
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
    rows = call(results.recent_runs, kinds, int_arg("limit", 50, low=1, high=500))
    for row in rows:
        row["progres"] = PROGRESS.get(row["id"]) if row["status"] == "berjalan" else None
    return jsonify(runs=rows)


@blueprint.route("/runs/<int:run_id>")
@authenticated
def run_status(run_id):
    """One run: status, parameters, summary, and progress while it runs."""
    row = call(results.get_run, run_id) or abort(404)
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
    run_id, params = begin_run(jenis, given, url, oleh=current_user.username)
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

