"""Import and village assignment, each beside what it is measured against: the import against its
floor (raw ``psql \\copy`` of the file, then the households written as a plain table with the
indexes of ``rumah_tangga``, no check at all) and against ``ogr2ogr`` loading the same CSV as
points with a GiST index (what a GIS user would do instead, no validation); the village
assignment against a geopandas ``sjoin``."""
import csv
import os
import subprocess
import time

import psycopg

from bench.common import Row, run_measured, run_python, verdict
from spatial.sqlfiles import run

IMPORT_TARGET = 100_000  # rows/s at 1,000,000 households
FLOOR_TARGET = 0.5       # the import's rate at least this share of the floor's


def count_rows(path) -> int:
    """Data rows of a CSV file (header excluded)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def psql_copy_seconds(url: str, path) -> float:
    """Seconds for ``psql \\copy`` of the file into a bare all-text table (the floor of any import)."""
    with open(path, encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f'"{c.strip().lower()}" text' for c in header)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy_polos")
        conn.execute(f"CREATE TABLE bench_copy_polos ({columns})")
    started = time.perf_counter()
    subprocess.run(["psql", url, "-q", "-c", f"\\copy bench_copy_polos FROM '{path}' CSV HEADER"], check=True)
    seconds = time.perf_counter() - started
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE bench_copy_polos")
    return seconds


IMPORT_CODE = """
import sys, time
from spatial.importer.registry import import_households, import_facilities
t = time.perf_counter()
r = import_households(sys.argv[1], url=sys.argv[3])
print(time.perf_counter() - t, r.inserted)
import_facilities(sys.argv[2], url=sys.argv[3])
"""


# The imported households once more as a plain table, and the index definitions of their partition
# re-targeted to it (CREATE [UNIQUE] INDEX ON floor_copy ...).
FLOOR_TABLE = "CREATE TABLE floor_copy AS SELECT * FROM rumah_tangga"
FLOOR_INDEXES = """
SELECT replace(replace(i.indexdef, 'INDEX ' || i.indexname, 'INDEX'), i.schemaname || '.' || i.tablename, 'floor_copy')
  FROM pg_indexes i
 WHERE i.tablename = (SELECT c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
                       WHERE h.inhparent = 'rumah_tangga'::regclass ORDER BY c.reltuples DESC LIMIT 1)
"""


def floor_seconds(url: str) -> tuple[float, float, int]:
    """Seconds to write the imported households as a plain table and to build the indexes of
    rumah_tangga on it (and how many indexes); the table is dropped again."""
    with psycopg.connect(url, autocommit=True) as conn:
        started = time.perf_counter()
        conn.execute(FLOOR_TABLE)
        write_s = time.perf_counter() - started
        indexes = [row[0] for row in conn.execute(FLOOR_INDEXES)]
        started = time.perf_counter()
        for statement in indexes:
            conn.execute(statement)
        index_s = time.perf_counter() - started
        conn.execute("DROP TABLE floor_copy")
    return write_s, index_s, len(indexes)


def ogr2ogr_load_seconds(url: str, path) -> tuple[float, float]:
    """Seconds and peak MB of ``ogr2ogr -f PostgreSQL`` loading the CSV as points (longitude,
    latitude, EPSG:4326) into a new table with a GiST index, every column as text, no validation;
    the table is dropped again."""
    table = "bench_ogr2ogr_rumah_tangga"
    seconds, peak, _ = run_measured(["ogr2ogr", "-f", "PostgreSQL", "PG:" + url, str(path), "-nln", table,
                                     "-overwrite", "-oo", "X_POSSIBLE_NAMES=longitude", "-oo",
                                     "Y_POSSIBLE_NAMES=latitude", "-a_srs", "EPSG:4326", "-lco", "GEOMETRY_NAME=geom",
                                     "-lco", "SPATIAL_INDEX=GIST", "--config", "PG_USE_COPY", "YES"])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    return seconds, peak


def measure_import(url: str, folder) -> tuple[list, int]:
    """Import households (then facilities) with Sasaran's importer, every check done; rows/s beside
    raw psql \\copy, the floor (no check at all) and ogr2ogr, all in the same run."""
    households = folder / "households.csv"
    rows = count_rows(households)
    copy_s = psql_copy_seconds(url, households)
    ogr_s, ogr_peak = ogr2ogr_load_seconds(url, households)
    _, peak, out = run_python(IMPORT_CODE, households, folder / "facilities.csv", url)
    seconds, inserted = float(out.split()[0]), int(out.split()[1])
    write_s, index_s, indexes = floor_seconds(url)
    floor_s = copy_s + write_s + index_s
    rate = rows / seconds
    load = f"load average {os.getloadavg()[0]:.1f}"
    what = f"rumah tangga ({rows:,} baris, semua pemeriksaan dan penempatan desa), baris/s; puncak {peak:.0f} MB"
    return [Row("impor", what, f"{rate:,.0f}", f"psql \\copy {rows / copy_s:,.0f}", f"{copy_s / seconds:.2f}",
                f">= {IMPORT_TARGET:,}/s", verdict(rate >= IMPORT_TARGET)),
            Row("impor", f"terhadap lantai: \\copy {copy_s:.1f} s + tulis tabel {write_s:.1f} s + {indexes} indeks "
                f"{index_s:.1f} s, tanpa pemeriksaan; {load}", f"{seconds:.1f} s",
                f"lantai {floor_s:.1f} s ({rows / floor_s:,.0f}/s)", f"{floor_s / seconds:.2f}",
                f"laju >= {FLOOR_TARGET} x lantai", verdict(floor_s / seconds >= FLOOR_TARGET)),
            Row("impor", f"terhadap ogr2ogr -f PostgreSQL (titik + indeks GiST, kolom teks, tanpa validasi; "
                f"puncak {ogr_peak:.0f} MB); {load}", f"{seconds:.1f} s", f"ogr2ogr {ogr_s:.1f} s",
                f"{seconds / ogr_s:.2f}", "lebih cepat dari ogr2ogr", verdict(seconds < ogr_s))], inserted


# The importer's own location step (sql/queries/importer/locate.sql: declared village first, joined
# on its code so PostGIS reuses the prepared polygon, then a spatial look-up for the rest), fed with
# every located household as the importer's checked rows (imp_cek) would be.
STAGE_CHECKED = """
CREATE UNLOGGED TABLE imp_cek AS  -- as the importer's (rolled back below)
SELECT row_number() OVER ()::integer AS urutan, kode_desa_deklarasi, true AS desa_dikenal,
       ST_Y(geom) AS lat, ST_X(geom) AS lon, kode_desa AS tersimpan
FROM rumah_tangga WHERE kode_prov = '18' AND geom IS NOT NULL
"""
DISAGREE = """
SELECT count(*), count(*) FILTER (WHERE coalesce(t.kode_desa, c.kode_desa_deklarasi) IS DISTINCT FROM c.tersimpan)
FROM imp_cek c LEFT JOIN imp_tempat t USING (urutan)
"""


def assignment_seconds(url: str) -> tuple[float, int, int]:
    """Seconds of the importer's location step over every located household;
    (seconds, households, disagreements with the village stored by the import)."""
    with psycopg.connect(url) as conn:
        conn.execute(STAGE_CHECKED)
        conn.execute("ANALYZE imp_cek")
        started = time.perf_counter()
        run(conn, "importer/locate")
        seconds = time.perf_counter() - started
        located, differ = conn.execute(DISAGREE).fetchone()
        conn.rollback()
        return seconds, located, differ


SJOIN_CODE = """
import sys, time
import geopandas as gpd, pandas as pd
t0 = time.perf_counter()
villages = gpd.read_file(sys.argv[2])[["kode_desa", "geometry"]]
villages["geometry"] = villages.geometry.make_valid()
rows = pd.read_csv(sys.argv[1], dtype=str, usecols=["id_keluarga", "kode_desa", "latitude", "longitude"])
rows = rows.dropna(subset=["latitude", "longitude"])
points = gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(rows["longitude"].astype(float),
                                                            rows["latitude"].astype(float)), crs=4326)
t = time.perf_counter()
hits = gpd.sjoin(points, villages.rename(columns={"kode_desa": "hit"}), predicate="intersects", how="left")
hits["prefer"] = hits["hit"] != hits["kode_desa"]
hits.sort_values(["id_keluarga", "prefer", "hit"]).drop_duplicates("id_keluarga")
print(time.perf_counter() - t, len(points), t - t0)
"""


def measure_assignment(url: str, folder, boundaries) -> list:
    """Village assignment of all households by the importer's SQL vs geopandas sjoin in memory."""
    _, peak, out = run_python(SJOIN_CODE, folder / "households.csv", boundaries)
    sjoin_s, read_s = float(out.split()[0]), float(out.split()[2])
    seconds, located, differ = assignment_seconds(url)
    return [Row("penempatan desa", f"titik dalam poligon (importer/locate.sql, desa_bagian), {located:,} rumah "
                f"tangga ber-GPS, detik; {differ} beda dari hasil impor", f"{seconds:.1f}",
                f"geopandas sjoin {sjoin_s:.1f} (+{read_s:.1f} baca CSV+poligon, {peak:.0f} MB)",
                f"{seconds / sjoin_s:.2f}", "rasio <= 1", verdict(seconds <= sjoin_s))]
