"""Region scope in beneficiary selection (#8): a perkim operator scoped to one kecamatan sees, selects,
exports and changes only that kecamatan's households; the list page with personal data is audited
(real PostGIS, sample of db_url)."""
import io
import json
import time

import psycopg
import pytest
from openpyxl import load_workbook

from spatial.selection import candidates
from spatial.users import save_user
from tests.conftest import login
from tests.selection_helpers import drop_programs, new_program, program

KEC = "18.04.04"
USER, PASSWORD = "perkim_kec_seleksi", "Seleksi-Balik-Bukit-2026!"


@pytest.fixture(scope="module")
def scoped(app, db_url):
    """Test client signed in as a perkim operator scoped to kecamatan KEC."""
    save_user(USER, PASSWORD, "perkim", name="Operator Balik Bukit", kode_wilayah=KEC, url=db_url)
    client = app.test_client()
    assert client.post("/login", data={"username": USER, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def programme(db_url):
    program_id = new_program(db_url, f"Uji wilayah {time.time_ns()}", units=60)
    yield program_id
    drop_programs(db_url, [program_id])


def _in_kec(kode: str) -> bool:
    return kode == KEC or kode.startswith(KEC + ".")


def _pair(row: dict) -> dict:
    return {"kode_prov": row["kode_prov"], "id": row["id"]}


def _selected_villages(conn, program_id) -> list[str]:
    return [r[0] for r in conn.execute("SELECT h.kode_desa FROM seleksi s JOIN rumah_tangga h ON h.kode_prov = "
                                       "s.kode_prov AND h.id = s.rumah_tangga_id WHERE s.program_id = %s",
                                       (program_id,)).fetchall()]


def _area_around_kecamatan(conn) -> dict:
    """A rectangle around KEC, grown so that it also covers parts of its neighbours."""
    return json.loads(conn.execute("SELECT ST_AsGeoJSON(ST_Envelope(ST_Buffer(ST_Collect(geom), 0.02))) FROM desa "
                                   "WHERE kode_kec = %s", (KEC,)).fetchone()[0])


def test_scoped_operator_sees_and_selects_only_the_kecamatan(app, db_url, scoped, programme):
    with psycopg.connect(db_url) as conn:
        prog = program(conn, programme)
        everyone = candidates.households(conn, prog)
        mine = candidates.households(conn, prog, wilayah=KEC)
        area = _area_around_kecamatan(conn)
        in_area = candidates.households(conn, prog, area=area)
    assert mine and len(mine) < len(everyone) and all(r["kode_kec"] == KEC for r in mine)
    assert any(r["kode_kec"] != KEC for r in in_area)           # the area spills over the border

    listed = scoped.get(f"/api/seleksi/{programme}/kandidat").get_json()
    shown = [f["properties"] for f in listed["features"]] + listed["tanpa_gps"]
    assert len(shown) == len(mine) and {p["kode_kec"] for p in shown} == {KEC}
    page = scoped.get(f"/seleksi/{programme}").get_data(as_text=True)
    assert f'value="{KEC}"' in page and 'value="18.04.05"' not in page    # kecamatan filter: own only

    preview = scoped.post(f"/api/seleksi/{programme}/area/pratinjau", json={"geometry": area}).get_json()
    assert preview["memenuhi_syarat"] == sum(r["kode_kec"] == KEC for r in in_area) > 0
    unscoped = login(app.test_client(), "perkim").post(f"/api/seleksi/{programme}/area/pratinjau",
                                                       json={"geometry": area}).get_json()
    assert unscoped["memenuhi_syarat"] == len(in_area) > preview["memenuhi_syarat"]

    outsider = next(r for r in everyone if r["kode_kec"] != KEC)
    refused = scoped.post(f"/api/seleksi/{programme}/tambah", json={"rumah_tangga": [_pair(mine[0]), _pair(outsider)]})
    assert refused.status_code == 403
    assert "di luar wilayah kerja" in refused.get_json()["error"] and outsider["id_keluarga"] in refused.get_json()["error"]
    with psycopg.connect(db_url) as conn:
        assert _selected_villages(conn, programme) == []          # nothing changed, not even the in-scope one
    added = scoped.post(f"/api/seleksi/{programme}/tambah", json={"rumah_tangga": [_pair(mine[0])]}).get_json()
    assert added["ditambah"] == [[mine[0]["kode_prov"], mine[0]["id"]]]

    proposal = scoped.post(f"/api/seleksi/{programme}/usulan", json={"terapkan": False}).get_json()
    in_kec = {(r["kode_prov"], r["id"]) for r in mine}
    assert proposal["jumlah"] == min(59, len(mine) - 1)
    assert all(tuple(pair) in in_kec for pair in proposal["rumah_tangga"])
    area_added = scoped.post(f"/api/seleksi/{programme}/area/tambah", json={"geometry": area}).get_json()
    assert area_added["ditambah"]
    with psycopg.connect(db_url) as conn:
        villages = _selected_villages(conn, programme)
    assert len(villages) == 1 + len(area_added["ditambah"]) and all(_in_kec(v) for v in villages)


def test_scoped_operator_cannot_touch_or_export_other_households(app, db_url, scoped, programme):
    with psycopg.connect(db_url) as conn:
        prog = program(conn, programme)
        everyone = candidates.households(conn, prog)
    inside = next(r for r in everyone if r["kode_kec"] == KEC)
    outside = next(r for r in everyone if r["kode_kec"] != KEC)
    admin = login(app.test_client(), "perkim")
    added = admin.post(f"/api/seleksi/{programme}/tambah", json={"rumah_tangga": [_pair(inside), _pair(outside)]})
    assert len(added.get_json()["ditambah"]) == 2
    with psycopg.connect(db_url) as conn:
        sid_out = conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                               (programme, outside["id"])).fetchone()[0]

    removal = scoped.post(f"/api/seleksi/{programme}/hapus", json={"rumah_tangga": [_pair(outside)]})
    assert removal.status_code == 403 and outside["id_keluarga"] in removal.get_json()["error"]
    step = scoped.post(f"/seleksi/{programme}/seleksi/{sid_out}/status", data={"ke": "ditolak", "alasan": "uji"})
    assert step.status_code == 403 and outside["id_keluarga"] in step.get_data(as_text=True)
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT status FROM seleksi WHERE id = %s", (sid_out,)).fetchone()[0] == "usulan"
    assert scoped.get(f"/seleksi/{programme}/foto/{sid_out}").status_code == 404
    assert scoped.get(f"/seleksi/{programme}/lembar-verifikasi/{outside['kode_desa']}").status_code == 404
    sheet = scoped.get(f"/seleksi/{programme}/lembar-verifikasi/{inside['kode_desa']}")
    assert sheet.status_code == 200 and inside["id_keluarga"] in sheet.get_data(as_text=True)

    text = scoped.get(f"/seleksi/{programme}/ekspor.csv").data.decode("utf-8-sig")
    assert len(text.splitlines()) == 2 and inside["id_keluarga"] in text and outside["id_keluarga"] not in text
    assert len(admin.get(f"/seleksi/{programme}/ekspor.csv").data.decode("utf-8-sig").splitlines()) == 3
    features = json.loads(scoped.get(f"/seleksi/{programme}/ekspor.geojson").data)["features"]
    assert [f["properties"]["id_keluarga"] for f in features] == [inside["id_keluarga"]]
    values = list(load_workbook(io.BytesIO(scoped.get(f"/seleksi/{programme}/ekspor.xlsx").data)).active
                  .iter_rows(values_only=True))
    assert ("Wilayah daftar", KEC) in [tuple(r[:2]) for r in values]
    assert [r[1] for r in values if isinstance(r[0], int)] == [inside["id_keluarga"]]

    listing = scoped.get(f"/seleksi/{programme}/daftar").get_data(as_text=True)
    assert inside["id_keluarga"] in listing and outside["id_keluarga"] not in listing
    with psycopg.connect(db_url) as conn:
        audit = conn.execute("SELECT detail FROM audit_log WHERE aksi = 'lihat_daftar' AND objek = 'program' "
                             "AND objek_id = %s AND pengguna = %s ORDER BY id", (str(programme), USER)).fetchall()
    assert audit and audit[-1][0]["baris"] == 1 and audit[-1][0]["wilayah"] == KEC


def test_list_page_with_personal_data_is_audited(app, db_url, programme):
    client = login(app.test_client(), "perkim")
    with psycopg.connect(db_url) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log WHERE aksi = 'lihat_daftar' AND objek_id = %s",
                              (str(programme),)).fetchone()[0]
    assert client.get(f"/seleksi/{programme}/daftar?desa=18.04.04.2002").status_code == 200
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT pengguna, detail FROM audit_log WHERE aksi = 'lihat_daftar' AND objek = 'program' "
                            "AND objek_id = %s ORDER BY id", (str(programme),)).fetchall()
    assert len(rows) == before + 1
    assert rows[-1][0] == "perkim" and rows[-1][1]["kode_desa"] == "18.04.04.2002" and rows[-1][1]["wilayah"] is None
