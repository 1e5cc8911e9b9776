"""Child growth on the test sample: planted villages found by their measured prevalence, the village
figures and their anonymity per role, children's records for kesehatan/admin only (audited),
region scope, convergence (RTLH score, bivariate classes) and stunting lokus by evidence."""
import datetime as dt
import json

import numpy as np
import psycopg
import pytest

from conftest import login
from spatial.growth.indicators import smoothed_rates, village_figures

LATEST = dt.date(2026, 8, 1)


@pytest.fixture(scope="module")
def truth(sample_dir):
    return json.loads((sample_dir / "children_truth.json").read_text())


@pytest.fixture(scope="module")
def figures(db_url):
    with psycopg.connect(db_url) as conn:
        from psycopg.rows import dict_row
        conn.row_factory = dict_row
        return {r["kode_desa"]: r for r in village_figures(conn, LATEST, None, True)}


def test_planted_villages_have_the_highest_measured_prevalence(figures, truth):
    measured = {code: r for code, r in figures.items() if r["diukur"]}
    planted = [measured[code]["persen_stunting_eb"] for code in truth["desa_tinggi"]]
    others = [r["persen_stunting_eb"] for code, r in measured.items() if code not in truth["desa_tinggi"]]
    assert min(planted) > np.percentile(others, 90)
    for code in truth["desa_tanpa_data"]:
        row = figures[code]
        assert row["sumber"] == ("agregat" if code in truth["desa_agregat"] else None)
    for code in truth["desa_data_lama"]:
        assert figures[code]["data_lama"] and figures[code]["periode"] == dt.date(2025, 8, 1)
    assert not any(r["data_lama"] for code, r in figures.items() if code not in truth["desa_data_lama"])


def test_implausible_rows_are_flagged_and_left_out(db_url, truth):
    with psycopg.connect(db_url) as conn:
        flagged = conn.execute("SELECT count(DISTINCT id_anak) FROM pengukuran_anak "
                               "WHERE (flag_tbu OR flag_bbu OR flag_bbtb) AND id_anak = ANY(%s)",
                               (truth["tidak_wajar"],)).fetchone()[0]
        classed = conn.execute("SELECT count(*) FROM pengukuran_anak WHERE flag_tbu AND kelas_tbu IS NOT NULL").fetchone()[0]
    assert flagged >= len(truth["tidak_wajar"]) // 2 and classed == 0


def test_empirical_bayes_shrinks_small_villages_and_never_overshoots():
    rates = smoothed_rates([1, 30, 0, 12], [3, 100, 4, 40])
    overall = 43 / 147
    assert abs(rates[0] - overall) < abs(1 / 3 - overall)      # few children: pulled to the kabupaten
    assert abs(rates[1] - 0.30) < 0.01                         # many children: keeps its own
    # villages varying less than chance: each gets the kabupaten's rate, never past it
    flat = smoothed_rates([2, 10, 0, 30, 1], [5, 40, 3, 100, 8])
    assert np.allclose(flat, 43 / 156)
    assert np.allclose(smoothed_rates([3], [10]), 0.3)               # one village: its own rate
    assert np.isnan(smoothed_rates([0, 2], [0, 10])[0])              # nobody measured: no rate


def test_aggregates_follow_the_anonymity_rule_per_role(app, figures):
    by_role = {}
    for role in ("viewer", "perencana", "perkim", "kesehatan"):
        answer = login(app.test_client(), role).get("/api/gizi/desa?periode=2026-08")
        assert answer.status_code == 200
        by_role[role] = {f["id"]: f["properties"] for f in answer.json["features"]}
    suppressed = 0
    for code, raw in figures.items():
        shown = by_role["viewer"][code]
        if raw["stunting"] is None:
            continue
        small = raw["stunting"] < 5 or raw["diukur"] - raw["stunting"] < 5
        assert (shown["stunting"] is None) == small, code
        if small:
            suppressed += 1
            assert "stunting" in shown["ditekan"] and shown["persen_stunting"] is None
            assert shown["persen_stunting_eb"] is None
        assert by_role["kesehatan"][code]["stunting"] == raw["stunting"]
        assert by_role["perencana"][code] == shown and by_role["perkim"][code] == shown
    assert suppressed > 0
    assert all(p["ditandai"] is None for p in by_role["viewer"].values())


@pytest.mark.parametrize("role, status", [("kesehatan", 200), ("admin", 200), ("perkim", 403), ("perencana", 403),
                                          ("viewer", 403)])
def test_only_kesehatan_and_admin_read_childrens_records(app, db_url, figures, role, status):
    code = next(c for c, r in figures.items() if r["sumber"] == "pengukuran")
    with psycopg.connect(db_url) as conn:
        child_id, name = conn.execute("SELECT id, nama_anak FROM pengukuran_anak WHERE kode_desa = %s ORDER BY id LIMIT 1",
                                      (code,)).fetchone()
        before = conn.execute("SELECT count(*) FROM audit_log WHERE objek = 'pengukuran_anak'").fetchone()[0]
    client = login(app.test_client(), role)
    listing, record = client.get(f"/gizi/desa/{code}"), client.get(f"/gizi/anak/{child_id}")
    assert (listing.status_code, record.status_code) == (status, status)
    page = client.get("/gizi?periode=2026-08").get_data(as_text=True)
    assert name not in page
    with psycopg.connect(db_url) as conn:
        after = conn.execute("SELECT count(*) FROM audit_log WHERE objek = 'pengukuran_anak'").fetchone()[0]
    if status == 200:
        assert name in listing.get_data(as_text=True) and name in record.get_data(as_text=True)
        assert after == before + 2
    else:
        assert name not in listing.get_data(as_text=True) + record.get_data(as_text=True) and after == before


def test_region_scope_on_figures_and_records(app, db_url, figures):
    from spatial.users import create_account

    codes = sorted(figures)
    kecamatan, outside = codes[0][:8], next(c for c in codes if not c.startswith(codes[0][:8]))
    create_account("gizi_kec", "Kunci-Rahasia-Posyandu-2026", "kesehatan", name="Petugas Gizi Kecamatan",
                   kode_wilayah=kecamatan, url=db_url)
    client = app.test_client()
    client.post("/login", data={"username": "gizi_kec", "password": "Kunci-Rahasia-Posyandu-2026"})
    shown = client.get("/api/gizi/desa?periode=2026-08").json["features"]
    assert shown and all(f["id"].startswith(kecamatan) for f in shown)
    assert client.get(f"/gizi/desa/{outside}").status_code == 404
    with psycopg.connect(db_url) as conn:
        other_child = conn.execute("SELECT id FROM pengukuran_anak WHERE kode_desa = %s LIMIT 1", (outside,)).fetchone()
    if other_child:
        assert client.get(f"/gizi/anak/{other_child[0]}").status_code == 404


def test_stunted_children_raise_their_households_rtlh_score(db_url):
    with psycopg.connect(db_url) as conn:
        linked = conn.execute("""
            SELECT count(*) FILTER (WHERE (s.komponen->>'keluarga_berisiko_stunting')::numeric > 0),
                   count(*) FILTER (WHERE k.rumah_tangga_id IS NULL
                                      AND (s.komponen->>'keluarga_berisiko_stunting')::numeric > 0),
                   count(k.rumah_tangga_id)
              FROM skor_rtlh s
              LEFT JOIN sasaran_krs(12) k ON k.kode_prov = s.kode_prov AND k.rumah_tangga_id = s.rumah_tangga_id
        """).fetchone()
        via = dict(conn.execute("SELECT cara, count(*) FROM anak_rumah_tangga GROUP BY cara").fetchall())
    scored, wrongly, families = linked
    assert families > 0 and scored == families and wrongly == 0
    assert via.get("kk", 0) > 0 and via.get("nik", 0) > 0      # linked by KK and, failing that, by NIK


def test_convergence_page_and_ranking(app):
    page = login(app.test_client(), "perencana").get("/gizi/konvergensi?periode=2026-08")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="legenda-bivariat"' in text and 'id="tabel-konvergensi"' in text


def test_stunting_lokus_names_its_evidence(app, figures, truth):
    page = login(app.test_client(), "perencana").get("/lokus?tahun=2026&jenis=stunting")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Aturan usulan lokus stunting" in text and "mencapai 20 %" in text  # the one number format: no ",0"
    for code in truth["desa_tinggi"]:
        row = text[text.index(f'data-kode="{code}"'):]
        row = row[:row.index("</tr>")]
        assert 'class="table-success"' in row and 'data-bukti="terukur"' in row
    for code in truth["desa_tanpa_data"]:
        row = text[text.index(f'data-kode="{code}"'):]
        row = row[:row.index("</tr>")]
        expected = "terukur" if code in truth["desa_agregat"] else "proksi"
        assert f'data-bukti="{expected}"' in row, code


def test_stunting_lokus_evidence_in_english(app, truth):
    """The rule and each village's evidence are composed by the service and shown in the user's language."""
    planner = login(app.test_client(), "perencana")
    planner.get("/bahasa/en")
    text = planner.get("/lokus?tahun=2026&jenis=stunting").get_data(as_text=True)
    assert "Villages with child measurements are proposed when" in text and "Desa yang punya data" not in text
    row = text[text.index(f'data-kode="{truth["desa_tinggi"][0]}"'):]
    row = row[:row.index("</tr>")]
    assert "Measured, August 2026, child records: stunting" in row and "Terukur" not in row
    proxy = text[text.index('data-bukti="proksi"'):]
    assert "No measurements: proxy" in proxy[:proxy.index("</tr>")]


def test_exports_and_ogc_carry_only_suppressed_village_counts(app, figures):
    viewer = login(app.test_client(), "viewer")
    exported = viewer.get("/ekspor/gizi_desa.geojson").get_json(force=True)["features"]
    assert exported
    for feature in exported:
        props, raw = feature["properties"], figures[feature["properties"]["kode_desa"]]
        assert not {"nama_anak", "nik_anak", "id_anak"} & set(props)
        if raw["periode"] == dt.date(2026, 8, 1) and raw["stunting"] is not None:
            small = raw["stunting"] < 5 or raw["diukur"] - raw["stunting"] < 5
            assert (props["stunting"] is None) == small and ("stunting" in props["ditekan"]) == small
    items = viewer.get("/ogc/collections/gizi_desa/items?limit=500").get_json(force=True)["features"]
    assert {f["id"] for f in items} == {f["id"] for f in exported}
