"""Import household and facility files (the documented CSV format) into PostGIS.

Rows are streamed into a staging table with COPY, then parsed, located and upserted with
set-based SQL in one transaction: an import either lands whole or not at all.
"""
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from psycopg.types.json import Jsonb

from spatial.codelists import FACILITY_COLUMNS, HOUSEHOLD_COLUMNS
from spatial.db import connect
from spatial.sqlfiles import sql


@dataclass
class ImportResult:
    """Counts of one import."""
    import_id: int
    inserted: int
    updated: int
    unchanged: int


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_csv(conn, path: Path, table: str, columns: tuple) -> None:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader)]
        missing = [c for c in columns if c not in header]
        if missing:
            raise ValueError(f"{path.name}: kolom wajib tidak ada: {', '.join(missing)}")
        order = [header.index(c) for c in columns]
        statement = f"COPY {table} (urutan, {', '.join(columns)}) FROM STDIN"
        with conn.cursor().copy(statement) as copy:
            for number, row in enumerate(reader, start=1):
                copy.write_row([number] + [row[i] if i < len(row) else None for i in order])


def _run_import(path: Path, kind: str, stage, merge_sql: str, user: str, url: str | None) -> ImportResult:
    path = Path(path)
    with connect(url) as conn:
        conn.execute(sql("queries/import_stage.sql"))
        import_id = conn.execute(sql("queries/import_begin.sql"), {
            "jenis": kind, "nama_file": path.name, "sha256": file_sha256(path), "oleh": user}).fetchone()[0]
        stage(conn)
        inserted, updated, unchanged = conn.execute(sql(merge_sql)).fetchone()
        counts = {"ditambah": inserted, "diubah": updated, "tetap": unchanged}
        conn.execute(sql("queries/import_finish.sql"), {"status": "selesai", "jumlah": Jsonb(counts)})
    return ImportResult(import_id, inserted, updated, unchanged)


def import_households(path, user: str = "sistem", url: str | None = None) -> ImportResult:
    """Import a household CSV in the documented format; returns inserted/updated/unchanged counts."""
    def stage(conn):
        conn.execute(sql("queries/households_stage.sql"))
        _copy_csv(conn, Path(path), "rt_mentah", HOUSEHOLD_COLUMNS)
        conn.execute(sql("queries/households_parse.sql"))
        conn.execute(sql("queries/households_assign.sql"))
    return _run_import(path, "rumah_tangga", stage, "queries/households_merge.sql", user, url)


def import_facilities(path, user: str = "sistem", url: str | None = None) -> ImportResult:
    """Import a facility CSV in the documented format; returns inserted/updated/unchanged counts."""
    def stage(conn):
        conn.execute(sql("queries/facilities_stage.sql"))
        _copy_csv(conn, Path(path), "fas_mentah", FACILITY_COLUMNS)
    return _run_import(path, "fasilitas", stage, "queries/facilities_merge.sql", user, url)
