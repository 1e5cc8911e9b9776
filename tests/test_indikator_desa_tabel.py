"""Village indicators are kept in tables by triggers (migration 0095): they follow every import,
deactivation and scores run at once, and always equal the former full evaluation of the view."""
import psycopg

from conftest import login, make_app
from import_helpers import csv_text, household, villages
from spatial.analysis import run_analysis
from spatial.importer.registry import import_households
from spatial.users import create_demo_users
from webgis.indicators import cached_breaks, classify

# The former view indikator_desa (migration 0004), evaluated over every household.
FULL_EVALUATION = """
WITH rt AS (
    SELECT kode_desa, count(*) AS rumah_tangga, count(*) FILTER (WHERE desil <= 2) AS desil12,
           count(*) FILTER (WHERE sasaran_air_layak(sumber_air_minum) = false) AS tanpa_air_layak,
           count(*) FILTER (WHERE sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset, pembuangan_tinja) = false)
               AS tanpa_sanitasi_layak,
           count(*) FILTER (WHERE jumlah_balita > 0 AND (sasaran_air_layak(sumber_air_minum) = false
               OR sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset, pembuangan_tinja) = false
               OR desil <= 2)) AS risiko_stunting
    FROM rumah_tangga WHERE aktif AND kode_desa IS NOT NULL GROUP BY kode_desa
), sk AS (
    SELECT kode_desa, count(*) FILTER (WHERE rtlh AND memenuhi_syarat) AS rtlh, sum(biaya) AS biaya_rtlh
    FROM skor_rtlh GROUP BY kode_desa
)
SELECT d.kode_desa, COALESCE(rt.rumah_tangga, 0)::bigint, COALESCE(rt.desil12, 0)::bigint,
       round(100.0 * rt.desil12 / NULLIF(rt.rumah_tangga, 0), 1), COALESCE(sk.rtlh, 0)::bigint,
       COALESCE(sk.biaya_rtlh, 0)::numeric, COALESCE(rt.tanpa_air_layak, 0)::bigint,
       round(100.0 * rt.tanpa_air_layak / NULLIF(rt.rumah_tangga, 0), 1),
       COALESCE(rt.tanpa_sanitasi_layak, 0)::bigint,
       round(100.0 * rt.tanpa_sanitasi_layak / NULLIF(rt.rumah_tangga, 0), 1),
       COALESCE(rt.risiko_stunting, 0)::bigint, round(100.0 * rt.risiko_stunting / NULLIF(rt.rumah_tangga, 0), 1)
FROM desa d LEFT JOIN rt USING (kode_desa) LEFT JOIN sk USING (kode_desa)
ORDER BY d.kode_desa
"""


def _matches_full_evaluation(url: str) -> bool:
    with psycopg.connect(url) as conn:
        kept = conn.execute("SELECT * FROM indikator_desa ORDER BY kode_desa").fetchall()
        return kept == conn.execute(FULL_EVALUATION).fetchall()


def _import(url, tmp_path, rows, **options):
    path = tmp_path / f"rt_{len(list(tmp_path.iterdir()))}.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return import_households(path, url=url, **options)


def _village_now(client, code: str) -> tuple:
    """(households, % desil 1-2) of a village in /api/indikator and in the village GeoJSON export."""
    api = client.get("/api/indikator").get_json()["desa"][code]
    export = client.get(f"/ekspor/desa.geojson?kode_desa={code}").get_json(force=True)
    props = export["features"][0]["properties"]
    assert (api["rumah_tangga"], api["persen_desil12"]) == (props["rumah_tangga"], props["persen_desil12"])
    return api["rumah_tangga"], api["persen_desil12"]


def test_import_changes_reach_the_map_and_the_export_at_once(scratch_db, tmp_path):
    create_demo_users(scratch_db)
    v = villages(scratch_db)
    a, b = v["a"][0], v["b"][0]
    client = login(make_app(scratch_db, WTF_CSRF_ENABLED=False).test_client(), "admin")
    assert _village_now(client, a) == (0, None)

    rows = [household(i, v["a"], desil="2" if i < 2 else "7") for i in range(4)]
    _import(scratch_db, tmp_path, rows)
    assert _village_now(client, a) == (4, 50.0)

    rows[2]["desil"] = "1"                                   # changed in place
    rows[3] = household(3, v["b"], desil="1")                # moved to another village
    _import(scratch_db, tmp_path, rows)
    assert _village_now(client, a) == (3, 100.0)
    assert _village_now(client, b) == (1, 100.0)

    _import(scratch_db, tmp_path, rows[:2] + rows[3:], mark_inactive=True,  # rows[2] leaves the registry
            confirm_deactivate=1)  # 1 of 4 households: above the 10 % that needs the number confirmed
    assert _village_now(client, a) == (2, 100.0)
    assert _matches_full_evaluation(scratch_db)


def test_scores_run_updates_the_backlog(scratch_db, tmp_path):
    v = villages(scratch_db)
    poor = dict(jenis_atap="jerami/ijuk/daun/rumbia", jenis_dinding="bambu", jenis_lantai="tanah", desil="1",
                fasilitas_bab="tidak ada", sumber_air_minum="air sungai/danau")
    _import(scratch_db, tmp_path, [household(i, v["a"], **poor) for i in range(3)])
    with psycopg.connect(scratch_db) as conn:
        assert conn.execute("SELECT rtlh FROM indikator_desa WHERE kode_desa = %s", (v["a"][0],)).fetchone() == (0,)
    run_analysis("skor", url=scratch_db)
    with psycopg.connect(scratch_db) as conn:
        rtlh, biaya = conn.execute("SELECT rtlh, biaya_rtlh FROM indikator_desa WHERE kode_desa = %s",
                                   (v["a"][0],)).fetchone()
    assert rtlh == 3 and biaya > 0
    assert _matches_full_evaluation(scratch_db)


def test_any_statement_on_households_keeps_the_tables_exact(scratch_db, tmp_path):
    v = villages(scratch_db)
    _import(scratch_db, tmp_path, [household(i, v["a" if i % 2 else "b"], desil=str(1 + i % 10)) for i in range(20)])
    run_analysis("skor", url=scratch_db)
    with psycopg.connect(scratch_db, autocommit=True) as conn:
        conn.execute("UPDATE rumah_tangga SET kode_desa = %s WHERE id_keluarga IN ('KK00001', 'KK00002')",
                     (v["far"][0],))
        conn.execute("UPDATE rumah_tangga SET kode_desa = NULL WHERE id_keluarga = 'KK00003'")
        conn.execute("DELETE FROM rumah_tangga WHERE id_keluarga = 'KK00004'")
        assert _matches_full_evaluation(scratch_db)
        conn.execute("DELETE FROM skor_rtlh WHERE kode_desa = %s", (v["a"][0],))
        assert _matches_full_evaluation(scratch_db)
        conn.execute("TRUNCATE skor_rtlh")
        assert _matches_full_evaluation(scratch_db)
        conn.execute("UPDATE indikator_desa_rt SET rumah_tangga = 999")  # damaged by hand
        conn.execute("SELECT indikator_desa_rt_hitung_semua()")           # what every migrate runs
    assert _matches_full_evaluation(scratch_db)


def test_first_bulk_load_of_a_province_is_counted(scratch_db, tmp_path):
    v = villages(scratch_db)
    result = _import(scratch_db, tmp_path, [household(i, v["a"], desil="1") for i in range(3)]
                     + [household(10 + i, v["b"], desil="7") for i in range(2)])
    assert "indeks" in result.phases  # the detached-partition path ran: no trigger saw these rows
    with psycopg.connect(scratch_db) as conn:
        assert conn.execute("SELECT count(*) FROM pg_event_trigger").fetchone()[0] == 0  # works without superuser
        found = dict(conn.execute("SELECT kode_desa, persen_desil12 FROM indikator_desa WHERE kode_desa = ANY(%s)",
                                  ([v["a"][0], v["b"][0]],)).fetchall())
    assert found == {v["a"][0]: 100, v["b"][0]: 0}
    assert _matches_full_evaluation(scratch_db)


def test_class_breaks_are_remembered_per_set_of_values():
    values = [float(v % 97) for v in range(2640)]
    first = cached_breaks(tuple(values))
    assert list(first) == classify(values)
    assert cached_breaks(tuple(values)) is first                      # no second Fisher-Jenks
    changed = values[:-1] + [500.0]
    assert list(cached_breaks(tuple(changed))) == classify(changed) != list(first)
