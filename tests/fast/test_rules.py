"""Rules that need no database: the optimiser, quota and form parsing, analysis parameters, tile
maths, region codes, column matching of import files."""
import math

import pytest

from spatial.analysis.common import merge_parameters
from spatial.codes import parents, within
from spatial.errors import InvalidInput, SelectionError
from spatial.importer.columns import HOUSEHOLDS, ImportFileError, normalise_header, resolve_columns
from spatial.maps import click_radius_m
from spatial.selection import candidates, optimiser, programs, rules
from spatial.sqlfiles import statements
from spatial.tiles import MAX_ZOOM, valid_tile

ROWS = [{"id": i, "kode_prov": "18", "skor": s, "kode_desa": d, "kode_kec": "18.04.01"}
        for i, (s, d) in enumerate([(90, "18.04.01.2001"), (80, "18.04.01.2001"), (70, "18.04.01.2002"),
                                    (60, "18.04.01.2002"), (50, "18.04.01.2003")])]


def test_greedy_respects_units_and_quotas_and_says_why():
    proposal = optimiser.greedy(ROWS, 2, {"18.04.01.2001": 1})
    assert [r["id"] for r in proposal.chosen] == [0, 2]
    assert [(r["id"], why, region) for r, why, region in proposal.left_out] == [
        (1, "kuota_penuh", "18.04.01.2001"), (3, "anggaran_habis", None), (4, "anggaran_habis", None)]


def test_integer_programme_beats_greedy_with_quotas():
    room = {"18.04.01.2001": 1, "18.04.01.2002": 1}
    best = optimiser.propose(ROWS, 3, room)
    assert [r["id"] for r in best.chosen] == [0, 2, 4] and best.total_score == 210
    assert optimiser.propose(ROWS, 2, {}).method == optimiser.GREEDY


def test_quotas_typed_one_per_line():
    assert programs.parse_quotas("18.04.04.2002 = 5\n\n18.04.04 12\n18.04.05;3") == {
        "18.04.04.2002": 5, "18.04.04": 12, "18.04.05": 3}
    with pytest.raises(SelectionError) as refused:
        programs.parse_quotas("18.04.04.2002 = lima")
    assert "Baris kuota 1" in str(refused.value)


def test_programme_form_reads_indonesian_amounts_and_names_bad_fields():
    data = programs.form_data({"nama": "BSPS", "tahun": "2027", "sumber": "APBN", "biaya_satuan": "20.000.000",
                               "anggaran": "1.500.000.000,50", "kuota": "18.04.04 2", "wajib_rtlh": "1"})
    assert (data["biaya_satuan"], data["anggaran"], data["kuota"]) == ("20000000", "1500000000.50", {"18.04.04": 2})
    with pytest.raises(InvalidInput, match="tahun"):
        programs.form_data({"tahun": "dua ribu"})


def test_candidate_filters_from_the_query_string():
    assert candidates.parse_filters({"desil": "2", "rentan": "1", "dalam_kawasan": "0", "kode_kec": " 18.04.04 "}) == {
        "kode_desa": None, "kode_kec": "18.04.04", "desil": 2, "kondisi_minimum": None, "rentan": True,
        "dalam_kawasan": False}
    with pytest.raises(InvalidInput, match="desil"):
        candidates.parse_filters({"desil": "satu"})


def test_reason_labels_in_the_users_language():
    assert rules.reason_text("sudah_dibantu", 10) == "sudah menerima bantuan rumah dalam 10 tahun terakhir"
    assert rules.reason_text("kode_baru") == "kode_baru"
    english = rules.reason_text("kuota_penuh", gettext=lambda m: {"kuota wilayah sudah penuh": "quota full"}.get(m, m))
    assert english == "quota full"


def test_analysis_parameters_merge_and_name_the_wrong_one():
    defaults = {"eps_m": 250.0, "min_titik": 10, "semua": False}
    assert merge_parameters(defaults, {"eps_m": "300", "semua": "ya", "min_titik": ""}) == {
        "eps_m": 300.0, "min_titik": 10, "semua": True}
    with pytest.raises(InvalidInput, match="min_titik"):
        merge_parameters(defaults, {"min_titik": "sepuluh"})
    with pytest.raises(InvalidInput, match="radius"):
        merge_parameters(defaults, {"radius": 1})


def test_tile_maths():
    assert valid_tile(0, 0, 0) and valid_tile(12, 4095, 0) and not valid_tile(12, 4096, 0)
    assert valid_tile(MAX_ZOOM, 0, 0) and not valid_tile(MAX_ZOOM + 1, 0, 0)
    assert math.isclose(click_radius_m(0.0, 16), 10 * 156543.03392 / 2 ** 16)
    assert click_radius_m(-5.0, 16) < click_radius_m(0.0, 16)


def test_region_codes():
    assert parents("18.04.04.2002") == {"kode_prov": "18", "kode_kab": "18.04", "kode_kec": "18.04.04"}
    assert within("18.04.04.2002", "18.04") and within("18.04", "18.04") and within("18.05", None)
    assert not within("18.04.040.2001", "18.04.04") and not within(None, "18.04")


def test_columns_of_a_foreign_header_are_matched():
    header = [" ID KK ", "NIK", "Nama KK", "Kode Wilayah", "Lintang", "Bujur", "Desil Kesejahteraan", "Catatan"]
    resolved = resolve_columns(header, HOUSEHOLDS)
    assert resolved == ["id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "latitude", "longitude", "desil", None]
    assert normalise_header("Luas Lantai (m2)") == "luas_lantai_m2"
    with pytest.raises(ImportFileError, match="kolom wajib tidak ditemukan"):
        resolve_columns(["nama"], HOUSEHOLDS)


def test_query_files_split_into_statements():
    assert len(statements("importer/locate")) > 1
    assert all(not s.strip().startswith("--") or "\n" in s for s in statements("importer/locate"))
