"""Issue #16, findings 1, 3 and 4: region scope on writes. A perkim scoped to kecamatan A uploads a
household file with rows of kecamatan B and "tandai nonaktif" ticked; reads another user's rejects
report; closes and re-budgets a programme that is not his region's. Each attack is replayed and
must fail; the mark-inactive share guard also stops an unscoped user's mistake."""
import io
import time

import psycopg
import pytest

from conftest import make_app
from import_helpers import csv_text, household, wait_for_import
from spatial.importer.registry import ImportFileError, import_households
from spatial.users import save_user

PASSWORD = "Kopi-Liwa-7-Gunung"
KEC_A, KEC_B = "18.04.04", "18.04.05"


def _village(url, kec):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT d.kode_desa, ST_Y(p), ST_X(p) FROM desa d, ST_PointOnSurface(d.geom) p "
                            "WHERE d.kode_kec = %s ORDER BY d.kode_desa LIMIT 1", (kec,)).fetchone()


@pytest.fixture(scope="module")
def region(module_scratch_db, tmp_path_factory):
    """20 households in kecamatan A (ids KK000xx) and 20 in B (KK001xx), users scoped to A and B,
    an unscoped admin, and an app."""
    url = module_scratch_db
    a, b = _village(url, KEC_A), _village(url, KEC_B)
    rows = [household(n, a) for n in range(20)] + [household(100 + n, b) for n in range(20)]
    path = tmp_path_factory.mktemp("awal") / "awal.csv"
    path.write_text(csv_text(rows))
    import_households(path, url=url)
    save_user("opr_a", PASSWORD, "perkim", kode_wilayah=KEC_A, url=url)
    save_user("opr_b", PASSWORD, "perkim", kode_wilayah=KEC_B, url=url)
    save_user("kepala", PASSWORD, "admin", url=url)
    save_user("admin_a", PASSWORD, "admin", kode_wilayah=KEC_A, url=url)
    app = make_app(url, WTF_CSRF_ENABLED=False, IMPORT_DIR=str(tmp_path_factory.mktemp("impor")))
    yield {"url": url, "app": app, "a": a, "b": b}
    app.extensions["db_pool"].close()


def _client(state, username):
    client = state["app"].test_client()
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 302
    return client


def _households(url):
    with psycopg.connect(url) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT id_keluarga, aktif, nama_kepala, kode_desa FROM rumah_tangga ORDER BY id_keluarga")}


def _upload(client, rows, **fields):
    answer = client.post("/impor/", data={"jenis": "rumah_tangga", "berkas": (io.BytesIO(csv_text(rows).encode()),
                                                                              "rt.csv"), **fields},
                         content_type="multipart/form-data")
    assert answer.status_code == 302, answer.data[:300]
    return wait_for_import(client, answer.headers["Location"])


def test_scoped_import_cannot_touch_other_regions(region):
    url, a, b = region["url"], region["a"], region["b"]
    before = _households(url)
    operator = _client(region, "opr_a")
    rows = [household(500, a)]                                                   # one new household in A
    rows += [household(100 + n, b, nama_kepala="Diubah Orang Lain") for n in range(5)]  # B's households
    rows += [household(110, a, nama_kepala="Dipindah ke A")]                     # a B household "moved" to A
    refused = _upload(operator, rows, tandai_nonaktif="1")
    assert refused["status"] == "gagal" and "20" in refused["galat"], refused  # 20 of 40 (50%) needs confirming
    assert _households(url) == before
    done = _upload(operator, rows, tandai_nonaktif="1", konfirmasi_nonaktif="20")
    assert done["status"] == "selesai", done
    counts = done["hasil"]
    assert counts["ditambah"] == 1 and counts["diubah"] == 0 and counts["dinonaktifkan"] == 20
    assert counts["per_alasan"] == {"di_luar_wilayah": 6}
    after = _households(url)
    assert all(after[k] == before[k] for k in before if k.startswith("KK001")), "kecamatan B untouched"
    assert all(not after[k][0] for k in before if k.startswith("KK000")), "A's households not in the file"
    assert after["KK00500"][0]


def test_mark_inactive_share_needs_confirmation_for_everyone(region, tmp_path):
    url, b = region["url"], region["b"]
    before = _households(url)
    path = tmp_path / "satu.csv"
    path.write_text(csv_text([household(100, b)]))
    would = sum(1 for key, row in before.items() if row[0] and key != "KK00100")
    with pytest.raises(ImportFileError) as refused:
        import_households(path, url=url, mark_inactive=True)
    assert f"konfirmasi jumlah {would}." in str(refused.value) and "10%" in str(refused.value)
    assert _households(url) == before


def test_rejects_report_of_another_users_import_is_not_readable(region):
    a = region["a"]
    admin = _client(region, "kepala")
    state = _upload(admin, [household(600, a), household(601, a, desil="99")])
    report = f"/impor/{state['impor_id']}/ditolak.csv"
    assert admin.get(report).status_code == 200
    assert _client(region, "opr_a").get(report).status_code == 404
    own = _upload(_client(region, "opr_a"), [household(602, a, desil="77")])
    assert _client(region, "opr_a").get(f"/impor/{own['impor_id']}/ditolak.csv").status_code == 200
    assert _client(region, "opr_b").get(f"/impor/{own['impor_id']}/ditolak.csv").status_code == 404


def _program(client, **fields):
    data = {"nama": f"BSPS uji wilayah {time.monotonic()}", "tahun": "2027", "sumber": "APBN", "biaya_satuan": "20000000",
            "anggaran": "400000000", **fields}
    answer = client.post("/seleksi/", data=data)
    assert answer.status_code == 302
    return int(answer.headers["Location"].rstrip("/").split("/")[-1])


def _program_row(url, program_id):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT status, anggaran, kode_wilayah FROM program WHERE id = %s", (program_id,)).fetchone()


def test_scoped_perkim_cannot_close_or_rebudget_another_regions_programme(region):
    url = region["url"]
    district = _program(_client(region, "kepala"))
    operator = _client(region, "opr_a")
    refused = operator.post(f"/seleksi/{district}/status", data={"status": "ditutup"}, follow_redirects=True)
    assert "di luar wilayah Anda" in refused.get_data(as_text=True)
    refused = operator.post(f"/seleksi/{district}/ubah", data={"nama": "x", "tahun": "2027", "sumber": "APBN",
                                                               "biaya_satuan": "1", "anggaran": "1"})
    assert refused.status_code == 403
    assert _program_row(url, district)[:2] == ("aktif", 400000000)
    own = _program(operator)
    assert _program_row(url, own)[2] == KEC_A
    assert _client(region, "opr_b").post(f"/seleksi/{own}/status", data={"status": "ditutup"}).status_code == 403
    assert _program_row(url, own)[0] == "aktif"
    assert operator.post(f"/seleksi/{own}/status", data={"status": "ditutup"}).status_code == 302
    assert _program_row(url, own)[0] == "ditutup"


def test_scoped_admin_cannot_issue_or_revoke_agency_tokens(region):
    """An agency token reads the whole deployment: only an unscoped admin issues or revokes one."""
    scoped = _client(region, "admin_a")
    assert scoped.post("/ekspor/token", data={"instansi": "Dinas X", "koleksi": "desa"}).status_code == 403
    admin = _client(region, "kepala")
    assert admin.post("/ekspor/token", data={"instansi": "Dinas Y", "koleksi": "desa"}).status_code == 200
    with psycopg.connect(region["url"]) as conn:
        token_id = conn.execute("SELECT max(id) FROM token_instansi").fetchone()[0]
    assert scoped.post("/ekspor/token", data={"cabut": token_id}).status_code == 403
    with psycopg.connect(region["url"]) as conn:
        assert conn.execute("SELECT count(*) FROM token_instansi WHERE instansi = 'Dinas X'").fetchone()[0] == 0
        assert conn.execute("SELECT dicabut_pada IS NULL FROM token_instansi WHERE id = %s", (token_id,)).fetchone()[0]
