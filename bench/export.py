"""Export benchmark (#7): 1,000,000 households exported as GeoJSON through Sasaran, aggregated
(per village and per 1 km grid cell, k-anonymous) and in full as admin (with NIK and name), in
features/s and the server's peak memory, beside ``ogr2ogr -f GeoJSON`` of the same table.

    .venv/bin/python -m bench.export [--households 1000000] [--reuse]

The database ``bench_ekspor`` is a copy of ``DATABASE_URL`` (migrated, sample loaded) whose
households are replicated with a few hundred metres of jitter until there are ``--households``
of them (set-based SQL, minutes instead of generating a new registry). ``--reuse`` keeps an
existing copy. Prints a Markdown table.
"""
import argparse
import os
import re
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests
from psycopg import sql as psql

from bench.common import ROOT, Server, log
from bench.peers import ogr2ogr_export

BENCH_DB = "bench_ekspor"
FULL_SQL = ("SELECT id, id_keluarga, nik_kepala, nama_kepala, alamat, kode_desa, desil, jumlah_anggota, jumlah_balita, "
            "kualitas_lokasi, geom FROM rumah_tangga WHERE aktif AND geom IS NOT NULL")


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def build(source_url: str, households: int) -> str:
    """A copy of the source database with ``households`` households (replicated with jitter)."""
    url = _with_db(source_url, BENCH_DB)
    admin = _with_db(source_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(psql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psql.Identifier(BENCH_DB)))
        conn.execute(psql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            psql.Identifier(BENCH_DB), psql.Identifier(urlsplit(source_url).path.lstrip("/"))))
    with psycopg.connect(url, autocommit=True) as conn:
        base, last_id = conn.execute("SELECT count(*), max(id) FROM rumah_tangga").fetchone()
        copies = -(-households // base) - 1
        log(f"{base:,} rumah tangga x {copies + 1} salinan -> {households:,}")
        for copy in range(1, copies + 1):
            conn.execute(
                "INSERT INTO rumah_tangga (kode_prov, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa, "
                " kode_kec, kode_kab, alamat, geom, kualitas_lokasi, desil, jumlah_anggota, jumlah_balita, ada_lansia, "
                " ada_disabilitas, kepala_perempuan, luas_lantai_m2, jenis_atap, jenis_dinding, jenis_lantai, fasilitas_bab, "
                " jenis_kloset, pembuangan_tinja, sumber_air_minum, sumber_penerangan, status_rumah, tahun_bantuan_rumah) "
                "SELECT kode_prov, id_keluarga || '-' || %(c)s, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa, "
                " kode_kec, kode_kab, alamat, ST_Translate(geom, (random() - 0.5) * 0.004, (random() - 0.5) * 0.004), "
                " kualitas_lokasi, desil, jumlah_anggota, jumlah_balita, ada_lansia, ada_disabilitas, kepala_perempuan, "
                " luas_lantai_m2, jenis_atap, jenis_dinding, jenis_lantai, fasilitas_bab, jenis_kloset, pembuangan_tinja, "
                " sumber_air_minum, sumber_penerangan, status_rumah, tahun_bantuan_rumah "
                "FROM rumah_tangga WHERE id <= %(last)s "
                "LIMIT %(n)s", {"c": copy, "n": min(base, households - base * copy), "last": last_id})
            log(f"salinan {copy}/{copies}")
        conn.execute("ANALYZE rumah_tangga")
        total = conn.execute("SELECT count(*) FROM rumah_tangga").fetchone()[0]
    log(f"{total:,} rumah tangga di {BENCH_DB}")
    return url


def _session(server: Server) -> requests.Session:
    session = requests.Session()
    page = session.get(server.base + "/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = session.post(server.base + "/login", allow_redirects=False,
                            data={"username": "admin", "password": "demo-admin", "csrf_token": token})
    if response.status_code != 302:
        raise SystemExit("login admin gagal (sampel dengan akun demo diperlukan)")
    return session


def _rss_mb(server: Server) -> float:
    for line in open(f"/proc/{server.pids()[-1]}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(server: Server, session: requests.Session, path: str) -> tuple[float, float, int, int, float]:
    """Seconds, server peak MB, features, bytes and the server's resident MB before the export."""
    server.reset_peak()
    before = _rss_mb(server)
    started = time.perf_counter()
    features = size = 0
    tail = b""
    with session.get(server.base + path, stream=True, timeout=3600) as response:
        response.raise_for_status()
        for chunk in response.iter_content(1 << 16):
            data = tail + chunk
            features += data.count(b'"Feature"') - tail.count(b'"Feature"')
            tail = data[-32:]
            size += len(chunk)
    return time.perf_counter() - started, server.peak_mb(), features, size, before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="use an existing bench_ekspor database")
    args = parser.parse_args()
    source = os.environ.get("DATABASE_URL")
    if not source:
        raise SystemExit("DATABASE_URL harus diisi (basis data bersampel yang disalin)")
    url = _with_db(source, BENCH_DB) if args.reuse else build(source, args.households)
    env = {"DATABASE_URL": url, "SASARAN_BASEMAP_URL": "none", "SASARAN_SAMPLE_MODE": "1",
           "SASARAN_SECRET_KEY": "bench-ekspor"}
    server = Server([str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", "1", "--timeout", "3600", "--bind",
                     "127.0.0.1:{port}", "webgis:create_app()"], env, probe_path="/healthz")
    rows = []
    try:
        session = _session(server)
        for label, path in (("agregat per desa (k=5)", "/ekspor/rumah_tangga_desa.geojson"),
                            ("agregat sel 1 km (k=5)", "/ekspor/rumah_tangga_grid.geojson"),
                            ("lengkap, admin dengan NIK/nama", "/ekspor/rumah_tangga.geojson?pribadi=1")):
            log(f"ekspor {label}")
            seconds, peak, features, size, before = measure(server, session, path)
            rows.append((f"Sasaran {label}", features, seconds, f"{peak:.0f} (sebelum {before:.0f})", size))
    finally:
        server.stop()
    log("ogr2ogr -f GeoJSON")
    target_seconds, target_peak, target_features = ogr2ogr_export(url, FULL_SQL, "ekspor_ogr2ogr")()
    rows.append(("ogr2ogr -f GeoJSON (tabel sama, kolom sama)", target_features, target_seconds, f"{target_peak:.0f}",
                 None))
    print("| ekspor | fitur | detik | fitur/s | puncak memori proses (MB) | ukuran (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, features, seconds, peak, size in rows:
        print(f"| {label} | {features:,} | {seconds:.1f} | {features / seconds:,.0f} | {peak} | "
              f"{'' if size is None else f'{size / 1e6:.0f}'} |")


if __name__ == "__main__":
    main()
