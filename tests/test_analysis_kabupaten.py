"""Issue #18: two kabupaten in one database give each exactly what it gets alone (pockets, hot
spots, Local Moran, gaps, RTLH scores, sites with the same k, lokus list, kabupaten averages)."""
import psycopg
import pytest

from conftest import make_app
from multi_kabupaten import KAB_A, KAB_B
from spatial.analysis import ORDER
from spatial.areas.lokus import proposal

KABUPATEN = (KAB_A, KAB_B)
GEOM = "ST_AsText(ST_SnapToGrid(geom, 1e-7))"
QUERIES = {
    "kantong": f"""SELECT rumah_tangga, rumah_tangga_miskin, persen_miskin, desa, anggota_kab_lain, {GEOM}
                   FROM analisis_kantong WHERE run_id = %s ORDER BY kantong_id""",
    "hotspot": """SELECT i, j, rumah_tangga, miskin, kelas, round(gi_z::numeric, 6) FROM analisis_hotspot
                  WHERE run_id = %s ORDER BY i, j""",
    "lisa": "SELECT kode_desa, kelas, round(moran_i::numeric, 6) FROM analisis_lisa WHERE run_id = %s ORDER BY kode_desa",
    "celah": f"""SELECT layanan, klaster_id, rumah_tangga, desa, {GEOM} FROM analisis_celah_klaster
                 WHERE run_id = %s ORDER BY layanan, klaster_id""",
    "celah_desa": """SELECT kode_desa, rumah_tangga, tak_terlayani_air, tak_terlayani_sanitasi, peringkat
                     FROM analisis_celah_desa WHERE run_id = %s ORDER BY kode_desa""",
    "lokasi": f"""SELECT layanan, urutan, cakupan, tambahan, kumulatif, kode_desa, {GEOM} FROM analisis_lokasi
                  WHERE run_id = %s AND terpilih ORDER BY layanan, urutan""",
}


def current_run(conn, jenis: str, kab: str) -> int:
    [run] = conn.execute("SELECT analisis_run_terkini(%s, %s)", (jenis, kab)).fetchall()
    return run[0]


def results(url: str, kab: str) -> dict:
    """Everything the analyses say about kabupaten ``kab`` in the database ``url``."""
    with psycopg.connect(url) as conn:
        runs = {j: current_run(conn, j, kab) for j in ORDER}
        found = {name: conn.execute(query, (runs[name.split("_")[0]],)).fetchall() for name, query in QUERIES.items()}
        found["ringkasan"] = {j: {k: v for k, v in conn.execute("SELECT ringkasan FROM analisis_run WHERE id = %s",
                                                                 (runs[j],)).fetchone()[0].items() if k != "run_celah"}
                              for j in runs}
        found["skor"] = conn.execute("""SELECT h.id_keluarga, s.skor, s.rtlh, s.memenuhi_syarat, s.kode_desa
                                        FROM skor_rtlh s JOIN rumah_tangga h ON h.kode_prov = s.kode_prov
                                         AND h.id = s.rumah_tangga_id WHERE h.kode_kab = %s
                                        ORDER BY h.id_keluarga""", (kab,)).fetchall()
        found["lokus"] = [(r["kode_desa"], r["peringkat"], r["dicentang"])
                          for r in proposal(conn, 2026, "kemiskinan_ekstrem") if r["kode_kab"] == kab]
    return found


@pytest.fixture(scope="module")
def compared(two_kabupaten):
    return {kab: (results(two_kabupaten.both, kab), results(two_kabupaten.alone[kab], kab)) for kab in KABUPATEN}


@pytest.mark.parametrize("part", [*QUERIES, "ringkasan", "skor", "lokus"])
def test_each_kabupaten_gets_what_it_gets_alone(compared, part):
    for kab in KABUPATEN:
        together, alone = compared[kab]
        assert together[part] == alone[part], (kab, part)


def test_results_are_not_empty(compared):
    for kab in KABUPATEN:
        together, _alone = compared[kab]
        for part in ("kantong", "hotspot", "lisa", "celah", "celah_desa", "lokasi", "skor"):
            assert together[part], (kab, part)
        assert sum(1 for _code, _rank, ticked in together["lokus"] if ticked) == 10
        assert together["celah_desa"] and min(r[4] for r in together["celah_desa"]) == 1  # ranked within the kabupaten
        assert {r[0] for r in together["lokasi"]} == {"air", "sanitasi"}
        assert max(r[1] for r in together["lokasi"]) == 10                                 # k = 10 in each kabupaten


def test_one_run_per_kind_and_kabupaten_with_true_times(two_kabupaten):
    with psycopg.connect(two_kabupaten.both) as conn:
        rows = conn.execute("""SELECT jenis, kode_wilayah, status, oleh, selesai - mulai, baris, kelompok
                               FROM analisis_run ORDER BY id""").fetchall()
    assert {(r[0], r[1]) for r in rows} == {(j, k) for j in ORDER for k in KABUPATEN}
    assert len(rows) == len(ORDER) * len(KABUPATEN) and len({r[6] for r in rows}) == 1
    for jenis, _kab, status, oleh, took, baris, _group in rows:
        assert status == "selesai" and oleh == "uji"
        assert took.total_seconds() > 0.001, jenis   # a real duration, not start = finish
        assert baris["rumah_tangga"] > 1000
    gaps = [r[5] for r in rows if r[0] == "celah"]
    assert all(b["analisis_akses"] == b["rumah_tangga"] for b in gaps)


def test_kabupaten_averages_are_each_kabupaten_own(two_kabupaten):
    together = make_app(two_kabupaten.both).test_client().get("/api/indikator").get_json()
    for kab in KABUPATEN:
        alone = make_app(two_kabupaten.alone[kab]).test_client().get("/api/indikator").get_json()
        for key, spec in together["indicators"].items():
            assert spec["kabupaten"][kab] == alone["indicators"][key]["kabupaten"][kab], (kab, key)
    share = together["indicators"]["persen_desil12"]["kabupaten"]
    assert set(share) == set(KABUPATEN) and share[KAB_A] != share[KAB_B]
    assert {v["kode_kab"] for v in together["desa"].values()} == set(KABUPATEN)


def test_province_page_compares_the_kabupaten(two_kabupaten):
    from spatial.users import save_user

    save_user("provinsi_viewer", "Kopi-Liwa-7-Gunung", "viewer", name="Bappeda provinsi", url=two_kabupaten.both)
    client = make_app(two_kabupaten.both, WTF_CSRF_ENABLED=False).test_client()
    assert client.post("/login", data={"username": "provinsi_viewer", "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
    html = client.get("/analisis/kabupaten").get_data(as_text=True)
    averages = client.get("/api/indikator").get_json()["indicators"]["persen_desil12"]["kabupaten"]
    for kab in KABUPATEN:
        alone = make_app(two_kabupaten.alone[kab]).test_client().get("/api/analisis/kantong").get_json()
        row = html.split(f'<tr data-kab="{kab}">', 1)[1].split("</tr>", 1)[0]
        shown = f"{averages[kab]:.1f}".rstrip("0").rstrip(".").replace(".", ",")   # Indonesian decimal comma
        assert f'data-kolom="persen_desil12" data-nilai="{averages[kab]}">{shown}<' in row
        assert f'data-kolom="kantong" data-nilai="{len(alone["features"])}">{len(alone["features"])}<' in row
    assert html.count('<canvas id="grafik-') == 10 and "data-grafik" in html


def test_programme_quota_per_kabupaten(two_kabupaten):
    """A programme of both kabupaten with a quota for one: the proposal and the quota list keep it."""
    from selection_helpers import drop_programs, new_program
    from spatial.selection import actions, programs

    url = two_kabupaten.both
    program_id = new_program(url, "Program provinsi", units=12, quotas={KAB_B: 3})
    try:
        with psycopg.connect(url) as conn:
            applied = actions.apply_proposal(conn, program_id, "uji")
            conn.commit()
            quotas = programs.get_program(conn, program_id)["kuota"]
        kabs = [code[:5] for code in _selected_villages(url, program_id)]
        assert applied["program"]["unit"] == 12 and kabs.count(KAB_B) == 3 and kabs.count(KAB_A) == 9
        assert quotas == [{"kode_wilayah": KAB_B, "kuota": 3, "nama": "Kabupaten Uji Timur", "terpakai": 3}]
        assert any("kuota" in reason and KAB_B in reason for reason in applied["tidak_dipilih"])
    finally:
        drop_programs(url, [program_id])


def _selected_villages(url, program_id):
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("""SELECT h.kode_desa FROM seleksi s JOIN rumah_tangga h
                                              ON h.kode_prov = s.kode_prov AND h.id = s.rumah_tangga_id
                                              WHERE s.program_id = %s""", (program_id,))]


def test_province_total_of_sites_split_by_need(two_kabupaten):
    """k_provinsi sites per service shared by need (unserved located households of each kabupaten's
    gaps run), largest remainder; each kabupaten's run places exactly its share. Runs last in this
    module: it ends by restoring the default siting runs."""
    from spatial.analysis import run_all

    url, total = two_kabupaten.both, 7
    try:
        results = run_all(("lokasi",), url=url, parameters={"lokasi": {"k_provinsi": total}}, oleh="uji")
        with psycopg.connect(url) as conn:
            need = {(kab, layanan): conn.execute(f"""
                SELECT count(*) FROM analisis_akses a JOIN rumah_tangga h ON h.kode_prov = a.kode_prov
                AND h.id = a.rumah_tangga_id WHERE a.run_id = %s AND h.geom IS NOT NULL AND NOT a.terlayani_{layanan}""",
                (current_run(conn, "celah", kab),)).fetchone()[0] for kab in KABUPATEN for layanan in ("air", "sanitasi")}
            chosen = {(r.kode_kab, layanan): conn.execute(
                "SELECT count(*) FROM analisis_lokasi WHERE run_id = %s AND layanan = %s AND terpilih",
                (r.run_id, layanan)).fetchone()[0] for r in results for layanan in ("air", "sanitasi")}
        assert {r.kode_kab for r in results} == set(KABUPATEN) and all(r.status == "selesai" for r in results)
        assert all(r.parameter["kabupaten_kelompok"] == list(KABUPATEN) for r in results)
        for layanan in ("air", "sanitasi"):
            shares = {r.kode_kab: r.ringkasan[layanan]["k"] for r in results}
            assert sum(shares.values()) == total
            exact = {kab: total * need[(kab, layanan)] / sum(need[(k, layanan)] for k in KABUPATEN) for kab in KABUPATEN}
            assert all(abs(shares[kab] - exact[kab]) < 1 for kab in KABUPATEN), (shares, exact)
            assert all(chosen[(kab, layanan)] == shares[kab] for kab in KABUPATEN)
    finally:
        run_all(("lokasi",), url=url, oleh="uji")


def test_lokus_page_one_kabupaten_at_a_time(two_kabupaten):
    """A province planner opens the Lokus page for one kabupaten and saves it: the other
    kabupaten's lokus stay; a planner scoped to 18.04 may not open or save 18.98."""
    from spatial.users import save_user

    url = two_kabupaten.both
    app = make_app(url, WTF_CSRF_ENABLED=False)
    clients = {}
    for name, region in (("lokus_provinsi", None), ("lokus_barat", KAB_A)):
        save_user(name, "Kopi-Liwa-7-Gunung", "perencana", name=name, kode_wilayah=region, url=url)
        clients[name] = app.test_client()
        assert clients[name].post("/login", data={"username": name, "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
    province = clients["lokus_provinsi"]
    with psycopg.connect(url) as conn:
        conn.execute("""INSERT INTO lokus_desa (tahun, jenis, kode_desa, ditetapkan_oleh)
                        SELECT 2031, 'stunting', min(kode_desa), 'uji' FROM desa WHERE kode_kab = %s""", (KAB_A,))
        east = [r[0] for r in conn.execute("SELECT kode_desa FROM desa WHERE kode_kab = %s ORDER BY kode_desa LIMIT 3",
                                           (KAB_B,))]
    try:
        html = province.get(f"/lokus?tahun=2031&jenis=stunting&kabupaten={KAB_B}").get_data(as_text=True)
        assert f'data-kab="{KAB_B}"' in html and f'data-kab="{KAB_A}"' not in html.split("<tbody>", 1)[1]
        assert f'<option value="{KAB_A}"' in html and f'<option value="{KAB_B}" selected' in html
        saved = province.post("/lokus", data={"tahun": 2031, "jenis": "stunting", "kabupaten": KAB_B, "kode_desa": east})
        assert saved.status_code == 302 and f"kabupaten={KAB_B}" in saved.headers["Location"]
        with psycopg.connect(url) as conn:
            kept = conn.execute("""SELECT left(kode_desa, 5), count(*) FROM lokus_desa WHERE tahun = 2031
                                   GROUP BY 1 ORDER BY 1""").fetchall()
        assert kept == [(KAB_A, 1), (KAB_B, 3)]
        scoped = clients["lokus_barat"]
        assert scoped.get(f"/lokus?tahun=2031&kabupaten={KAB_B}").status_code == 403
        assert scoped.post("/lokus", data={"tahun": 2031, "jenis": "stunting", "kabupaten": KAB_B}).status_code == 403
        assert scoped.get("/lokus?tahun=2031&kabupaten=18.9x").status_code == 400
    finally:
        with psycopg.connect(url) as conn:
            conn.execute("DELETE FROM lokus_desa WHERE tahun = 2031")
