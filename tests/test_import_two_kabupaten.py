"""Issue #17: ids are unique per kabupaten. Two kabupaten whose files share ids each keep their own
records; an import that would move a stored record to another kabupaten is refused
(pindah_wilayah) unless moves are allowed, and says so either way."""
import json

import psycopg
import pytest

from import_helpers import csv_text, household, villages
from spatial.boundaries import load_boundaries
from spatial.codelists import FACILITY_COLUMNS
from spatial.importer.report import rejects
from spatial.importer.registry import import_facilities, import_households

# A second kabupaten (18.98, not in the sample boundaries), away from Lampung Barat.
SECOND = [("18.98.01.2001", 105.40, -4.60), ("18.98.01.2002", 105.45, -4.60)]


@pytest.fixture(scope="module")
def two_kab(module_scratch_db, tmp_path_factory):
    url = module_scratch_db
    features = [{"type": "Feature", "properties": {"kode_desa": code, "nama": f"Desa Uji {code[-1]}",
                                                   "nama_kec": "Kec Uji", "nama_kab": "Kab Uji"},
                 "geometry": {"type": "Polygon", "coordinates": [[[x, y], [x + 0.04, y], [x + 0.04, y + 0.04],
                                                                  [x, y + 0.04], [x, y]]]}}
                for code, x, y in SECOND]
    path = tmp_path_factory.mktemp("batas") / "kab_uji.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    load_boundaries(str(path), url=url, source=path.name)
    first = villages(url)["a"]
    second = (SECOND[0][0], SECOND[0][2] + 0.02, SECOND[0][1] + 0.02)
    return url, first, second


def _facilities(rows) -> str:
    lines = [",".join(FACILITY_COLUMNS)]
    for fid, (code, lat, lon), name in rows:
        lines.append(f"{fid},sumur_bor,{name},{code},{lat:.6f},{lon:.6f},baik,50")
    return "\n".join(lines) + "\n"


def _stored(url, table, key):
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT {key}, kode_kab, kode_desa, nama{'_kepala' if table == 'rumah_tangga' else ''} "
                            f"FROM {table} ORDER BY 2, 1").fetchall()


def test_facility_ids_shared_by_two_kabupaten_stay_where_each_file_put_them(two_kab, tmp_path):
    url, first, second = two_kab
    one, two = tmp_path / "kab1.csv", tmp_path / "kab2.csv"
    one.write_text(_facilities([("F00001", first, "Sumur A1"), ("F00002", first, "Sumur A2")]), encoding="utf-8")
    two.write_text(_facilities([("F00001", second, "Sumur B1"), ("F00002", second, "Sumur B2")]), encoding="utf-8")
    assert import_facilities(one, url=url).inserted == 2
    result = import_facilities(two, url=url)
    assert (result.inserted, result.updated, result.rejected) == (2, 0, 0)   # was "0 baru, 2 diubah"
    assert _stored(url, "fasilitas", "id_fasilitas") == [
        ("F00001", "18.04", first[0], "Sumur A1"), ("F00002", "18.04", first[0], "Sumur A2"),
        ("F00001", "18.98", second[0], "Sumur B1"), ("F00002", "18.98", second[0], "Sumur B2")]
    assert import_facilities(one, url=url).changes == 0 and import_facilities(two, url=url).changes == 0


def test_household_ids_shared_by_two_kabupaten_are_two_families(two_kab, tmp_path):
    url, first, second = two_kab
    path = tmp_path / "rt.csv"
    path.write_text(csv_text([household(1, first, nama_kepala="Keluarga Kab Satu")]), encoding="utf-8")
    assert import_households(path, url=url).inserted == 1
    other = household(1, second, nik_kepala="1898011234000001", nama_kepala="Keluarga Kab Dua")
    path.write_text(csv_text([other]), encoding="utf-8")
    result = import_households(path, url=url, mark_inactive=True)
    assert (result.inserted, result.updated, result.deactivated, result.rejected) == (1, 0, 0, 0)
    assert _stored(url, "rumah_tangga", "id_keluarga") == [
        ("KK00001", "18.04", first[0], "Keluarga Kab Satu"), ("KK00001", "18.98", second[0], "Keluarga Kab Dua")]


def test_a_family_moving_to_another_kabupaten_is_refused_unless_allowed(two_kab, tmp_path):
    url, first, second = two_kab
    path = tmp_path / "pindah.csv"
    path.write_text(csv_text([household(7, first)]), encoding="utf-8")
    import_households(path, url=url)
    path.write_text(csv_text([household(7, second)]), encoding="utf-8")   # same id and NIK, other kabupaten
    refused = import_households(path, url=url)
    assert (refused.rejected, refused.inserted, refused.updated, refused.reasons) == (1, 0, 0, {"pindah_wilayah": 1})
    _, rows, _ = rejects(refused.import_id, url)
    assert "18.04" in rows[0][-1] and "18.98" in rows[0][-1] and "--izinkan-pindah" in rows[0][-1]
    assert [r[:2] for r in _stored(url, "rumah_tangga", "id_keluarga") if r[0] == "KK00007"] == [("KK00007", "18.04")]
    moved = import_households(path, url=url, allow_moves=True)
    assert (moved.rejected, moved.updated, moved.warned, moved.reasons) == (0, 1, 1, {"pindah_wilayah": 1})
    assert [r[:3] for r in _stored(url, "rumah_tangga", "id_keluarga") if r[0] == "KK00007"] == [
        ("KK00007", "18.98", second[0])]


def test_a_facility_whose_point_moves_into_another_kabupaten_is_refused_unless_allowed(two_kab, tmp_path):
    url, first, second = two_kab
    path = tmp_path / "f.csv"
    path.write_text(_facilities([("F00009", first, "Sumur Batas")]), encoding="utf-8")
    import_facilities(path, url=url)
    # the same record (same id, same declared village) with a point that lies in the other kabupaten
    path.write_text(_facilities([("F00009", (first[0], second[1], second[2]), "Sumur Batas")]), encoding="utf-8")
    refused = import_facilities(path, url=url)
    assert (refused.rejected, refused.updated, refused.reasons.get("pindah_wilayah")) == (1, 0, 1)
    assert [r[1] for r in _stored(url, "fasilitas", "id_fasilitas") if r[0] == "F00009"] == ["18.04"]
    moved = import_facilities(path, url=url, allow_moves=True)
    assert (moved.rejected, moved.updated) == (0, 1)
    assert [r[1:3] for r in _stored(url, "fasilitas", "id_fasilitas") if r[0] == "F00009"] == [("18.98", second[0])]
