"""Spatial analyses (issue #4). Each analysis is one module; every run is a row of analisis_run
with its parameters, and its results are rows keyed by that run id.

    from spatial.analysis import run_analysis, run_after_import
    run_analysis("kantong", {"eps_m": 250}, url=url, oleh="budi")

Kinds (``ANALYSES``): kantong (poverty pockets), hotspot (Gi*), lisa (Local Moran), celah
(water/sanitation gaps), skor (RTLH scores), lokasi (siting; needs a celah run).
"""
from dataclasses import dataclass
from collections.abc import Callable

from spatial.analysis import gaps, hotspots, pockets, scores, siting
from spatial.analysis.common import merge_parameters, no_progress
from spatial.analysis.runs import fail_run, finish_run, start_run
from spatial.db import connect


def _as_given(params: dict) -> dict:
    return params


@dataclass(frozen=True)
class Analysis:
    """One kind of analysis: its run function, its default parameters, and how the parameters are
    completed before they are stored (e.g. the RTLH config file is copied into them)."""
    jenis: str
    run: Callable
    defaults: dict
    prepare: Callable = _as_given


ANALYSES = {
    a.jenis: a for a in (
        Analysis(pockets.JENIS, pockets.run, pockets.DEFAULTS, pockets.checked_parameters),
        Analysis(hotspots.GISTAR, hotspots.run_gistar, hotspots.DEFAULTS_GISTAR),
        Analysis(hotspots.LISA, hotspots.run_lisa, hotspots.DEFAULTS_LISA),
        Analysis(gaps.JENIS, gaps.run, gaps.DEFAULTS),
        Analysis(scores.JENIS, scores.run, scores.DEFAULTS, scores.resolved_parameters),
        Analysis(siting.JENIS, siting.run, siting.DEFAULTS, siting.checked_parameters),
    )
}
# Order in which "all" runs them (siting reads the gaps run).
ORDER = ("skor", "kantong", "hotspot", "lisa", "celah", "lokasi")
# After an import of households or facilities, these are re-run with default parameters.
AFTER_IMPORT = ORDER


@dataclass
class RunResult:
    """What a run produced: its id, kind, stored parameters and summary."""
    run_id: int
    jenis: str
    parameter: dict
    ringkasan: dict


def begin_run(jenis: str, parameter: dict | None = None, url: str | None = None,
              oleh: str = "sistem") -> tuple[int, dict]:
    """Check the parameters (InvalidInput naming the wrong one) and record a run 'berjalan'; returns
    its id and the parameters as stored."""
    analysis = ANALYSES[jenis]
    params = analysis.prepare(merge_parameters(analysis.defaults, parameter))
    with connect(url) as conn:
        run_id = start_run(conn, jenis, params, oleh)
    return run_id, params


def complete_run(jenis: str, run_id: int, params: dict, url: str | None = None, progress=no_progress) -> dict:
    """Compute a recorded run, store results and summary in one transaction; returns the summary.
    On failure the run is marked 'gagal' with the error and the exception re-raised."""
    try:
        with connect(url) as conn:
            summary = ANALYSES[jenis].run(conn, run_id, params, progress)
            finish_run(conn, run_id, summary)
    except Exception as exc:
        fail_run(url, run_id, f"{type(exc).__name__}: {exc}")
        raise
    return summary


def run_analysis(jenis: str, parameter: dict | None = None, url: str | None = None, oleh: str = "sistem",
                 progress=no_progress) -> RunResult:
    """Run one analysis (begin_run + complete_run)."""
    run_id, params = begin_run(jenis, parameter, url, oleh)
    return RunResult(run_id, jenis, params, complete_run(jenis, run_id, params, url, progress))


def run_all(kinds=ORDER, url: str | None = None, oleh: str = "sistem", progress_for=None) -> list[RunResult]:
    """Run several analyses in dependency order with default parameters.
    ``progress_for(jenis)`` returns the progress callback of each run."""
    return [run_analysis(j, None, url, oleh, progress_for(j) if progress_for else no_progress)
            for j in ORDER if j in kinds]


def run_after_import(url: str | None = None, oleh: str = "impor") -> list[RunResult]:
    """Re-run every analysis with default parameters after households or facilities changed.
    The importer calls this once an import has been committed."""
    return run_all(AFTER_IMPORT, url=url, oleh=oleh)
