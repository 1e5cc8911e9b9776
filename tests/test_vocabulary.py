"""Value matching (spatial/vocabulary.py): one test per line of the synonym and answer-number table,
the normalisation and component rules, and suggestions that never cross a meaning."""
import tomllib

import pytest

from spatial import codelists
from spatial.vocabulary import (COLUMNS, ENTRIES, NEGATIONS, SYNONYMS_PATH, Matcher, Vocabulary, code_list,
                                normalise, vocabularies)

TABLE = tomllib.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))
LINES = [(name, kind, key, entry) for name, declared in TABLE.items()
         for kind in ("kode", "sinonim") for key, entry in declared.get(kind, {}).items()]


def _matcher(name):
    return Matcher({name: code_list(name)})


def test_the_table_names_only_known_code_lists():
    assert set(TABLE) <= set(ENTRIES)
    assert {name for kind in COLUMNS.values() for name in kind.values()} <= set(ENTRIES)


@pytest.mark.parametrize("name, kind, key, entry", LINES, ids=[f"{n}:{k}:{key}" for n, k, key, _ in LINES])
def test_each_table_entry(name, kind, key, entry):
    """The line is matched to its entry, by its own rule; a synonym is needed (no other rule finds
    it), does not shadow a component of another entry, and keeps a negation."""
    vocabulary = code_list(name)
    assert entry in ENTRIES[name]
    found = _matcher(name).match(name, key)
    assert (found.kode, found.cara) == (entry, "kode" if kind == "kode" else "sinonim")
    if kind == "sinonim":
        others = {text: e for text, e in vocabulary.synonyms.items() if text != normalise(key)}
        bare = Matcher({name: Vocabulary(name, vocabulary.entries, vocabulary.codes, others, vocabulary.groups)})
        without = bare.match(name, key)
        assert without.kode != entry, f"{key!r} is already matched ({without.cara}) without this line"
        if set(normalise(key).replace("/", " ").split()) & NEGATIONS:
            assert set(normalise(entry).replace("/", " ").split()) & NEGATIONS, "a negation must be kept"
        if name in ("sumber_air_minum", "fasilitas_bab", "jenis_kloset", "pembuangan_tinja"):
            # the words of the synonym that belong to one meaning group agree with the entry's group
            groups = {vocabulary.word_groups[w] for w in normalise(key).replace("/", " ").split()
                      if w in vocabulary.word_groups}
            assert groups <= {vocabulary.groups[entry]}, groups


@pytest.mark.parametrize("raw, expected", [
    (" Kayu / Papan ", "kayu/papan"), ("MCK_Komunal", "mck komunal"), ("Listrik  Non-PLN", "listrik non pln"),
    ("Sumur Tidak Terlindung", "sumur tak terlindung"), ("Sumur tdk terlindung", "sumur tak terlindung"),
    ("Air Permukaan (sungai/danau)", "air permukaan sungai/danau"), ("\ufeffSENG\t", "seng"), ("-", ""), (None, ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("column, cell, entry, how", [
    ("jenis_atap", "Seng ", "seng", "persis"),
    ("jenis_atap", "GENTENG", "genteng", "persis"),
    ("jenis_dinding", "papan", "kayu/papan", "komponen"),
    ("jenis_lantai", "bata merah", "semen/bata merah", "komponen"),
    ("pembuangan_tinja", "danau", "kolam/sawah/sungai/danau/laut", "komponen"),
    ("sumber_air_minum", "Sumur Bor", "sumur bor/pompa", "komponen"),
    ("status_rumah", "sewa", "kontrak/sewa", "komponen"),
    ("jenis_lantai", "Bata Merah / Semen", "semen/bata merah", "urutan"),
    ("sumber_penerangan", "PLN Listrik Meteran", "listrik pln meteran", "urutan"),
    ("jenis_atap", "jerami/ijuk/rumbia/daun", "jerami/ijuk/daun/rumbia", "urutan"),
    ("jenis_lantai", "parket/karpet", "parket/vinil/karpet", "komponen"),
    # wordings of the DTKS (PBDT 2015) and Regsosek forms, found by the component rule
    ("jenis_lantai", "Parket/vinil/permadani", "parket/vinil/karpet", "komponen"),
    ("jenis_lantai", "Kayu/papan kualitas rendah", "kayu/papan", "komponen"),
    ("jenis_lantai", "Sementara/bata merah", "semen/bata merah", "komponen"),
    ("jenis_atap", "Jerami/ijuk/daun-daunan/rumbia", "jerami/ijuk/daun/rumbia", "komponen"),
    ("sumber_air_minum", "Air sungai/danau/waduk", "air sungai/danau", "komponen"),
    ("sumber_penerangan", "Listrik non PLN", "listrik non-pln", "persis"),
    ("jenis_atap", "3", "seng", "kode"), ("jenis_atap", "03", "seng", "kode"), ("jenis_atap", "3.0", "seng", "kode"),
    ("jenis_atap", "3. Seng", "seng", "kode"), ("jenis_atap", "(3) seng gelombang tua", "seng", "kode"),
    ("ada_lansia", "2", "tidak", "kode"), ("ada_lansia", "Iya", "ya", "sinonim"),
    ("ada_lansia", "tidak tahu", None, "kosong"), ("jenis_atap", "   ", None, "kosong"),
])
def test_generous_matching(column, cell, entry, how):
    found = Matcher(vocabularies("rumah_tangga")).match(column, cell)
    assert (found.kode, found.cara) == (entry, how)


@pytest.mark.parametrize("column, cell", [
    ("sumber_air_minum", "sumur"),          # terlindung or not: says nothing about safe water
    ("sumber_air_minum", "mata air"),
    ("jenis_kloset", "plengsengan"),
    ("sumber_penerangan", "listrik pln"),
    ("jenis_atap", "3. genteng"),           # the number says seng, the words genteng
    ("jenis_atap", "99"),
    ("fasilitas_bab", "mck"),               # komunal (improved) or umum (not)
    ("jenis_atap", "ilalang kering"),
])
def test_ambiguous_or_unknown_cells_are_not_guessed(column, cell):
    assert Matcher(vocabularies("rumah_tangga")).match(column, cell).kode is None


def test_facility_values_with_spaces_codes_and_condition_words():
    matcher = Matcher(vocabularies("fasilitas"))
    assert matcher.match("jenis", "Sumur Bor").kode == "sumur_bor"
    assert matcher.match("jenis", "MCK-Komunal").kode == "mck_komunal"
    assert matcher.match("jenis", "Puskesmas Pembantu").kode == "pustu"
    assert matcher.match("kondisi", "RR").kode == "rusak ringan"
    assert matcher.match("kondisi", "Rusak_Berat").kode == "rusak berat"
    assert matcher.match("kondisi", "rusak").kode is None


@pytest.mark.parametrize("column, cell, wrong, right", [
    ("sumber_air_minum", "sumur tidak terlindungi", "sumur terlindung", "sumur tak terlindung"),
    ("sumber_air_minum", "air sumur tidak terlindung", "sumur terlindung", "sumur tak terlindung"),
    ("sumber_air_minum", "mata air tdk terlindungi", "mata air terlindung", "mata air tak terlindung"),
    ("jenis_kloset", "plengsengan tidak bertutup", "plengsengan dengan tutup", "plengsengan tanpa tutup"),
    ("jenis_kloset", "cubluk tanpa tutup", "leher angsa", None),
    ("jenis_kloset", "cemplung leher", "leher angsa", None),
    ("fasilitas_bab", "tidak ada wc", "sendiri", "tidak ada"),
    ("fasilitas_bab", "mck umum desa", "mck komunal", "umum"),
    ("pembuangan_tinja", "lubang tanah tanpa septik", "tangki septik", None),
    ("sumber_penerangan", "listrik non pln tenaga surya", "listrik pln meteran", "listrik non-pln"),
    ("kondisi", "kurang baik", "baik", None),
    ("kondisi", "tidak baik", "baik", None),
    ("kondisi", "rusak berat sekali", "rusak ringan", "rusak berat"),
])
def test_suggestions_never_cross_a_meaning(column, cell, wrong, right):
    matcher = Matcher({**vocabularies("rumah_tangga"), **vocabularies("fasilitas")})
    assert matcher.match(column, cell).kode is None
    suggestion = matcher.suggest(column, cell)
    assert suggestion != wrong and suggestion == right


def test_edit_distance_only_for_small_typos():
    matcher = Matcher(vocabularies("rumah_tangga"))
    assert matcher.suggest("jenis_atap", "gentng") == "genteng"
    assert matcher.suggest("jenis_atap", "Genteng Tanah Liat Press") == "genteng"   # contains a synonym
    assert matcher.suggest("jenis_atap", "xyz") is None
    assert matcher.suggest("jenis_atap", "a" * 200) is None


def test_value_mapping_wins_and_may_say_unknown():
    matcher = Matcher(vocabularies("rumah_tangga"), {"jenis_atap": {"Atap Daun Kelapa": "jerami/ijuk/daun/rumbia",
                                                                   "seng": "asbes", "??": "kosong"},
                                                      "ada_lansia": {"mungkin": ""}})
    assert matcher.match("jenis_atap", "atap daun kelapa ").kode == "jerami/ijuk/daun/rumbia"
    assert (matcher.match("jenis_atap", "SENG").kode, matcher.match("jenis_atap", "SENG").cara) == ("asbes", "pemetaan")
    assert matcher.match("ada_lansia", "Mungkin") == matcher.match("ada_lansia", "mungkin")
    assert matcher.match("ada_lansia", "mungkin").kode is None
    with pytest.raises(ValueError, match="tidak ada dalam daftar kode"):
        Matcher(vocabularies("rumah_tangga"), {"jenis_atap": {"x": "ijuk saja"}})
    with pytest.raises(ValueError, match="tidak memakai daftar kode"):
        Matcher(vocabularies("rumah_tangga"), {"nama_kepala": {"x": "y"}})


def test_every_code_list_entry_matches_itself_and_groups_follow_codelists():
    for kind in COLUMNS:
        matcher = Matcher(vocabularies(kind))
        for column, vocabulary in vocabularies(kind).items():
            for entry in vocabulary.entries:
                assert matcher.match(column, entry.upper()).kode == entry
    water = code_list("sumber_air_minum")
    assert {e for e, g in water.groups.items() if g == "layak"} == set(codelists.AIR_MINUM_LAYAK)
