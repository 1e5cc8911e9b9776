"""RTLH scores: components add up, eligibility reasons follow the rules, village backlog."""
from decimal import Decimal

import psycopg
import pytest

from spatial.analysis import run_analysis
from spatial.analysis.scores import load_config


@pytest.fixture(scope="module")
def scores_run(db_url):
    return run_analysis("skor", {"tahun_acuan": 2026}, url=db_url)


def test_components_add_up(db_url, scores_run):
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT skor, komponen FROM skor_rtlh WHERE run_id = %s", (scores_run.run_id,)).fetchall()
        active = conn.execute("SELECT count(*) FROM rumah_tangga WHERE aktif").fetchone()[0]
    assert len(rows) == active
    for skor, komponen in rows:
        parts = komponen["kondisi"] + komponen["kesehatan"] + komponen["kesejahteraan"] + komponen["kerentanan"]
        assert float(skor) == pytest.approx(parts)
        assert komponen["kondisi"] == pytest.approx(komponen["atap"] + komponen["dinding"] + komponen["lantai"]
                                                    + komponen["luas_sempit"])
    assert len({float(r[0]) for r in rows}) > 10


def test_eligibility_rules(db_url, scores_run):
    config = scores_run.parameter["konfigurasi"]
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("""
            SELECT h.status_rumah, h.tahun_bantuan_rumah, h.desil, s.rtlh, s.memenuhi_syarat, s.alasan_tidak_memenuhi,
                   s.biaya, h.luas_lantai_m2 / NULLIF(h.jumlah_anggota, 0), (s.komponen->>'luas_sempit')::numeric
            FROM skor_rtlh s JOIN rumah_tangga h ON h.kode_prov = s.kode_prov AND h.id = s.rumah_tangga_id
            WHERE s.run_id = %s""", (scores_run.run_id,)).fetchall()
    for status, aided, desil, rtlh, eligible, reasons, cost, per_person, crowded in rows:
        assert ("bukan_milik_sendiri" in reasons) == (status != "milik sendiri")
        assert ("sudah_dibantu" in reasons) == (aided is not None and aided > 2026 - config["syarat"]["tahun_tanpa_bantuan"])
        assert ("desil_di_atas_batas" in reasons) == (desil is None or desil > config["syarat"]["desil_maksimum"])
        assert ("bukan_rtlh" in reasons) == (not rtlh)
        assert eligible == (not reasons)
        assert float(cost) == (config["biaya_satuan"] if eligible else 0)
        if per_person is not None:
            assert (crowded > 0) == (per_person < Decimal(str(config["luas_minimum_per_orang"])))
    assert any(r[4] for r in rows) and not all(r[4] for r in rows)


def test_village_backlog_in_indikator_desa(db_url, scores_run):
    unit = load_config()["biaya_satuan"]
    with psycopg.connect(db_url) as conn:
        backlog = conn.execute("SELECT sum(rtlh), sum(biaya_rtlh) FROM indikator_desa").fetchone()
        eligible = conn.execute("SELECT count(*) FROM skor_rtlh WHERE memenuhi_syarat").fetchone()[0]
    assert backlog[0] == eligible > 0
    assert float(backlog[1]) == eligible * unit
