"""Spatial analyses (issues #4, #18). Each analysis is one module and a function of one kabupaten;
every run is a row of analisis_run for one kabupaten with its parameters, and its results are rows
keyed by that run id. A kabupaten's current result is its latest finished run of the kind
(SQL ``analisis_run_terkini``).

    from spatial.analysis import run_analysis, run_all, run_after_import
    run_analysis("kantong", {"eps_m": 250}, url=url, oleh="budi", kode_wilayah="18.04")
    run_all(url=url, kode_wilayah="18")          # each kabupaten of province 18, in parallel

Kinds (``ANALYSES``): kantong (poverty pockets), hotspot (Gi*), lisa (Local Moran), celah
(water/sanitation gaps), skor (RTLH scores), lokasi (siting; needs a celah run). A new analysis
registers an ``Analysis`` here; the runner (``spatial.analysis.runner``) does the rest.
"""
from dataclasses import dataclass
from collections.abc import Callable

from spatial.analysis import gaps, hotspots, pockets, results, scores, siting
from spatial.analysis.common import no_progress
from spatial.analysis.regions import kabupaten_of, requested_region
from spatial.analysis.runner import RunResult, execute, plan_runs
from spatial.db import connect
from spatial.errors import N_, InvalidInput

__all__ = ["ANALYSES", "ORDER", "Analysis", "RunResult", "plan", "requested_region", "results", "run",
           "run_analysis", "run_all", "run_after_import"]


def _as_given(params: dict) -> dict:
    return params


def _alone(_params: dict, _kabupaten: list) -> None:
    return None


@dataclass(frozen=True)
class Analysis:
    """One kind of analysis.

    - ``run(conn, run_id, params, kab, progress) -> summary``: compute the results of one
      kabupaten (``spatial.analysis.regions.Kabupaten``) for ``run_id`` in the transaction of
      ``conn``; ``progress(label, fraction)`` reports its steps;
    - ``defaults``: its parameters; ``prepare``: completes them before they are stored;
    - ``tables``: its result tables (keyed by ``run_id``; their rows are counted with the run);
    - ``needs``: kinds whose latest run of the same kabupaten it reads (they run first);
    - ``group_parameters(params, kabupaten)``: extra parameters when a run reads the ``needs`` of
      every kabupaten of the request (then it waits for all of them), else None.
    """
    jenis: str
    run: Callable
    defaults: dict
    prepare: Callable = _as_given
    tables: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    group_parameters: Callable = _alone


ANALYSES = {
    a.jenis: a for a in (
        Analysis(scores.JENIS, scores.run, scores.DEFAULTS, scores.resolved_parameters, ("skor_rtlh",)),
        Analysis(pockets.JENIS, pockets.run, pockets.DEFAULTS, pockets.checked_parameters, ("analisis_kantong",)),
        Analysis(hotspots.GISTAR, hotspots.run_gistar, hotspots.DEFAULTS_GISTAR, tables=("analisis_hotspot",)),
        Analysis(hotspots.LISA, hotspots.run_lisa, hotspots.DEFAULTS_LISA, tables=("analisis_lisa",)),
        Analysis(gaps.JENIS, gaps.run, gaps.DEFAULTS,
                 tables=("analisis_akses", "analisis_celah_klaster", "analisis_celah_desa")),
        Analysis(siting.JENIS, siting.run, siting.DEFAULTS, siting.checked_parameters, ("analisis_lokasi",),
                 needs=(gaps.JENIS,), group_parameters=siting.group_parameters),
    )
}
# Order in which a request lists its runs (siting reads the gaps run).
ORDER = tuple(ANALYSES)


def plan(kinds=ORDER, parameters: dict | None = None, kode_wilayah: str | None = None, url: str | None = None,
         oleh: str = "sistem", only: list[str] | None = None):
    """Queue the runs of a request (see ``runner.plan_runs``); InvalidInput on wrong parameters or
    a region without households."""
    return plan_runs(ANALYSES, kinds, parameters, kode_wilayah, url, oleh, only)


def run(planned, url: str | None = None, workers: int | None = None, progress_for=None) -> list[RunResult]:
    """Execute a plan (see ``runner.execute``)."""
    return execute(ANALYSES, planned, url, workers, progress_for)


def run_all(kinds=ORDER, url: str | None = None, oleh: str = "sistem", progress_for=None,
            kode_wilayah: str | None = None, parameters: dict | None = None, workers: int | None = None,
            only: list[str] | None = None) -> list[RunResult]:
    """Run ``kinds`` for every kabupaten of ``kode_wilayah`` (None: all with households) in
    parallel; ``parameters`` {jenis: {name: value}}. Failed runs are returned with status 'gagal'."""
    planned = plan(kinds, parameters, kode_wilayah, url, oleh, only)
    return run(planned, url, workers, progress_for)


def run_analysis(jenis: str, parameter: dict | None = None, url: str | None = None, oleh: str = "sistem",
                 progress=no_progress, kode_wilayah: str | None = None) -> RunResult:
    """Run one analysis for one kabupaten (``kode_wilayah``, or the only kabupaten with households);
    raises ValueError (InvalidInput) on wrong parameters or region and RuntimeError when the run failed."""
    with connect(url) as conn:
        kabupaten = kabupaten_of(conn, kode_wilayah)
    if len(kabupaten) != 1:
        raise InvalidInput(N_("Pilih satu kabupaten: %(kabupaten)s."),
                           kabupaten=", ".join(k.kode_kab for k in kabupaten))
    planned = plan((jenis,), {jenis: parameter or {}}, kabupaten[0].kode_kab, url, oleh)
    [result] = run(planned, url, 1, lambda _kab: lambda _jenis, label, fraction: progress(label, fraction or 1.0))
    if result.status != "selesai":
        raise RuntimeError(result.ringkasan["galat"])
    return result


def run_after_import(url: str | None = None, oleh: str = "impor") -> list[RunResult]:
    """Re-run every analysis with default parameters for the kabupaten whose data changed since
    their current runs (data fingerprint ``versi_data``), after households or facilities changed."""
    from spatial.analysis.changes import changed_kabupaten

    changed = changed_kabupaten(url, ORDER)
    return run_all(ORDER, url=url, oleh=oleh, only=changed) if changed else []
