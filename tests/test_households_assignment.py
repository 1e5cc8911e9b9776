"""Households land in exactly one village; counts agree with a geopandas sjoin of the same files."""
import geopandas as gpd
import pandas as pd
import psycopg

from spatial.codes import normalise_kode_desa
from spatial.importer.registry import import_households
from spatial.sample import SAMPLE_BOUNDARIES


def _expected_village(sample_dir):
    """Village of each household by the documented rule, computed independently with geopandas."""
    villages = gpd.read_file(SAMPLE_BOUNDARIES)[["kode_desa", "geometry"]]
    villages["geometry"] = villages.geometry.make_valid()
    rows = pd.read_csv(sample_dir / "households.csv", dtype=str)
    rows["declared"] = rows["kode_desa"].map(normalise_kode_desa)
    located = rows.dropna(subset=["latitude", "longitude"])
    points = gpd.GeoDataFrame(located, geometry=gpd.points_from_xy(
        located["longitude"].astype(float), located["latitude"].astype(float)), crs=4326)
    hits = gpd.sjoin(points, villages.rename(columns={"kode_desa": "hit"}), predicate="intersects", how="inner")
    hits["prefer"] = hits["hit"] != hits["declared"]  # False sorts first: declared village wins
    chosen = hits.sort_values(["id_keluarga", "prefer", "hit"]).drop_duplicates("id_keluarga")
    return chosen.set_index("id_keluarga")["hit"], rows


def test_counts_per_village_equal_geopandas_sjoin(db, sample_dir):
    expected, rows = _expected_village(sample_dir)
    stored = dict(db.execute(
        "SELECT id_keluarga, kode_desa FROM rumah_tangga WHERE kualitas_lokasi NOT IN ('lokasi_perkiraan', 'luar_wilayah')"
    ).fetchall())
    assert len(stored) == len(expected)
    assert stored == expected.to_dict()
    db_counts = dict(db.execute("SELECT kode_desa, count(*) FROM rumah_tangga WHERE geom IS NOT NULL "
                                "AND kualitas_lokasi <> 'luar_wilayah' GROUP BY 1").fetchall())
    assert db_counts == expected.value_counts().to_dict()


def test_every_household_has_exactly_one_village_and_none_is_dropped(db, sample_dir):
    rows = pd.read_csv(sample_dir / "households.csv", dtype=str)
    total, located, without_gps = db.execute(
        "SELECT count(*), count(kode_desa), count(*) FILTER (WHERE kualitas_lokasi = 'lokasi_perkiraan' AND geom IS NULL) "
        "FROM rumah_tangga").fetchone()
    assert total == len(rows) == located
    assert without_gps == rows["latitude"].isna().sum() > 0


def test_overlap_prefers_declared_village_then_lowest_code(scratch_db, tmp_path):
    with psycopg.connect(scratch_db) as conn:
        # A point inside two overlapping villages (found from the real data) and a point at sea.
        a, b, lon, lat = conn.execute(
            """SELECT a.kode_desa, b.kode_desa, ST_X(p), ST_Y(p)
                 FROM desa a JOIN desa b ON a.kode_desa < b.kode_desa AND ST_Overlaps(a.geom, b.geom)
                 CROSS JOIN LATERAL ST_PointOnSurface(ST_Intersection(a.geom, b.geom)) p
                WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0 AND ST_Intersects(a.geom, p) AND ST_Intersects(b.geom, p)
                LIMIT 1""").fetchone()
    header = ("id_keluarga,nik_kepala,nama_kepala,kode_desa,alamat,latitude,longitude,desil,jumlah_anggota,"
              "jumlah_balita,ada_lansia,ada_disabilitas,kepala_perempuan,luas_lantai_m2,jenis_atap,jenis_dinding,"
              "jenis_lantai,fasilitas_bab,jenis_kloset,pembuangan_tinja,sumber_air_minum,sumber_penerangan,"
              "status_rumah,tahun_bantuan_rumah")
    tail = "3,4,1,0,0,0,40,genteng,tembok,keramik,sendiri,leher angsa,tangki septik,ledeng,listrik pln meteran,milik sendiri,"
    lines = [header,
             f"K1,1804041234560001,A,{b},,{lat},{lon},{tail}",   # declares the higher code: keeps it
             f"K2,1804041234560002,B,18.04.04.2002,,{lat},{lon},{tail}",  # declares neither: lowest code
             f"K3,1804041234560003,C,{a},,-6.5,103.0,{tail}"]          # in no village: flagged, kept
    path = tmp_path / "overlap.csv"
    path.write_text("\n".join(lines) + "\n")
    import_households(path, url=scratch_db)
    with psycopg.connect(scratch_db) as conn:
        got = dict((k, (d, q)) for k, d, q in conn.execute(
            "SELECT id_keluarga, kode_desa, kualitas_lokasi FROM rumah_tangga ORDER BY 1"))
    assert got["K1"] == (b, "gps")
    assert got["K2"] == (min(a, b), "gps")
    assert got["K3"] == (a, "luar_wilayah")
