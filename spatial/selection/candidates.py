"""Households of a programme's scope with their eligibility, ranked by the RTLH priority score.

One CTE chain (query ``selection/eligibility``) serves the candidate list, the map, clicks, drawn
areas, the area preview and the optimiser, so the same rules apply everywhere. It is composed
with the households to check (all active ones, a drawn area found through the GiST index, or
given pairs) and with the planning tables (priority areas ``kawasan_prioritas``, lokus villages
``lokus_desa``).
"""
import json
import math
from collections.abc import Mapping

from psycopg import sql as psql
from psycopg.rows import dict_row

from spatial.errors import N_, InvalidInput
from spatial.memo import Memo
from spatial.sqlfiles import composed, fetch_all, fetch_row, query, run

FILTERS = ("kode_desa", "kode_kec", "desil", "kondisi_minimum", "rentan", "dalam_kawasan")


# The households to check: all active ones, those in a drawn area, or given (kode_prov, id) pairs.
SOURCES = {"all": "selection/source_all", "area": "selection/source_area", "pairs": "selection/source_pairs"}


def _eligibility(source: str) -> psql.Composed:
    """The eligibility chain of the households of ``source`` (a key of ``SOURCES``)."""
    return composed("selection/eligibility", source=psql.SQL(query(SOURCES[source])),
                    kawasan=psql.SQL(query("selection/kawasan")), lokus=psql.SQL(query("selection/lokus")))


def _query(final: str, source: str) -> psql.Composed:
    """``final`` (``selection/households`` or ``selection/area_summary``) over the eligibility
    chain of the households of ``source``."""
    return composed(final, eligibility=_eligibility(source))


def _params(program: dict, filters: dict | None, pairs: list | None, area: dict | None,
            wilayah: str | None) -> dict:
    rules = program["aturan"]
    params = {name: (filters or {}).get(name) for name in FILTERS}
    params.update({
        "program_id": program["id"], "tahun": program["tahun"],
        "tahun_tanpa_bantuan": program["tahun_tanpa_bantuan"], "batas_wilayah": program["batas_wilayah"],
        "wajib_rtlh": bool(rules["wajib_rtlh"]), "status_rumah": rules["status_rumah"],
        "desil_maksimum": int(rules["desil_maksimum"]), "skor_minimum": rules["skor_minimum"],
        "kode_prov": None if pairs is None else [p[0] for p in pairs],
        "ids": None if pairs is None else [int(p[1]) for p in pairs],
        "area": None if area is None else json.dumps(area), "wilayah": wilayah, "hanya_kandidat": False,
    })
    return params


def _execute(conn, query: psql.Composed, params: dict) -> list[dict]:
    """Run a candidate query without JIT and planned for its values (selection/plan_settings.sql)."""
    with conn.cursor(row_factory=dict_row) as cur:
        run(cur, "selection/plan_settings")
        cur.execute(query, params)
        return cur.fetchall()


def households(conn, program: dict, filters: dict | None = None, households_of: list | None = None,
               area: dict | None = None, only_candidates: bool = True, wilayah: str | None = None) -> list[dict]:
    """Households with their programme eligibility, best score first.

    ``filters``: any of FILTERS (None = unused); ``households_of``: only these
    ``(kode_prov, id)`` pairs; ``area``: only households inside this GeoJSON geometry (households
    without GPS when their whole village lies inside: ``lon IS NULL``); give at most one of
    ``households_of`` and ``area``. ``only_candidates``: only eligible households and those
    already selected; ``wilayah``: only households of this region (user's scope; None = all).
    Each row: ids, kode_desa/kode_kec, desil, skor, komponen, lon/lat, alasan (reason codes),
    memenuhi_syarat, terpilih, seleksi_id, status_seleksi, program_lain, personal fields.
    """
    if area is not None and households_of is not None:
        raise ValueError("households(): give an area or households, not both")
    source = "area" if area is not None else "pairs" if households_of is not None else "all"
    pairs = list(households_of) if households_of is not None else None
    params = {**_params(program, filters, pairs, area, wilayah), "hanya_kandidat": only_candidates}
    return _execute(conn, _query("selection/households", source), params)


# Columns of the candidate table a user may sort by -> SQL expression over the ranked candidates.
SORTS = {
    "peringkat": "u.peringkat", "skor": "u.skor", "desil": "u.desil", "id_keluarga": "u.id_keluarga",
    "nama": "u.nama_kepala", "desa": "d.nama", "status": "u.terpilih",
    "kondisi": "(u.komponen ->> 'kondisi')::numeric", "kesehatan": "(u.komponen ->> 'kesehatan')::numeric",
    "kerentanan": "(u.komponen ->> 'kerentanan')::numeric",
}
PAGE_SIZES = (25, 50, 100, 200)


def page(conn, program: dict, filters: dict | None = None, wilayah: str | None = None, sort: str = "peringkat",
         descending: bool = False, size: int = 50, number: int = 1) -> tuple[list[dict], int]:
    """One page of the candidates (eligible or selected), sorted by ``sort`` (a key of SORTS) in
    SQL; returns the rows (with ``peringkat``, the rank by score, and ``nama_desa``) and the count
    of all candidates the filters keep (0 on a page past the end)."""
    if sort not in SORTS:
        raise InvalidInput(N_("Urutan tidak dikenal: %(nilai)s"), nilai=sort)
    if size not in PAGE_SIZES:
        raise InvalidInput(N_("Jumlah baris per halaman harus salah satu dari %(pilihan)s."),
                           pilihan=", ".join(map(str, PAGE_SIZES)))
    order = psql.SQL(SORTS[sort] + (" DESC NULLS LAST" if descending else " ASC NULLS LAST"))
    statement = composed("selection/candidate_page", eligibility=_eligibility("all"), urutan=order)
    params = {**_params(program, filters, None, None, wilayah), "hanya_kandidat": True,
              "batas": size, "lewati": size * (max(number, 1) - 1)}
    rows = _execute(conn, statement, params)
    return rows, (rows[0]["total"] if rows else 0)


def points(conn, program: dict, filters: dict | None = None, wilayah: str | None = None) -> dict:
    """The candidates with GPS as compact columns for the map: ``prov``, ``id``, ``x`` (lon),
    ``y`` (lat), ``t`` (1 = selected by the programme), selected ones last."""
    statement = composed("selection/candidate_points", eligibility=_eligibility("all"))
    rows = _execute(conn, statement, {**_params(program, filters, None, None, wilayah), "hanya_kandidat": True})
    return {"prov": [r["kode_prov"] for r in rows], "id": [r["id"] for r in rows], "x": [r["lon"] for r in rows],
            "y": [r["lat"] for r in rows], "t": [1 if r["terpilih"] else 0 for r in rows]}


def area_groups(conn, program: dict, area: dict, wilayah: str | None = None) -> list[dict]:
    """The households inside ``area`` (GeoJSON), within ``wilayah`` when given, counted in SQL by
    reason codes: rows of ``alasan``, ``n``, ``terpilih`` (already selected), ``memenuhi_syarat``,
    ``tanpa_gps`` (eligible, matched by village) and ``desa``/``kec`` (villages and kecamatan of
    the eligible households, one entry each)."""
    return _execute(conn, _query("selection/area_summary", "area"),
                    _params(program, None, None, area, wilayah))


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


def parse_filters(args: Mapping[str, object]) -> dict:
    """Candidate filters from query-string or JSON values (``rentan``/``dalam_kawasan``: 1 or 0);
    InvalidInput naming the filter when a number cannot be read."""
    def optional(name: str, cast):
        value = str(args.get(name) or "").strip()
        try:
            return cast(value) if value else None
        except ValueError:
            raise InvalidInput(N_("Filter %(nama)s tidak valid: %(nilai)s"), nama=name, nilai=value) from None

    flag = {"1": True, "0": False}
    desil, kondisi = optional("desil", int), optional("kondisi_minimum", float)
    if desil is not None and not 1 <= desil <= 10:
        raise InvalidInput(N_("Filter %(nama)s tidak valid: %(nilai)s"), nama="desil", nilai=desil)
    if kondisi is not None and not math.isfinite(kondisi):
        raise InvalidInput(N_("Filter %(nama)s tidak valid: %(nilai)s"), nama="kondisi_minimum", nilai=kondisi)
    return {"kode_desa": optional("kode_desa", str), "kode_kec": optional("kode_kec", str),
            "desil": desil, "kondisi_minimum": kondisi,
            "rentan": flag.get(str(args.get("rentan", ""))),
            "dalam_kawasan": flag.get(str(args.get("dalam_kawasan", "")))}


def places(conn, wilayah: str | None) -> tuple[list[dict], list[dict]]:
    """Kecamatan and villages of the user's region, for the candidate filters."""
    return (fetch_all(conn, "selection/kecamatan_list", {"wilayah": wilayah}),
            fetch_all(conn, "selection/village_list", {"wilayah": wilayah}))


_ANSWERS = Memo(32)


def cached_answer(conn, program: dict, filters: dict, wilayah: str | None, build):
    """``build(rows)`` (the serialised API answer) for the candidates of ``program`` under
    ``filters`` and ``wilayah``, computed once per version of the data it depends on
    (``selection/candidates_version``), of the programme row (totals included) and of the database."""
    version = fetch_row(conn, "selection/candidates_version") or ()
    database = (conn.info.host, conn.info.port, conn.info.dbname)
    key = (database, json.dumps(program, sort_keys=True, default=str), json.dumps(filters, sort_keys=True, default=str),
           wilayah, tuple(version))
    return _ANSWERS.get(key, lambda: build(households(conn, program, filters=filters, wilayah=wilayah)))


def region_names(conn, codes) -> dict:
    """``{code: "Kec. Balik Bukit (18.04.04)"}`` of region codes (unknown codes are left out)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    return {r["kode"]: f"{r['nama']} ({r['kode']})" for r in fetch_all(conn, "selection/region_names", {"kode": wanted})}
