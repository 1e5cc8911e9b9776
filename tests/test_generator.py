"""The synthetic registry generator: format, determinism, realism and the planted truth.

No database: a 3,000-household sample on the real Lampung Barat boundaries is generated once into a
temporary folder and checked with geopandas in a metric CRS (UTM 48S), independently of the
generator's own geometry helpers.
"""
import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from spatial.codelists import (
    AIR_MINUM_LAYAK, FACILITY_COLUMNS, FACILITY_TYPES, FASILITAS_BAB_LAYAK, HOUSEHOLD_CATEGORIES,
    HOUSEHOLD_COLUMNS, JENIS_KLOSET_LAYAK, KONDISI_BERFUNGSI, KONDISI_FASILITAS, PEMBUANGAN_TINJA_LAYAK,
)
from spatial.synthetic import generate
from spatial.synthetic.dirty import SPELLINGS, UNKNOWN_VALUES
from spatial.sample import SAMPLE_BOUNDARIES

HOUSEHOLDS = 3000
SEED = 11
UTM = 32748
FILES = ("households.csv", "facilities.csv", "ground_truth.json", "households_dirty.csv", "dirty_truth.json")
INDONESIA = (-11.5, 6.5, 94.5, 141.5)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Folder of a generated sample with the dirty copy."""
    folder = tmp_path_factory.mktemp("generated")
    generate(SAMPLE_BOUNDARIES, folder, households=HOUSEHOLDS, seed=SEED, dirty=True)
    return folder


@pytest.fixture(scope="module")
def villages():
    """Village polygons indexed by code."""
    return gpd.read_file(SAMPLE_BOUNDARIES).set_index("kode_desa")


@pytest.fixture(scope="module")
def households(sample):
    """The generated households, every cell as text."""
    return pd.read_csv(sample / "households.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def truth(sample):
    """The generated ground truth."""
    return json.loads((sample / "ground_truth.json").read_text())


def _points(frame, lon="longitude", lat="latitude"):
    """Rows with coordinates as a GeoDataFrame in UTM 48S (metres)."""
    located = frame[frame[lat] != ""]
    geometry = gpd.points_from_xy(located[lon].astype(float), located[lat].astype(float))
    return gpd.GeoDataFrame(located, geometry=geometry, crs=4326).to_crs(UTM)


def _centre(entry):
    return gpd.GeoSeries(gpd.points_from_xy([entry["lon"]], [entry["lat"]]), crs=4326).to_crs(UTM).iloc[0]


def _home_layak(frame):
    """(safe water, improved sanitation) per household by the BPS definitions."""
    water = frame["sumber_air_minum"].isin(AIR_MINUM_LAYAK)
    sanitation = (frame["fasilitas_bab"].isin(FASILITAS_BAB_LAYAK) & frame["jenis_kloset"].isin(JENIS_KLOSET_LAYAK)
                  & frame["pembuangan_tinja"].isin(PEMBUANGAN_TINJA_LAYAK))
    return water, sanitation


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(sample, tmp_path):
    generate(SAMPLE_BOUNDARIES, tmp_path / "again", households=HOUSEHOLDS, seed=SEED, dirty=True)
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == (sample / name).read_bytes(), name
    generate(SAMPLE_BOUNDARIES, tmp_path / "other", households=HOUSEHOLDS, seed=SEED + 1)
    assert (tmp_path / "other" / "households.csv").read_bytes() != (sample / "households.csv").read_bytes()


def test_smaller_sample_keeps_the_planted_places(truth, tmp_path):
    result = generate(SAMPLE_BOUNDARIES, tmp_path, households=HOUSEHOLDS // 2, seed=SEED)
    smaller = json.loads(result["paths"]["ground_truth"].read_text())
    places = [(p["id"], p["lon"], p["lat"], p["kode_desa"]) for p in truth["poverty_pockets"] + truth["service_gaps"]]
    assert [(p["id"], p["lon"], p["lat"], p["kode_desa"])
            for p in smaller["poverty_pockets"] + smaller["service_gaps"]] == places
    assert result["counts"]["households"] == HOUSEHOLDS // 2
    assert len(pd.read_csv(result["paths"]["households"])) == HOUSEHOLDS // 2


def test_headers_and_row_count(sample, households):
    assert tuple(households.columns) == HOUSEHOLD_COLUMNS
    assert len(households) == HOUSEHOLDS
    assert tuple(pd.read_csv(sample / "facilities.csv", nrows=0).columns) == FACILITY_COLUMNS
    assert (sample / "households.csv").read_bytes().startswith(b"id_keluarga,nik_kepala,")


def test_ids_and_niks_are_well_formed_and_unique(households):
    code = households["kode_desa"].str.replace(".", "", regex=False)
    assert (households["id_keluarga"].str[2:12] == code).all()
    assert households["id_keluarga"].str.fullmatch(r"KK\d{10}-\d{6}").all()
    assert households["id_keluarga"].is_unique and households["nik_kepala"].is_unique
    nik = households["nik_kepala"]
    assert nik.str.fullmatch(r"\d{16}").all()
    assert (nik.str[:6] == code.str[:6]).all()
    day, month = nik.str[6:8].astype(int), nik.str[8:10].astype(int)
    woman = households["kepala_perempuan"] == "1"
    assert day[woman].between(41, 71).all() and day[~woman].between(1, 31).all()
    assert month.between(1, 12).all()
    assert households["alamat"].str.fullmatch(r"(Dusun|Lingkungan) [IVX]+ RT \d{3}/RW \d{3}").all()


def test_values_follow_the_code_lists_and_plausible_ranges(households):
    for column, codes in HOUSEHOLD_CATEGORIES.items():
        assert households[column].isin(codes).all() or column == "jenis_kloset", column
    no_toilet = households["fasilitas_bab"] == "tidak ada"
    assert (households["jenis_kloset"] == "").equals(no_toilet)
    assert households.loc[~no_toilet, "jenis_kloset"].isin(HOUSEHOLD_CATEGORIES["jenis_kloset"]).all()
    for column in ("ada_lansia", "ada_disabilitas", "kepala_perempuan"):
        assert households[column].isin(["0", "1"]).all() and households[column].nunique() == 2
    assert set(households["desil"].astype(int)) == set(range(1, 11))
    members, under_five = households["jumlah_anggota"].astype(int), households["jumlah_balita"].astype(int)
    assert members.between(1, 9).all() and 3.5 < members.mean() < 4.1
    assert under_five.between(0, 3).all() and np.corrcoef(members, under_five)[0, 1] > 0.3
    assert households["luas_lantai_m2"].astype(float).gt(0).all()
    aided = households["tahun_bantuan_rumah"]
    assert aided[aided != ""].astype(int).between(2015, 2026).all() and 0.02 < (aided != "").mean() < 0.08
    assert (households["status_rumah"] == "milik sendiri").mean() > 0.7


def test_cramped_houses_are_more_common_among_the_poor(households):
    per_person = households["luas_lantai_m2"].astype(float) / households["jumlah_anggota"].astype(int)
    poor = households["desil"].astype(int) <= 2
    assert (per_person[poor] < 7.2).mean() > 3 * (per_person[~poor] < 7.2).mean()


def test_about_two_percent_have_no_coordinates_but_keep_their_village(households, villages):
    lat_missing, lon_missing = households["latitude"] == "", households["longitude"] == ""
    assert lat_missing.equals(lon_missing)
    assert 0.01 <= lat_missing.mean() <= 0.035
    assert households.loc[lat_missing, "kode_desa"].isin(villages.index).all()
    assert households.loc[~lat_missing, "latitude"].str.fullmatch(r"-?\d+\.\d{6}").all()


def test_points_lie_in_their_declared_village(households, villages):
    points = _points(households)
    polygons = villages.to_crs(UTM).geometry.make_valid().loc[points["kode_desa"]]
    inside = polygons.contains(points.geometry, align=False)
    assert inside.mean() >= 0.95


def test_pockets_are_poor_and_badly_housed_while_the_background_is_not(households, truth):
    assert len(truth["poverty_pockets"]) >= 5
    points = _points(households)
    poor = points["desil"].astype(int) <= 2
    rough_walls = points["jenis_dinding"] != "tembok"
    for pocket in truth["poverty_pockets"]:
        inside = points.geometry.distance(_centre(pocket)) <= pocket["radius_m"]
        assert inside.sum() == pocket["households"] >= 20
        assert poor[inside].mean() >= 0.7
        assert poor[inside].mean() == pytest.approx(pocket["poor_share"], abs=1e-4)
        assert rough_walls[inside].mean() >= 0.7
    overall = (households["desil"].astype(int) <= 2).mean()
    assert 0.1 < overall < 0.3
    assert rough_walls.mean() < 0.6


def test_gaps_have_no_working_facility_of_their_kind_within_one_km(sample, households, truth):
    gaps = truth["service_gaps"]
    settlements = {g["settlement"] for g in gaps}
    assert len(settlements) >= 4
    assert sorted((g["settlement"], g["kind"]) for g in gaps) == [(s, k) for s in sorted(settlements)
                                                                   for k in ("air", "sanitasi")]
    facilities = _points(pd.read_csv(sample / "facilities.csv", dtype=str, keep_default_na=False))
    working = facilities["kondisi"].isin(KONDISI_BERFUNGSI)
    kind = facilities["jenis"].map(FACILITY_TYPES)
    points = _points(households)
    water, sanitation = _home_layak(points)
    for gap in gaps:
        members = points[points.geometry.distance(_centre(gap)) <= gap["radius_m"]]
        assert len(members) == gap["households"] > 0
        same_kind = facilities[working & (kind == gap["kind"])]
        nearest = members.geometry.apply(lambda p, same_kind=same_kind: same_kind.distance(p).min())
        assert nearest.min() > 1000, gap["id"]
        layak = (water if gap["kind"] == "air" else sanitation)[members.index]
        assert (~layak).mean() >= 0.6, gap["id"]


def test_elsewhere_most_households_have_working_water_and_mck_nearby(sample, households, truth):
    facilities = _points(pd.read_csv(sample / "facilities.csv", dtype=str, keep_default_na=False))
    assert set(facilities["jenis"]) == set(FACILITY_TYPES)
    assert set(facilities["kondisi"]) == set(KONDISI_FASILITAS)
    assert (facilities["jenis"] == "posyandu").sum() == len(set(facilities["kode_desa"]))
    assert facilities["kapasitas_kk"].str.fullmatch(r"\d+").all()
    points = _points(households)
    outside_gaps = np.ones(len(points), dtype=bool)
    for gap in truth["service_gaps"]:
        outside_gaps &= (points.geometry.distance(_centre(gap)) > gap["radius_m"]).to_numpy()
    working = facilities[facilities["kondisi"].isin(KONDISI_BERFUNGSI)]
    for kind in ("air", "sanitasi"):
        nearby = gpd.sjoin_nearest(points[outside_gaps], working[working["jenis"].map(FACILITY_TYPES) == kind],
                                   max_distance=500, how="inner")
        assert nearby.index.nunique() / outside_gaps.sum() >= 0.6, kind


def _in_indonesia(lat: float, lon: float) -> bool:
    return INDONESIA[0] <= lat <= INDONESIA[1] and INDONESIA[2] <= lon <= INDONESIA[3]


def _defect_present(reason: str, row: dict, earlier: pd.DataFrame, villages) -> bool:
    """Whether a dirty row really shows the defect its reason code names."""
    lat, lon = row["latitude"], row["longitude"]
    checks = {
        "id_kosong": lambda: row["id_keluarga"] == "",
        "nik_tidak_valid": lambda: re.fullmatch(r"\d{16}", row["nik_kepala"]) is None,
        "kode_desa_tidak_dikenal": lambda: row["kode_desa"] not in villages.index,
        "kategori_tidak_valid": lambda: any(row[c] == value for c, value in UNKNOWN_VALUES),
        "desil_di_luar_rentang": lambda: int(row["desil"]) not in range(1, 11),
        "angka_tidak_valid": lambda: not row["jumlah_anggota"].isdigit(),
        "koordinat_di_luar_indonesia": lambda: not _in_indonesia(float(lat), float(lon))
        and not _in_indonesia(float(lon), float(lat)),
        "koordinat_tertukar": lambda: not _in_indonesia(float(lat), float(lon))
        and villages.geometry[row["kode_desa"]].contains(gpd.points_from_xy([float(lat)], [float(lon)])[0]),
        "lokasi_meragukan": lambda: _in_indonesia(float(lat), float(lon)) and gpd.GeoSeries(
            gpd.points_from_xy([float(lon)], [float(lat)]), crs=4326).to_crs(UTM).distance(
            villages.to_crs(UTM).geometry[row["kode_desa"]]).iloc[0] > 5000,
        "id_ganda": lambda: row["id_keluarga"] in set(earlier["id_keluarga"]),
        "nik_ganda": lambda: row["nik_kepala"] in set(earlier["nik_kepala"])
        and row["id_keluarga"] not in set(earlier["id_keluarga"]),
        "valid_variant": lambda: re.fullmatch(r"\d+,\d+", row["luas_lantai_m2"]) is not None
        or (row["jenis_atap"].isupper() and row["jenis_atap"].lower() in HOUSEHOLD_CATEGORIES["jenis_atap"])
        or any(row[c] == value for c, value in SPELLINGS),
    }
    return checks[reason]()


def test_dirty_rows_contain_exactly_the_stated_defects(sample, households, villages):
    dirty = pd.read_csv(sample / "households_dirty.csv", dtype=str, keep_default_na=False)
    listed = json.loads((sample / "dirty_truth.json").read_text())["rows"]
    assert tuple(dirty.columns) == HOUSEHOLD_COLUMNS and len(dirty) == len(households)
    changed = set(np.flatnonzero((dirty != households).any(axis=1).to_numpy()) + 1)
    assert changed == {entry["row"] for entry in listed}
    assert 0.02 <= len(listed) / len(households) <= 0.04
    reasons = {entry["reason"] for entry in listed}
    assert reasons == {"id_kosong", "nik_tidak_valid", "kode_desa_tidak_dikenal", "kategori_tidak_valid",
                       "desil_di_luar_rentang", "angka_tidak_valid", "koordinat_di_luar_indonesia",
                       "koordinat_tertukar", "lokasi_meragukan", "id_ganda", "nik_ganda", "valid_variant"}
    for entry in listed:
        row = dirty.iloc[entry["row"] - 1].to_dict()
        assert row["id_keluarga"] == entry["id_keluarga"]
        assert _defect_present(entry["reason"], row, dirty.iloc[:entry["row"] - 1], villages), entry
