"""Households of a programme's scope with their eligibility, ranked by the RTLH priority score.

One query (``selection_households.sql``) serves the candidate list, the map, clicks, drawn areas
and the optimiser, so the same rules apply everywhere. The optional planning tables of issue #7
(``kawasan_prioritas``, ``lokus_desa``) are used when they exist.
"""
import json

from psycopg import sql as psql
from psycopg.rows import dict_row

from spatial.sqlfiles import sql

FILTERS = ("kode_desa", "kode_kec", "desil", "kondisi_minimum", "rentan", "dalam_kawasan")


def _query(conn) -> psql.Composed:
    with conn.cursor(row_factory=dict_row) as cur:
        found = cur.execute(sql("queries/selection_tables.sql")).fetchone()
    kawasan = "selection_kawasan.sql" if found["kawasan"] else "selection_kawasan_none.sql"
    lokus = "selection_lokus.sql" if found["lokus"] else "selection_lokus_none.sql"
    return psql.SQL(sql("queries/selection_households.sql")).format(
        kawasan=psql.SQL(sql(f"queries/{kawasan}")), lokus=psql.SQL(sql(f"queries/{lokus}")))


def households(conn, program: dict, filters: dict | None = None, households_of: list | None = None,
               area: dict | None = None, only_candidates: bool = True) -> list[dict]:
    """Households with their programme eligibility, best score first.

    ``filters``: any of FILTERS (None = unused); ``households_of``: only these
    ``(kode_prov, id)`` pairs; ``area``: only households inside this GeoJSON geometry (households
    without GPS when their whole village lies inside, flagged ``dalam_area`` by village:
    ``lon IS NULL``); ``only_candidates``: only eligible households and those already selected.
    Each row: ids, kode_desa/kode_kec, desil, skor, komponen, lon/lat, alasan (reason codes),
    memenuhi_syarat, terpilih, seleksi_id, status_seleksi, program_lain, personal fields.
    """
    rules = program["aturan"]
    params = {name: (filters or {}).get(name) for name in FILTERS}
    pairs = list(households_of) if households_of is not None else None
    params.update({
        "program_id": program["id"], "tahun": program["tahun"],
        "tahun_tanpa_bantuan": program["tahun_tanpa_bantuan"], "batas_wilayah": program["batas_wilayah"],
        "wajib_rtlh": bool(rules["wajib_rtlh"]), "status_rumah": rules["status_rumah"],
        "desil_maksimum": int(rules["desil_maksimum"]), "skor_minimum": rules["skor_minimum"],
        "kode_prov": None if pairs is None else [p[0] for p in pairs],
        "ids": None if pairs is None else [int(p[1]) for p in pairs],
        "area": None if area is None else json.dumps(area), "hanya_kandidat": only_candidates,
    })
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(_query(conn), params)
        return cur.fetchall()


def to_feature_collection(rows: list[dict]) -> dict:
    """GeoJSON of candidates for the map: no NIK, no name; households without GPS are left out."""
    features = []
    for r in rows:
        if r["lon"] is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                         "properties": public_properties(r)})
    return {"type": "FeatureCollection", "features": features}


def public_properties(row: dict) -> dict:
    """The fields of a candidate the map and table use (no NIK)."""
    komponen = row["komponen"] or {}
    return {"kode_prov": row["kode_prov"], "id": row["id"], "id_keluarga": row["id_keluarga"],
            "kode_desa": row["kode_desa"], "kode_kec": row["kode_kec"], "desil": row["desil"],
            "skor": float(row["skor"]), "kondisi": float(komponen.get("kondisi", 0)),
            "kesehatan": float(komponen.get("kesehatan", 0)), "kerentanan": float(komponen.get("kerentanan", 0)),
            "kesejahteraan": float(komponen.get("kesejahteraan", 0)), "dalam_kawasan": row["dalam_kawasan"],
            "gps": row["lon"] is not None, "terpilih": row["terpilih"], "status": row["status_seleksi"],
            "memenuhi_syarat": row["memenuhi_syarat"], "alasan": row["alasan"]}
