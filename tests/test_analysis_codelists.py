"""The SQL definitions of safe water / improved sanitation equal spatial/codelists.py (one source of
truth), and view indikator_desa works before any analysis ran."""
import itertools

import psycopg

from spatial import codelists


def python_sanitasi(bab, kloset, tinja):
    return (bab in codelists.FASILITAS_BAB_LAYAK and kloset in codelists.JENIS_KLOSET_LAYAK
            and tinja in codelists.PEMBUANGAN_TINJA_LAYAK)


def test_air_layak_matches_codelists(scratch_db):
    with psycopg.connect(scratch_db) as conn:
        for value in codelists.SUMBER_AIR_MINUM:
            got = conn.execute("SELECT sasaran_air_layak(%s)", (value,)).fetchone()[0]
            assert got == (value in codelists.AIR_MINUM_LAYAK), value
            assert conn.execute("SELECT sasaran_air_layak(%s)", (f" {value.upper()} ",)).fetchone()[0] == got
        assert conn.execute("SELECT sasaran_air_layak(NULL)").fetchone()[0] is None


def test_sanitasi_layak_matches_codelists(scratch_db):
    combos = list(itertools.product(codelists.FASILITAS_BAB, codelists.JENIS_KLOSET, codelists.PEMBUANGAN_TINJA))
    with psycopg.connect(scratch_db) as conn:
        rows = conn.execute(
            "SELECT b, k, t, sasaran_sanitasi_layak(b, k, t) FROM unnest(%s::text[], %s::text[], %s::text[]) AS u(b, k, t)",
            ([c[0] for c in combos], [c[1] for c in combos], [c[2] for c in combos])).fetchall()
    assert len(rows) == len(combos)
    for bab, kloset, tinja, got in rows:
        assert got == python_sanitasi(bab, kloset, tinja), (bab, kloset, tinja)
    assert any(r[3] for r in rows) and not all(r[3] for r in rows)


def test_indikator_desa_before_any_analysis(scratch_db):
    with psycopg.connect(scratch_db) as conn:
        villages = conn.execute("SELECT count(*) FROM desa").fetchone()[0]
        rows = conn.execute("SELECT rumah_tangga, rtlh, biaya_rtlh, risiko_stunting, persen_desil12 "
                            "FROM indikator_desa").fetchall()
    assert len(rows) == villages > 0
    assert all(r[0] == 0 and r[1] == 0 and r[2] == 0 and r[3] == 0 and r[4] is None for r in rows)
