"""Runs analyses per kabupaten, in parallel.

An analysis is a function of one kabupaten: ``run(conn, run_id, params, kab, progress) -> summary``
(see ``spatial.analysis.Analysis``). A request (kinds, parameters, a region) becomes a plan: one
queued ``analisis_run`` row per kind and kabupaten, all sharing a group number. The plan is then
executed by a pool of workers (threads: the heavy work happens inside PostgreSQL, one connection
each): a run starts once the runs it reads are done (siting reads the gaps run of its kabupaten,
or of every kabupaten of the request when a province total is split), larger kabupaten first.
Each run computes in one transaction (runs of the same kind and kabupaten from two requests take
turns); a failed run is recorded 'gagal' and the runs that needed it are not started (recorded
'gagal' too), the others go on.
"""
import logging
import os
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from collections.abc import Callable

from spatial import settings, sqlfiles
from spatial.analysis.common import merge_parameters, no_progress
from spatial.analysis.regions import Kabupaten, kabupaten_of
from spatial.analysis.runs import count_rows, fail_run, finish_run, new_group, queue_run, start_run
from spatial.db import connect
from spatial.errors import SasaranError

# Border context reaches this far (metres): 2 x the DBSCAN radius of pockets with the default
# parameters and the service radius of facilities; the data fingerprint covers the villages of
# other kabupaten within it.
CONTEXT_M = 500.0

LOG = logging.getLogger(__name__)


def default_workers() -> int:
    """Parallel runs: the setting ``SASARAN_ANALISIS_PARALEL``, else the number of CPU cores."""
    return settings.current().analysis_workers or os.cpu_count() or 1


@dataclass(frozen=True)
class RunResult:
    """What a run produced: its id, kind, kabupaten, stored parameters, status and summary."""
    run_id: int
    jenis: str
    kode_kab: str
    parameter: dict
    status: str
    ringkasan: dict


@dataclass(eq=False)
class Task:
    """One queued run of a plan."""
    run_id: int
    jenis: str
    kab: Kabupaten
    params: dict
    waits_for: list = field(default_factory=list)
    result: RunResult | None = None


@dataclass
class Plan:
    """The runs of one request, in the order they may start."""
    kelompok: int
    tasks: list[Task]
    kabupaten: list[Kabupaten]

    @property
    def run_ids(self) -> list[int]:
        return [t.run_id for t in self.tasks]


def data_versions(conn, codes: list[str]) -> dict[str, str]:
    """Fingerprint of the data each kabupaten's analyses read (query analysis/data_versions)."""
    rows = sqlfiles.fetch_all(conn, "analysis/data_versions", {"kode_kab": codes, "jarak_m": CONTEXT_M})
    return {r["kode_kab"]: r["versi_data"] for r in rows}


def plan_runs(analyses: dict, kinds, parameters: dict | None = None, kode_wilayah: str | None = None,
              url: str | None = None, oleh: str = "sistem", only: list[str] | None = None) -> Plan:
    """Check the parameters (ValueError before anything is recorded), list the kabupaten of the
    region (or ``only`` these codes) and queue one run per kind (in ``analyses`` order) and kabupaten.
    ``parameters``: {jenis: {name: value}}."""
    parameters = parameters or {}
    kinds = [j for j in analyses if j in kinds]
    with connect(url) as conn:
        kabupaten = kabupaten_of(conn, kode_wilayah)
        if only is not None:
            kabupaten = [k for k in kabupaten if k.kode_kab in only]
        prepared = {j: analyses[j].prepare(merge_parameters(analyses[j].defaults, parameters.get(j))) for j in kinds}
        versions = data_versions(conn, [k.kode_kab for k in kabupaten])
        kelompok = new_group(conn)
        tasks: list[Task] = []
        by_key: dict[tuple[str, str], Task] = {}
        for jenis in kinds:
            analysis = analyses[jenis]
            extra = analysis.group_parameters(prepared[jenis], kabupaten)
            params = {**prepared[jenis], **(extra or {})}
            for kab in kabupaten:
                run_id = queue_run(conn, jenis, params, kab.kode_kab, kelompok, oleh, versions.get(kab.kode_kab))
                read = kabupaten if extra else [kab]
                task = Task(run_id, jenis, kab, params, [by_key[(need, other.kode_kab)] for need in analysis.needs
                                                         for other in read if (need, other.kode_kab) in by_key])
                tasks.append(task)
                by_key[(jenis, kab.kode_kab)] = task
    order = {k.kode_kab: n for n, k in enumerate(kabupaten)}
    tasks.sort(key=lambda t: (order[t.kab.kode_kab], kinds.index(t.jenis)))
    return Plan(kelompok, tasks, kabupaten)


def run_task(analysis, task: Task, url: str | None, progress=no_progress) -> RunResult:
    """Compute one queued run in one transaction and record it; a failure is recorded 'gagal' with
    the error (and returned, not raised): a refusal of the error model by its message, anything
    else by its class and message, with the traceback in the log."""
    start_run(url, task.run_id)
    try:
        with connect(url) as conn:
            sqlfiles.run(conn, "analysis/run_lock", {"jenis": task.jenis, "kode_kab": task.kab.kode_kab})
            summary = analysis.run(conn, task.run_id, task.params, task.kab, progress)
            finish_run(conn, task.run_id, summary,
                       {"rumah_tangga": task.kab.rumah_tangga, **count_rows(conn, task.run_id, analysis.tables)})
    except Exception as exc:  # noqa: BLE001 - recorded with the run; the caller decides what to raise
        if isinstance(exc, SasaranError):
            error = str(exc)
        else:
            LOG.exception("analysis run %s (%s, %s) failed", task.run_id, task.jenis, task.kab.kode_kab)
            error = f"{type(exc).__name__}: {exc}"
        fail_run(url, task.run_id, error)
        return RunResult(task.run_id, task.jenis, task.kab.kode_kab, task.params, "gagal", {"galat": error})
    return RunResult(task.run_id, task.jenis, task.kab.kode_kab, task.params, "selesai", summary)


def _skip(task: Task, url: str | None) -> RunResult:
    failed = next(w for w in task.waits_for if w.result.status != "selesai")
    error = f"tidak dijalankan: analisis {failed.jenis} {failed.kab.kode_kab} (run {failed.run_id}) gagal"
    fail_run(url, task.run_id, error)
    return RunResult(task.run_id, task.jenis, task.kab.kode_kab, task.params, "gagal", {"galat": error})


def execute(analyses: dict, plan: Plan, url: str | None = None, workers: int | None = None,
            progress_for: Callable | None = None) -> list[RunResult]:
    """Run the plan with ``workers`` parallel runs (default ``default_workers()``); returns the
    results in plan order. ``progress_for(kab)`` gives the callback ``(jenis, label, fraction)``
    of a kabupaten's runs (``fraction`` None: that run has ended)."""
    workers = workers or default_workers()
    pending = list(plan.tasks)
    running: dict[Future, Task] = {}

    def report(task: Task):
        callback = progress_for(task.kab) if progress_for else None
        return (lambda label, fraction: callback(task.jenis, label, fraction)) if callback else no_progress

    def finished(task: Task, result: RunResult) -> None:
        task.result = result
        report(task)(result.status, None)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="analisis") as pool:
        while pending or running:
            for task in [t for t in pending if all(w.result for w in t.waits_for)]:
                if any(w.result.status != "selesai" for w in task.waits_for):
                    pending.remove(task)
                    finished(task, _skip(task, url))
                elif len(running) < workers:
                    pending.remove(task)
                    running[pool.submit(run_task, analyses[task.jenis], task, url, report(task))] = task
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                finished(running.pop(future), future.result())
    return [t.result for t in plan.tasks if t.result is not None]
