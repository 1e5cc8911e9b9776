"""Bookkeeping of analysis runs (table ``analisis_run``): one row per kind and kabupaten, queued
when requested, started and finished with the real clock time, its row counts and data fingerprint."""
import json

from psycopg import sql as psql

from spatial import sqlfiles
from spatial.db import connect

def new_group(conn) -> int:
    """A fresh group number for the runs of one request (``analisis_run.kelompok``)."""
    return sqlfiles.fetch_value(conn, "analysis/run_group")


def queue_run(conn, jenis: str, parameter: dict, kode_kab: str, kelompok: int, oleh: str,
              versi_data: str | None) -> int:
    """Insert a run row (status 'antri') for one kabupaten and return its id."""
    return sqlfiles.fetch_value(conn, "analysis/run_queue", {
        "jenis": jenis, "parameter": json.dumps(parameter, sort_keys=True), "kode_wilayah": kode_kab,
        "kelompok": kelompok, "oleh": oleh, "versi_data": versi_data})


def start_run(url: str | None, run_id: int) -> None:
    """Mark a queued run 'berjalan' from now (own, committed transaction: others see it running)."""
    with connect(url) as conn:
        sqlfiles.run(conn, "analysis/run_begin", {"id": run_id})


def count_rows(conn, run_id: int, tables: tuple[str, ...]) -> dict:
    """Rows each result table holds for ``run_id`` (table names come from the analyses' code)."""
    counts: dict[str, int] = {}
    for table in tables:
        query = sqlfiles.composed("analysis/run_rows", table=psql.Identifier(table))
        counts[table] = conn.execute(query, {"run_id": run_id}).fetchone()[0]
    return counts


def finish_run(conn, run_id: int, ringkasan: dict, baris: dict) -> None:
    """Mark a run done now, with its summary and row counts (in the run's own transaction)."""
    sqlfiles.run(conn, "analysis/run_finish", {
        "id": run_id, "status": "selesai", "ringkasan": json.dumps(ringkasan, default=float),
        "baris": json.dumps(baris)})


def fail_run(url: str | None, run_id: int, error: str) -> None:
    """Mark a run failed now (own connection: the run's transaction has been rolled back)."""
    with connect(url) as conn:
        sqlfiles.run(conn, "analysis/run_finish", {
            "id": run_id, "status": "gagal", "ringkasan": json.dumps({"galat": error[:500]}), "baris": "{}"})
