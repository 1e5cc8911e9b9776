"""Issue #17 from the command line: --nilai maps values, and the report goes under var/ (or
--rejects), never beside the input file, for a dry run too."""
import json

import psycopg
from click.testing import CliRunner

from import_helpers import csv_text, household, villages
from spatial.cli import cli


def test_value_mapping_file_and_report_under_var(scratch_db, tmp_path, monkeypatch):
    var = tmp_path / "var"
    monkeypatch.setenv("DATABASE_URL", scratch_db)
    monkeypatch.setenv("SASARAN_VAR_DIR", str(var))
    inbox = tmp_path / "kiriman"
    inbox.mkdir()
    a = villages(scratch_db)["a"]
    source = inbox / "kab_lain.csv"
    source.write_text(csv_text([household(1, a, jenis_atap="Atap Daun Kelapa"), household(2, a, nik_kepala="123"),
                                household(3, a, jenis_atap="atap daun kelapa")]), encoding="utf-8")
    values = tmp_path / "nilai.json"
    values.write_text(json.dumps({"jenis_atap": {"ATAP DAUN KELAPA": "jerami/ijuk/daun/rumbia"}}), encoding="utf-8")

    dry = CliRunner().invoke(cli, ["import-households", str(source), "--dry-run", "-q"])
    assert dry.exit_code == 0, dry.output
    assert "'Atap Daun Kelapa' tidak dikenal" in dry.output and "--nilai" in dry.output
    done = CliRunner().invoke(cli, ["import-households", str(source), "--nilai", str(values), "-q"])
    assert done.exit_code == 0, done.output
    assert "2 baru" in done.output and "1 ditolak" in done.output
    assert sorted(p.name for p in inbox.iterdir()) == ["kab_lain.csv"]          # nothing beside the input
    reports = sorted(p.name for p in (var / "laporan").iterdir())
    assert len(reports) == 2 and all(name.endswith("-kab_lain.ditolak.csv") for name in reports)
    with psycopg.connect(scratch_db) as conn:
        roofs = conn.execute("SELECT DISTINCT jenis_atap FROM rumah_tangga").fetchall()
    assert roofs == [("jerami/ijuk/daun/rumbia",)]
    wrong = tmp_path / "salah.csv"
    wrong.write_text("kolom,nilai,kode\njenis_atap,Atap Daun Kelapa,daun kelapa\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["import-households", str(source), "--nilai", str(wrong), "-q"])
    assert refused.exit_code != 0 and "tidak ada dalam daftar kode" in refused.output
