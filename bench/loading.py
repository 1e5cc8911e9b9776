"""Import and village assignment, each beside the tool a user would otherwise pick:
raw ``psql \\copy`` into a bare table, and a geopandas ``sjoin``."""
import csv
import subprocess
import time

import psycopg

from bench.common import Row, run_python, verdict
from spatial.sqlfiles import run

IMPORT_TARGET = 100_000  # rows/s at 1,000,000 households


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


def measure_import(url: str, folder) -> tuple[list, int]:
    """Import households (then facilities) with Sasaran's importer; rows/s vs psql \\copy."""
    households = folder / "households.csv"
    rows = count_rows(households)
    copy_s = psql_copy_seconds(url, households)
    _, peak, out = run_python(IMPORT_CODE, households, folder / "facilities.csv", url)
    seconds, inserted = float(out.split()[0]), int(out.split()[1])
    rate, copy_rate = rows / seconds, rows / copy_s
    return [Row("impor", f"rumah tangga ({rows:,} baris, termasuk penempatan desa), baris/s; puncak {peak:.0f} MB",
                f"{rate:,.0f}", f"psql \\copy {copy_rate:,.0f}", f"{rate / copy_rate:.2f}",
                f">= {IMPORT_TARGET:,}/s", verdict(rate >= IMPORT_TARGET))], inserted


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
