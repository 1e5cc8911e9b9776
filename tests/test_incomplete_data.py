"""Issue #17: an empty attribute is "data tidak lengkap" in the analyses, never silently good or bad,
and the households with incomplete data are listed for field staff."""
import psycopg
import pytest

from import_helpers import csv_text, household, villages
from spatial.analysis import run_analysis
from spatial.importer.registry import import_households


@pytest.fixture(scope="module")
def incomplete(module_scratch_db, tmp_path_factory):
    url = module_scratch_db
    a = villages(url)["a"]
    poor_house = dict(jenis_atap="jerami/ijuk/daun/rumbia", jenis_dinding="bambu", jenis_lantai="tanah",
                      fasilitas_bab="tidak ada", sumber_air_minum="sumur tak terlindung", desil="1")
    rows = [
        household(1, a, **poor_house),                                          # complete, RTLH
        household(2, a, **dict(poor_house, jenis_atap="ilalang kering", status_rumah="")),  # roof and tenure unknown
        household(3, a, sumber_air_minum="air gunung", fasilitas_bab="", desil="abc"),      # water, toilet, desil unknown
        household(4, a, jenis_atap="ilalang", jenis_dinding="xx", jenis_lantai="yy"),       # not RTLH on known parts
    ]
    path = tmp_path_factory.mktemp("rt") / "tidak_lengkap.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    result = import_households(path, url=url)
    assert (result.inserted, result.rejected) == (4, 0)
    scores = run_analysis("skor", {"tahun_acuan": 2026}, url=url)
    gaps = run_analysis("celah", {}, url=url)
    return url, scores, gaps


def _score(url, run_id, id_keluarga):
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT s.rtlh, s.memenuhi_syarat, s.alasan_tidak_memenuhi, s.data_tidak_lengkap FROM skor_rtlh s "
            "JOIN rumah_tangga h ON h.kode_prov = s.kode_prov AND h.id = s.rumah_tangga_id "
            "WHERE s.run_id = %s AND h.id_keluarga = %s", (run_id, id_keluarga)).fetchone()


def test_rtlh_score_names_the_components_it_could_not_score(incomplete):
    url, scores, _ = incomplete
    assert _score(url, scores.run_id, "KK00001") == (True, True, [], [])
    rtlh, eligible, reasons, missing = _score(url, scores.run_id, "KK00002")
    # RTLH on the known components already; tenure unknown: not eligible *because data is missing*
    assert rtlh and not eligible and reasons == ["data_tidak_lengkap"] and missing == ["atap", "status_rumah"]
    rtlh, eligible, reasons, missing = _score(url, scores.run_id, "KK00003")
    assert "data_tidak_lengkap" in reasons and "desil_di_atas_batas" not in reasons
    assert set(missing) >= {"air", "sanitasi", "desil"}
    rtlh, eligible, reasons, missing = _score(url, scores.run_id, "KK00004")
    assert not rtlh and "data_tidak_lengkap" in reasons and "bukan_rtlh" not in reasons
    assert set(missing) >= {"atap", "dinding", "lantai"}


def test_gaps_count_unknown_home_access_apart(incomplete):
    url, _, gaps = incomplete
    with psycopg.connect(url) as conn:
        access = {row[0]: row[1:] for row in conn.execute(
            "SELECT h.id_keluarga, a.terlayani_air, a.terlayani_sanitasi FROM analisis_akses a "
            "JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id WHERE a.run_id = %s",
            (gaps.run_id,))}
    # no facility in this database: known answers decide, an empty one is neither served nor unserved
    assert access["KK00001"] == (False, False) and access["KK00004"] == (True, True)
    assert access["KK00003"] == (None, None)
    assert (gaps.ringkasan["data_tidak_lengkap_air"], gaps.ringkasan["data_tidak_lengkap_sanitasi"]) == (1, 1)
    assert (gaps.ringkasan["tak_terlayani_air"], gaps.ringkasan["tak_terlayani_sanitasi"]) == (2, 2)


def test_village_profile_lists_households_with_incomplete_data(incomplete):
    from conftest import login, make_app
    from spatial.users import create_demo_users

    url, _, _ = incomplete
    create_demo_users(url)
    client = make_app(url, WTF_CSRF_ENABLED=False).test_client()
    login(client, "perkim")
    page = client.get(f"/desa/{villages(url)['a'][0]}").get_data(as_text=True)
    assert 'id="incomplete-households"' in page and "Data tidak lengkap: 3 rumah tangga" in page
    assert "KK00002" in page and "bahan atap, status rumah" in page and "KK00001</td>" not in page.split(
        'id="incomplete-households"')[1]
    login(client, "viewer")
    assert 'id="incomplete-households"' not in client.get(f"/desa/{villages(url)['a'][0]}").get_data(as_text=True)
