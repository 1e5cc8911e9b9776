"""Drawn-area preview (#6, counted in SQL for #9): the same answer as walking the ranked household
list of the area in Python, with quotas, households selected here and in another programme, a
rejected one, and households without GPS matched by village (real PostGIS, sample of db_url)."""
import json
import time

import psycopg
import pytest

from spatial.selection import actions, candidates, optimiser
from tests.selection_helpers import UNIT, drop_programs, new_program, program


@pytest.fixture
def programmes(db_url):
    created = []

    def make(**fields):
        created.append(new_program(db_url, f"Uji area {len(created)}-{time.time_ns()}", **fields))
        return created[-1]

    yield make
    drop_programs(db_url, created)


def _reference(conn, program_id: int, area: dict) -> dict:
    """The preview computed from the ranked rows of the area (the algorithm before #9)."""
    prog = program(conn, program_id)
    rows = candidates.households(conn, prog, area=area, only_candidates=False)
    eligible = [r for r in rows if r["memenuhi_syarat"]]
    fit = optimiser.greedy(eligible, prog["sisa_unit"], optimiser.room_of(prog))
    reasons = {}
    for row in rows:
        if not row["memenuhi_syarat"] and not row["terpilih"]:
            for code in row["alasan"]:
                reasons[code] = reasons.get(code, 0) + 1
    return {"memenuhi_syarat": len(eligible), "muat": len(fit.chosen),
            "tanpa_gps_desa": sum(1 for r in eligible if r["lon"] is None),
            "sudah_terpilih": sum(1 for r in rows if r["terpilih"]), "tidak_memenuhi": dict(sorted(reasons.items()))}


def test_area_preview_matches_the_ranked_walk(db_url, programmes):
    with psycopg.connect(db_url) as conn:
        kode_kec, area_text = conn.execute("""
            SELECT d.kode_kec, ST_AsGeoJSON(ST_Envelope(ST_Buffer(ST_Collect(d.geom), 0.01)))
            FROM desa d JOIN rumah_tangga h ON h.kode_desa = d.kode_desa AND h.geom IS NULL
            GROUP BY d.kode_kec ORDER BY count(*) DESC LIMIT 1""").fetchone()
        area = json.loads(area_text)
        probe = programmes(units=1000)
        ranked = [r for r in candidates.households(conn, program(conn, probe), area=area) if r["memenuhi_syarat"]]
        villages = sorted({r["kode_desa"] for r in ranked})
        quotas = {kode_kec: len(ranked) // 2, villages[0]: 1, villages[-1]: 0}
        target = programmes(units=len(ranked) - 3, quotas=quotas)
        other = programmes()
        actions.add_households(conn, other, [(r["kode_prov"], r["id"]) for r in ranked[:3]], "uji")
        actions.add_households(conn, target, [(r["kode_prov"], r["id"]) for r in ranked[3:6]], "uji")
        sid = conn.execute("SELECT id FROM seleksi WHERE program_id = %s ORDER BY id LIMIT 1", (target,)).fetchone()[0]
        actions.transition(conn, target, sid, "ditolak", "uji", alasan="uji pratinjau")
        conn.commit()

        preview = actions.area_preview(conn, target, area)
        expected = _reference(conn, target, area)
    assert {key: preview[key] for key in expected} == expected
    assert preview["tanpa_gps_desa"] > 0 and preview["sudah_terpilih"] == 2
    assert {"program_lain", "ditolak_sebelumnya", "bukan_rtlh"} <= set(preview["tidak_memenuhi"])
    assert 0 < preview["muat"] < preview["memenuhi_syarat"]                     # quotas and budget bite
    assert preview["biaya"] == preview["memenuhi_syarat"] * UNIT and preview["biaya_muat"] == preview["muat"] * UNIT


def test_a_reused_connection_plans_the_area_query_for_its_area(db_url, programmes):
    """The app's pooled connections serve request after request: psycopg prepares a query from its
    sixth run on a connection, and PostgreSQL then switched the area query to a generic plan, blind
    to the drawn area and to the filters left empty (1,000,000 households: the preview went from
    220 to 390 ms from the eleventh call on one connection)."""
    target = programmes()
    with psycopg.connect(db_url) as conn:
        area = json.loads(conn.execute("SELECT ST_AsGeoJSON(ST_Envelope(geom)) FROM desa ORDER BY kode_desa LIMIT 1")
                          .fetchone()[0])
        for _ in range(12):
            actions.area_preview(conn, target, area)
            mode = conn.execute("SELECT current_setting('plan_cache_mode')").fetchone()[0]
            conn.commit()
        plans = conn.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                             " WHERE statement LIKE '%%GROUP BY c.alasan%%'").fetchall()
    assert mode == "force_custom_plan"  # on this small sample PostgreSQL keeps custom plans anyway
    assert plans == [(0, 7)]  # prepared at the sixth call, planned for its values at every later one
