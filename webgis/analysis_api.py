"""API of the spatial analyses (issues #4, #18): results as RFC 7946 GeoJSON (the current run of
every kabupaten of the user's region by default, ``?run=ID`` for one run), runs and groups of runs,
and starting runs (perencana/admin) for a kabupaten or a province (each of its kabupaten).
Everything here is aggregated: no NIK, names or household points."""
import logging
from contextlib import ExitStack

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask_login import current_user

from spatial import jobs
from spatial.analysis import ANALYSES, plan, requested_region, results, run
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
    """Recent runs concerning the user's region (``?jenis=`` filters), newest first."""
    kinds = [j for j in request.args.getlist("jenis") if j in ANALYSES] or list(ANALYSES)
    return jsonify(runs=call(results.recent_runs, kinds, region_filter(), int_arg("limit", 50, low=1, high=500)))


@blueprint.route("/runs/<int:run_id>")
@authenticated
def run_status(run_id):
    """One run: kabupaten, status, times, row counts, parameters, summary, progress while it runs."""
    return jsonify(call(results.get_run, run_id, region_filter()))


@blueprint.route("/kelompok/<int:kelompok>")
@authenticated
def group_status(kelompok):
    """The runs of one request (one per kind and kabupaten) with their progress."""
    return jsonify(call(results.group_runs, kelompok, region_filter()))


@blueprint.route("/<jenis>/jalankan", methods=["POST"])
@role_required("perencana")
def start(jenis):
    """Start the runs of ``jenis`` with the given parameters (JSON body or form) for a kabupaten or
    each kabupaten of a province (``kode_wilayah``; default the user's region); 202 with the group
    and its run ids. They run in the background; poll ``/api/analisis/kelompok/<n>``."""
    if jenis not in ANALYSES:
        abort(404)
    given = request.get_json(silent=True) if request.is_json else request.form.to_dict()
    given = {k: v for k, v in (given or {}).items() if k != "csrf_token"}
    region = requested_region(given.pop("kode_wilayah", None), region_filter())
    planned = start_runs(jenis, given, region, current_user.username)
    return jsonify(kelompok=planned.kelompok, run_id=planned.run_ids[0], status="antri",
                   runs=[{"run_id": t.run_id, "kode_kab": t.kab.kode_kab} for t in planned.tasks],
                   parameter=planned.tasks[0].params), 202


def start_runs(jenis: str, given: dict, region: str | None, oleh: str, only: list[str] | None = None):
    """Queue the runs of ``jenis`` for the kabupaten of ``region`` (or ``only`` these) and execute
    them in the background, each with its job row; returns the plan."""
    url = current_app.config["DATABASE_URL"]
    planned = plan((jenis,), {jenis: given}, region, url, oleh=oleh, only=only)
    job_ids = {t.run_id: call(jobs.create, "analisis", oleh,
                              {"jenis": jenis, "kode_kab": t.kab.kode_kab, "fase": "antri"}, run_id=t.run_id)
               for t in planned.tasks}
    jobs.start(_background, planned, url, job_ids, job_id=job_ids[planned.run_ids[0]])
    return planned


def _background(planned, url: str, job_ids: dict[int, int]) -> None:
    """Execute the runs of a request; the progress of each run, and how it ended, go to its job's row."""
    ids = {(t.kab.kode_kab, t.jenis): t.run_id for t in planned.tasks}
    reporters = {run_id: jobs.Progress(url, job_id) for run_id, job_id in job_ids.items()}

    def progress_for(kab):
        def report(jenis, label, fraction):
            run_id = ids[(kab.kode_kab, jenis)]
            if fraction is None:  # the run ended: 'selesai' or 'gagal', as the run records it
                jobs.save(url, job_ids[run_id], {"status": label, "persen": 100})
            else:
                reporters[run_id](label, 100 * fraction)
        return report
    with ExitStack() as beats:
        for job_id in job_ids.values():
            beats.enter_context(jobs.beating(url, job_id))
        try:
            run(planned, url, progress_for=progress_for)
        except Exception as exc:  # failures of single runs are recorded with them; this is anything else
            LOG.exception("analysis group %s failed", planned.kelompok)
            for job_id in job_ids.values():
                jobs.save(url, job_id, {"status": "gagal", "galat": f"{type(exc).__name__}: {exc}"})
