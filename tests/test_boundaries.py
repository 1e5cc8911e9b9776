"""Village boundary loader: idempotence, polygon repair, code rejection, reprojection."""
import json

import geopandas as gpd
import psycopg
import pytest
from shapely.geometry import Polygon, mapping

from spatial.boundaries import BoundaryError, load_boundaries
from spatial.sample import SAMPLE_BOUNDARIES


def _feature(kode, nama, geometry):
    return {"type": "Feature", "properties": {"kode_desa": kode, "nama_desa": nama, "nama_kec": "Uji",
                                              "nama_kab": "Kabupaten Uji"}, "geometry": geometry}


def _write(tmp_path, features, name="desa.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_reloading_the_same_file_changes_nothing(scratch_db):
    with psycopg.connect(scratch_db) as conn:
        before = conn.execute("SELECT kode_desa, dimuat_pada, md5(ST_AsBinary(geom)) FROM desa ORDER BY 1").fetchall()
    report = load_boundaries(str(SAMPLE_BOUNDARIES), url=scratch_db)
    with psycopg.connect(scratch_db) as conn:
        after = conn.execute("SELECT kode_desa, dimuat_pada, md5(ST_AsBinary(geom)) FROM desa ORDER BY 1").fetchall()
        parts = conn.execute("SELECT count(DISTINCT kode_desa) FROM desa_bagian").fetchone()[0]
    assert report.read == 136 and report.unchanged == 136
    assert report.inserted == [] and report.updated == [] and report.rejected == []
    assert before == after and len(after) == 136
    assert parts == 136


def test_invalid_polygon_is_repaired_and_reported(scratch_db, tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[104.0, -5.0], [104.01, -5.01], [104.01, -5.0],
                                                  [104.0, -5.01], [104.0, -5.0]]]}
    report = load_boundaries(str(_write(tmp_path, [_feature("18.04.99.2001", "Desa Kupu", bowtie)])), url=scratch_db)
    assert report.repaired == [("18.04.99.2001", "Desa Kupu")]
    with psycopg.connect(scratch_db) as conn:
        valid, kind, repaired, area = conn.execute(
            "SELECT ST_IsValid(geom), GeometryType(geom), diperbaiki, luas_m2 FROM desa WHERE kode_desa = '18.04.99.2001'"
        ).fetchone()
    assert valid and kind == "MULTIPOLYGON" and repaired
    assert area == pytest.approx(2 * 0.5 * 1107 * 553, rel=0.05)  # two triangles of the bow tie


def test_features_without_a_valid_code_are_rejected_with_a_reason(scratch_db, tmp_path):
    square = mapping(Polygon([(104.0, -5.0), (104.01, -5.0), (104.01, -5.01), (104.0, -5.01)]))
    features = [_feature("18.04.99.2001", "Sah", square), _feature("1804992", "Pendek", square),
                _feature(None, "Tanpa Kode", square), _feature("1804992002", "Tanpa Titik", square)]
    report = load_boundaries(str(_write(tmp_path, features)), url=scratch_db)
    assert [(pos, name) for pos, _, name, _ in report.rejected] == [(2, "Pendek"), (3, "Tanpa Kode")]
    assert all("Kemendagri" in reason for *_, reason in report.rejected)
    assert sorted(report.inserted) == ["18.04.99.2001", "18.04.99.2002"]  # plain 10-digit code accepted


def test_file_without_code_column_is_refused(scratch_db, tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nama": "A"}, "geometry": mapping(Polygon([(0, 0), (1, 0), (1, 1)]))}]}))
    with pytest.raises(BoundaryError, match="kolom kode desa"):
        load_boundaries(str(path), url=scratch_db)


def test_projected_geopackage_is_reprojected_to_lon_lat(scratch_db, tmp_path):
    frame = gpd.read_file(SAMPLE_BOUNDARIES).head(3).to_crs(32748)  # UTM 48S, metres
    path = tmp_path / "desa.gpkg"
    frame.to_file(path, driver="GPKG")
    report = load_boundaries(str(path), url=scratch_db)
    assert report.unchanged + len(report.updated) == 3
    with psycopg.connect(scratch_db) as conn:
        srid, xmin = conn.execute(
            "SELECT ST_SRID(geom), ST_XMin(geom) FROM desa WHERE kode_desa = %s", (frame.iloc[0]["kode_desa"],)).fetchone()
    assert srid == 4326 and 103 < xmin < 105
