"""Background jobs (imports, analysis runs) as rows of table ``tugas``, so that whichever web
worker answers a poll reads the same progress.

A job's state is a small dict: ``status`` ('berjalan', 'pemetaan' = waiting for the user's value
mapping, 'selesai', 'gagal'), ``fase`` and ``persen`` while it runs, ``galat`` when it failed, and
whatever else the feature keeps (file name, options, result). ``save`` writes it (status, phase,
percent and error also as columns, for queries); ``state`` reads it back. ``Progress`` is the
callback the work reports to (written at most a few times a second); ``beating`` touches
``detak_pada`` every ``HEARTBEAT_S`` seconds while the work runs, so a job still 'berjalan' whose
heartbeat is old lost its process (worker restarted, server stopped): ``stale`` lists those
orphans with their ``host``, ``pid`` and uploaded ``berkas`` for a clean-up.
"""
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from spatial.db import connect
from spatial.sqlfiles import Connection, fetch_all, fetch_one, fetch_value, run

HEARTBEAT_S = 15.0
STALE_AFTER_S = 4 * HEARTBEAT_S
REPORT_EVERY_S = 0.25
COLUMNS = ("status", "fase", "persen", "galat")


def create(conn: Connection, jenis: str, oleh: str, state: dict | None = None, run_id: int | None = None,
           berkas: str | None = None) -> int:
    """A new job 'berjalan' of this process (``jenis``: 'impor' or 'analisis'); returns its id."""
    return fetch_value(conn, "jobs/create", {
        "jenis": jenis, "keterangan": Jsonb(_rest(state or {})), "oleh": oleh, "run_id": run_id,
        "berkas": berkas, "host": socket.gethostname(), "pid": os.getpid()})


def _rest(state: dict) -> dict:
    return {key: value for key, value in state.items() if key not in COLUMNS}


def save(url: str | None, job_id: int, state: dict) -> None:
    """Write the job's state (own short transaction, committed at once; also a heartbeat)."""
    with connect(url, autocommit=True) as conn:
        run(conn, "jobs/save", {
            "id": job_id, "status": state.get("status", "berjalan"), "fase": state.get("fase"),
            "persen": max(0, min(100, round(state.get("persen") or 0))), "galat": state.get("galat"),
            "keterangan": Jsonb(_rest(state))})


def get(conn: Connection, job_id: int) -> dict[str, Any] | None:
    """The job's row: jenis, oleh, status, fase, persen, galat, keterangan, run_id, berkas, host, pid,
    times."""
    return fetch_one(conn, "jobs/get", {"id": job_id})


def state(job: dict[str, Any]) -> dict[str, Any]:
    """The state dict of a job row (as last saved)."""
    return {**job["keterangan"], **{column: job[column] for column in COLUMNS}}


def of_runs(conn: Connection, run_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The jobs of analysis runs, by run id."""
    return {row["run_id"]: row for row in fetch_all(conn, "jobs/of_runs", {"run_ids": run_ids})}


def stale(conn: Connection, seconds: float = STALE_AFTER_S) -> list[dict[str, Any]]:
    """Orphaned jobs: 'berjalan' without a heartbeat for ``seconds``."""
    return fetch_all(conn, "jobs/stale", {"detik": seconds})


class Progress:
    """Progress callback of a running job: ``progress(fase, persen)`` updates ``state`` and writes
    it when the phase changes, else at most every ``REPORT_EVERY_S`` seconds (the final state is
    written by whoever ends the job)."""

    def __init__(self, url: str | None, job_id: int, job_state: dict | None = None):
        self.url, self.job_id, self.last = url, job_id, 0.0
        self.state = job_state if job_state is not None else {"status": "berjalan"}

    def __call__(self, fase: str, persen: float) -> None:
        new_phase = fase != self.state.get("fase")
        self.state.update(fase=fase, persen=persen)
        now = time.monotonic()
        if new_phase or now - self.last >= REPORT_EVERY_S:
            self.last = now
            save(self.url, self.job_id, self.state)


def _beat(url: str | None, job_id: int, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_S):
        try:
            with connect(url, autocommit=True) as conn:
                run(conn, "jobs/heartbeat", {"id": job_id})
        except psycopg.OperationalError:  # the database is away for a moment: the next beat tries again
            continue


@contextmanager
def beating(url: str | None, job_id: int) -> Iterator[None]:
    """Keep the job's heartbeat while the block runs (a thread beside the work)."""
    stop = threading.Event()
    threading.Thread(target=_beat, args=(url, job_id, stop), daemon=True, name=f"detak-{job_id}").start()
    try:
        yield
    finally:
        stop.set()


def start(target: Callable[..., None], *args: Any, job_id: int) -> threading.Thread:
    """Run ``target(*args)`` in a background thread of this process, named after the job."""
    thread = threading.Thread(target=target, args=args, daemon=True, name=f"tugas-{job_id}")
    thread.start()
    return thread
