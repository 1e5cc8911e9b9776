"""Issue #24 on the test sample: the planted targeting errors are found, and the per-village figures
equal a direct pandas computation from the generated files."""
import json

import pandas as pd
import psycopg
import pytest

from spatial.synthetic.recipients import PROGRAMS, eligible, read_households
from spatial.targeting import accuracy, hotspots
from spatial.targeting.programs import programs

PLANTED = {"inklusi_desil": "desil_di_atas_batas", "tidak_terdaftar": "tidak_terdaftar",
           "nik_ganda_desa": "nik_ganda_desa"}


@pytest.fixture(scope="module")
def truth(sample_dir):
    return json.loads((sample_dir / "recipients_truth.json").read_text())


@pytest.fixture(scope="module")
def households(db_url, sample_dir):
    """households.csv with the village each household was assigned to (the assignment rule is not
    part of what is tested here)."""
    frame = read_households(sample_dir / "households.csv")
    with psycopg.connect(db_url) as conn:
        assigned = dict(conn.execute("SELECT id_keluarga, kode_desa FROM rumah_tangga").fetchall())
    return frame.assign(desa=frame["id_keluarga"].map(assigned))


def _expected(households: pd.DataFrame, rows: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per village, from the files: the documented definitions written out in pandas."""
    program = programs()[code]
    homes = households.assign(layak=eligible(households, program)).set_index("id_keluarga")
    rows = rows.reset_index(drop=True)
    linked = rows[rows["tertaut"].notna()].copy()
    linked["same"] = [r.kode_desa in (homes.at[r.tertaut, "desa"], homes.at[r.tertaut, "kode_desa"])
                      for r in linked.itertuples()]
    linked = linked.assign(order=linked.index).sort_values(["tertaut", "same", "order"], ascending=[True, False, True])
    first = linked.drop_duplicates("tertaut")
    extra = linked[~linked.index.isin(first.index)]
    receiving = set(first["tertaut"])
    homes["menerima"] = homes.index.isin(receiving)
    out = pd.DataFrame(index=sorted(set(homes["desa"]) | set(rows["kode_desa"])))
    layak = homes["layak"].fillna(False).astype(bool)
    out["sasaran"] = homes[layak].groupby("desa").size()
    out["salah_keluar"] = homes[layak & ~homes["menerima"]].groupby("desa").size()
    out["tepat"] = homes[layak & homes["menerima"]].groupby("desa").size()
    wrong_home = homes[homes["menerima"] & (homes["layak"] == False)].groupby("desa").size()  # noqa: E712
    unlinked = rows[rows["tertaut"].isna()].groupby("kode_desa").size()
    out["salah_masuk"] = (wrong_home.reindex(out.index, fill_value=0) + unlinked.reindex(out.index, fill_value=0)
                          + extra.groupby("kode_desa").size().reindex(out.index, fill_value=0))
    out = out.fillna(0).astype(int)
    out["galat_eksklusi"] = (out["salah_keluar"] / out["sasaran"]).where(out["sasaran"] > 0).round(4)
    out["galat_inklusi"] = (out["salah_masuk"] / (out["salah_masuk"] + out["tepat"])).where(
        out["salah_masuk"] + out["tepat"] > 0).round(4)
    return out


@pytest.mark.parametrize("code", PROGRAMS)
def test_village_rates_equal_a_pandas_computation(db_url, sample_dir, households, truth, code):
    rows = pd.read_csv(sample_dir / f"penerima_{code}.csv", dtype=str)
    rows = pd.DataFrame({"kode_desa": rows.iloc[:, 5], "tertaut": [t["tertaut"] for t in truth[code]["baris"]]})
    expected = _expected(households, rows, code)
    with psycopg.connect(db_url) as conn:
        got = pd.DataFrame(accuracy.villages(conn, code, truth[code]["periode"], None, personal=True)).set_index("kode_desa")
    got = got.reindex(expected.index)
    for column in ("sasaran", "salah_keluar", "tepat", "salah_masuk"):
        assert got[column].fillna(0).astype(int).to_dict() == expected[column].to_dict(), column
    for column in ("galat_eksklusi", "galat_inklusi"):
        pd.testing.assert_series_equal(got[column].astype(float), expected[column].astype(float), check_names=False)


def _key(cells) -> str:
    """The stored key of a row of a list (columns in the documented order)."""
    nik, family, name = cells.iloc[3], cells.iloc[2], cells.iloc[4]
    return f"nik:{nik}" if nik else f"kk:{family}" if family else f"nama:{name.upper()}"


@pytest.mark.parametrize("code", PROGRAMS)
def test_every_planted_error_is_flagged(db_url, sample_dir, truth, code):
    table = pd.read_csv(sample_dir / f"penerima_{code}.csv", dtype=str, keep_default_na=False)
    planted = [(i, t["tanam"]) for i, t in enumerate(truth[code]["baris"]) if t["tanam"]]
    assert planted
    rule = programs()[code]
    with psycopg.connect(db_url) as conn:
        for i, kind in planted:
            cells = table.iloc[i]
            kelas = conn.execute(
                "SELECT k.kelas FROM penerima_bantuan p "
                "JOIN sasaran_ketepatan(p.program, p.periode, %s, %s, %s, 0) k "
                "  ON k.penerima_id = p.id "
                "WHERE p.program = %s AND p.kode_desa_deklarasi = %s AND p.kunci = %s",
                (rule.desil_maks, list(rule.salah_satu), list(rule.status_rumah), code, cells.iloc[5],
                 _key(cells))).fetchall()
            assert [k for (k,) in kelas] == [PLANTED[kind]], (i, kind, cells.to_dict())
    with psycopg.connect(db_url) as conn:
        report = accuracy.report(conn, code, truth[code]["periode"], None, personal=True)
    by_village = {row["kode_desa"]: row for row in report["desa"]}
    excluded, included = by_village[truth[code]["desa_eksklusi"]], by_village[truth[code]["desa_inklusi"]]
    kabupaten = report["kabupaten"][0]
    assert excluded["galat_eksklusi"] > 2 * kabupaten["galat_eksklusi"]
    assert included["galat_inklusi"] > 2 * kabupaten["galat_inklusi"]


def test_exclusion_hot_spots_cover_the_planted_village_per_kabupaten_run(db_url, truth):
    """Loading the sample ran the exclusion scan as one run per kabupaten (the current one is what
    the layer shows), and for PKH and BPNT a significant cluster lies on the planted village."""
    with psycopg.connect(db_url) as conn:
        runs = conn.execute("SELECT kode_wilayah, status FROM analisis_run WHERE jenis = 'eksklusi'").fetchall()
        assert runs and all(status == "selesai" and kab for kab, status in runs)
        for code in ("pkh", "bpnt"):
            layer = hotspots.layer(conn, code, truth[code]["periode"], None)
            villages = {v for f in layer["features"] for v in f["properties"]["desa"]}
            assert truth[code]["desa_eksklusi"] in villages, (code, villages)
            assert all(f["properties"]["p_value"] <= hotspots.DEFAULTS["alpha"] for f in layer["features"])
            assert hotspots.layer(conn, code, truth[code]["periode"], "18.71")["features"] == []  # another kabupaten
