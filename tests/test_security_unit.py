"""Issue #8 helpers without a database: NIK masking, password policy, upload limits, CSP."""
import io
import json
import stat
import zipfile

import pytest

from spatial.privacy import mask_nik, nik_for_role
from spatial.spreadsheet import safe_cell
from spatial.uploads import (UploadError, json_depth, load_geojson, require_kind, safe_extract_zip,
                             shapefile_from_zip, sniff)
from spatial.users import password_problems
from webgis.security import basemap_origin, content_security_policy


def test_mask_nik_keeps_region_and_last_four():
    assert mask_nik("1804041234560001") == "1804********0001"
    assert mask_nik("1804 0412 3456 0001") == "1804********0001"
    assert mask_nik("123456") == "******"
    assert mask_nik(None) is None and mask_nik("") == ""


def test_nik_by_role():
    assert nik_for_role("1804041234560001", "perkim") == "1804041234560001"
    assert nik_for_role("1804041234560001", "viewer") is None
    assert nik_for_role("1804041234560001", None) is None


@pytest.mark.parametrize("password", ["pendek1!", "passwordpassword", "Password2024!", "budi-Rahasia-99x",
                                      "aaaaaaaaaaaaaaaa", "abcdefghijklmnop", "demo-admin"])
def test_weak_passwords_refused(password):
    assert password_problems(password, "budi")


def test_strong_password_accepted():
    assert password_problems("Kopi-Liwa-7-Gunung", "budi") == []


def test_formula_cells_neutralised():
    assert [safe_cell(v) for v in ("=1+1", "+62", "-2", "@SUM(A1)", "aman", 5)] == [
        "'=1+1", "'+62", "'-2", "'@SUM(A1)", "aman", 5]


def _zip(tmp_path, members, name="a.zip", compression=zipfile.ZIP_DEFLATED):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression) as archive:
        for member, data in members.items():
            if isinstance(member, zipfile.ZipInfo):
                archive.writestr(member, data)
            else:
                archive.writestr(member, data)
    return path


def test_zip_path_traversal_refused(tmp_path):
    path = _zip(tmp_path, {"../../etc/evil.shp": b"x", "ok.dbf": b"y"})
    with pytest.raises(UploadError, match="tidak aman"):
        safe_extract_zip(path, tmp_path / "out")
    assert not (tmp_path / "etc").exists() and not list((tmp_path).glob("**/evil.shp"))
    absolute = _zip(tmp_path, {"/tmp/abs.shp": b"x"}, name="b.zip")
    with pytest.raises(UploadError, match="tidak aman"):
        safe_extract_zip(absolute, tmp_path / "out2")


def test_zip_symlink_refused(tmp_path):
    info = zipfile.ZipInfo("link.shp")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _zip(tmp_path, {info: "/etc/passwd"})
    with pytest.raises(UploadError, match="tautan"):
        safe_extract_zip(path, tmp_path / "out")


def test_zip_bomb_refused(tmp_path):
    path = _zip(tmp_path, {"bom.shp": b"\0" * (20 << 20)})  # 20 MB of zeros compress ~1000x
    with pytest.raises(UploadError, match="bom ZIP"):
        safe_extract_zip(path, tmp_path / "out")
    assert not (tmp_path / "out" / "bom.shp").exists()
    many = _zip(tmp_path, {f"f{i}.dbf": b"x" for i in range(30)}, name="many.zip")
    with pytest.raises(UploadError, match="batas 20"):
        safe_extract_zip(many, tmp_path / "out", max_members=20)


def test_zipped_shapefile_extracted_safely(tmp_path):
    path = _zip(tmp_path, {"desa/desa.shp": b"\x00\x00\x27\x0a" + bytes(96), "desa/desa.shx": b"s",
                           "desa/desa.dbf": b"d", "README.exe": b"MZ"}, compression=zipfile.ZIP_STORED)
    shp = shapefile_from_zip(path, tmp_path / "out")
    assert shp == (tmp_path / "out" / "desa" / "desa.shp").resolve()
    assert not (tmp_path / "out" / "README.exe").exists()
    assert sniff(path) == "shapefile_zip"
    incomplete = _zip(tmp_path, {"x.shp": b"1"}, name="c.zip")
    with pytest.raises(UploadError, match="tidak lengkap"):
        shapefile_from_zip(incomplete, tmp_path / "out3")


def test_type_sniffed_not_trusted_from_extension(tmp_path):
    fake = tmp_path / "rumah_tangga.csv"
    fake.write_bytes(b"%PDF-1.7 not a csv")
    with pytest.raises(UploadError, match="dokumen PDF"):
        require_kind(fake, ("csv", "xlsx"))
    real = tmp_path / "data.bin"
    real.write_text("id_keluarga;kode_desa\n1;18.04.04.2002\n")
    assert require_kind(real, ("csv", "xlsx")) == "csv"
    with pytest.raises(UploadError, match="terlalu besar"):
        require_kind(real, ("csv",), limit=10)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", "<x/>")
    (tmp_path / "sheet.csv").write_bytes(buffer.getvalue())
    assert sniff(tmp_path / "sheet.csv") == "xlsx"


def test_geojson_limits():
    polygon = {"type": "Feature", "properties": {"nama": "x"},
               "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
    document = load_geojson(json.dumps({"type": "FeatureCollection", "features": [polygon]}))
    assert document["features"][0]["properties"]["nama"] == "x"
    deep = '{"type": "FeatureCollection", "features": ' + "[" * 5000 + "]" * 5000 + "}"
    assert json_depth(deep) == 5001
    with pytest.raises(UploadError, match="terlalu dalam"):
        load_geojson(deep)
    with pytest.raises(UploadError, match="terlalu besar"):
        load_geojson(b" " * 2000, max_bytes=1000)
    with pytest.raises(UploadError, match="batas 2"):
        load_geojson(json.dumps({"type": "FeatureCollection", "features": [polygon] * 3}), max_features=2)
    with pytest.raises(UploadError, match="Bukan GeoJSON"):
        load_geojson('{"halo": 1}')
    with pytest.raises(UploadError, match="tidak valid"):
        load_geojson('{"type": "Feature", ')


def test_csp_only_self_and_basemap():
    assert basemap_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert basemap_origin("none") is None
    policy = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org" in policy
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "object-src 'none'" in policy
