"""Bookkeeping of analysis runs (table ``analisis_run``): start, finish, fail, latest."""
import json

from spatial.db import connect
from spatial.sqlfiles import fetch_value, run


def start_run(conn, jenis: str, parameter: dict, oleh: str = "sistem") -> int:
    """Insert a run row (status 'berjalan') and return its id."""
    return fetch_value(conn, "analysis/run_start",
                       {"jenis": jenis, "parameter": json.dumps(parameter, sort_keys=True), "oleh": oleh})


def finish_run(conn, run_id: int, ringkasan: dict) -> None:
    """Mark a run done with its summary."""
    run(conn, "analysis/run_finish",
                 {"id": run_id, "status": "selesai", "ringkasan": json.dumps(ringkasan, default=float)})


def fail_run(url: str | None, run_id: int, error: str) -> None:
    """Mark a run failed (own connection: the run's transaction has been rolled back)."""
    with connect(url) as conn:
        run(conn, "analysis/run_finish",
                     {"id": run_id, "status": "gagal", "ringkasan": json.dumps({"galat": error[:500]})})
