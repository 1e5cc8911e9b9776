"""Helpers of the import tests: valid household rows over real villages, files in many shapes."""
import csv
import io

import psycopg

from conftest import wait_for
from spatial.codelists import HOUSEHOLD_COLUMNS

VALID = {
    "nik_kepala": "1804041234560000", "nama_kepala": "Siti Aminah", "alamat": "Jl. Pekon No. 1",
    "desil": "2", "jumlah_anggota": "4", "jumlah_balita": "1", "ada_lansia": "0", "ada_disabilitas": "tidak",
    "kepala_perempuan": "ya", "luas_lantai_m2": "36,5", "jenis_atap": "genteng", "jenis_dinding": "tembok",
    "jenis_lantai": "semen/bata merah", "fasilitas_bab": "sendiri", "jenis_kloset": "leher angsa",
    "pembuangan_tinja": "tangki septik", "sumber_air_minum": "sumur terlindung",
    "sumber_penerangan": "listrik pln meteran", "status_rumah": "milik sendiri", "tahun_bantuan_rumah": "",
}


def villages(url: str) -> dict:
    """Real villages of the test boundaries: two ordinary ones with a point inside each, and one
    more than 5 km away from the first (for lokasi_meragukan)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT kode_desa, ST_Y(p), ST_X(p) FROM desa, ST_PointOnSurface(geom) p ORDER BY kode_desa LIMIT 2").fetchall()
        far = conn.execute(
            "SELECT b.kode_desa, ST_Y(p), ST_X(p) FROM desa a, desa b, ST_PointOnSurface(b.geom) p "
            "WHERE a.kode_desa = %s AND NOT ST_DWithin(a.geom::geography, b.geom::geography, 8000) "
            "ORDER BY b.kode_desa LIMIT 1", (rows[0][0],)).fetchone()
    return {"a": rows[0], "b": rows[1], "far": far}


def household(number: int, village, **changes) -> dict:
    """A valid household row in ``village`` (code, lat, lon) with a unique id and NIK."""
    code, lat, lon = village
    row = dict(VALID, id_keluarga=f"KK{number:05d}", nik_kepala=f"1804041234{number:06d}", kode_desa=code,
               latitude=f"{lat:.6f}", longitude=f"{lon:.6f}")
    row.update(changes)
    return row


def csv_text(rows: list, delimiter: str = ",", columns=HOUSEHOLD_COLUMNS) -> str:
    """CSV text of household rows with the documented header."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def snapshot(url: str) -> tuple:
    """Everything an import may touch, as comparable values (the tables of the schema too: the
    import's unlogged work tables must not outlive it)."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT (SELECT md5(coalesce(string_agg(concat_ws('|', id_keluarga, diubah_pada, aktif, kode_desa, "
            "kualitas_lokasi, impor_id), ',' ORDER BY id_keluarga), '')) FROM rumah_tangga), "
            "(SELECT count(*) FROM rumah_tangga), (SELECT count(*) FROM fasilitas), "
            "(SELECT count(*) FROM impor), (SELECT count(*) FROM impor_tolak), "
            "(SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
            " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v'))").fetchone()


def wait_for_import(client, job_location: str) -> dict:
    """Poll the status of the web import job at ``job_location`` until it no longer runs; its state."""
    status_url = job_location.rstrip("/") + "/status"

    def finished():
        state = client.get(status_url).get_json()
        return state if state["status"] != "berjalan" else None
    return wait_for(finished, what="the import job to finish")
