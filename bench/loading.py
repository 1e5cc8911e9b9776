"""Import and village assignment, each beside the tool a user would otherwise pick:
raw ``psql \\copy`` into a bare table, and a geopandas ``sjoin``."""
import csv
import subprocess
import time

import psycopg

from bench.common import Row, run_python, verdict

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
from spatial.registry_import import import_households, import_facilities
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


# The documented assignment rule (README, "Village assignment rule") over every located household
# on the ST_Subdivide'd villages (desa_bagian), in two forms; each also counts disagreements with
# the village stored by the import. Per point: one index probe per household (as the importer does).
ASSIGN_PER_POINT = """
SELECT count(*), count(*) FILTER (WHERE hit IS DISTINCT FROM stored) FROM (
    SELECT r.kode_desa AS stored,
           (SELECT b.kode_desa FROM desa_bagian b WHERE ST_Intersects(b.geom, r.geom)
             ORDER BY (b.kode_desa = r.kode_desa_deklarasi) DESC, b.kode_desa LIMIT 1) AS hit
    FROM rumah_tangga r
    WHERE r.kode_prov = '18' AND r.geom IS NOT NULL AND r.kualitas_lokasi <> 'luar_wilayah') t
"""
# Per polygon piece: the outer loop walks desa_bagian and probes the households' GiST index, so
# consecutive ST_Intersects calls share one polygon and PostGIS reuses its prepared geometry.
ASSIGN_PER_POLYGON = """
SELECT count(*), count(*) FILTER (WHERE hit IS DISTINCT FROM stored) FROM (
    SELECT DISTINCT ON (r.id) r.kode_desa AS stored, b.kode_desa AS hit
    FROM desa_bagian b
    JOIN rumah_tangga r ON r.kode_prov = '18' AND ST_Intersects(b.geom, r.geom)
    WHERE r.kualitas_lokasi <> 'luar_wilayah'
    ORDER BY r.id, (b.kode_desa = r.kode_desa_deklarasi) DESC, b.kode_desa) t
"""


def assignment_seconds(url: str, query: str) -> tuple[float, int, int]:
    """Seconds to assign every located household by the rule; (seconds, households, disagreements)."""
    with psycopg.connect(url) as conn:
        conn.execute("SET jit = off")
        started = time.perf_counter()
        located, differ = conn.execute(query).fetchone()
        return time.perf_counter() - started, located, differ


SJOIN_CODE = """
import sys, time
import geopandas as gpd, pandas as pd
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
print(time.perf_counter() - t, len(points))
"""


def measure_assignment(url: str, folder, boundaries) -> list:
    """Village assignment of all households in SQL (two plan shapes) vs geopandas sjoin in memory."""
    _, peak, out = run_python(SJOIN_CODE, folder / "households.csv", boundaries)
    sjoin_s = float(out.split()[0])
    rows = []
    for label, query in (("per titik (bentuk impor)", ASSIGN_PER_POINT), ("per poligon", ASSIGN_PER_POLYGON)):
        seconds, located, differ = assignment_seconds(url, query)
        rows.append(Row("penempatan desa", f"titik dalam poligon {label}, {located:,} rumah tangga ber-GPS, "
                        f"detik; {differ} beda dari hasil impor", f"{seconds:.1f}",
                        f"geopandas sjoin {sjoin_s:.1f} (data sudah di memori, {peak:.0f} MB)",
                        f"{seconds / sjoin_s:.2f}", "rasio <= 1", verdict(seconds <= sjoin_s)))
    return rows
