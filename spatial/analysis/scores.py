"""RTLH priority score: transparent points per component from one versioned config file
(``rtlh_config.toml``), eligibility rules with reasons, and the village backlog (view
indikator_desa: rtlh, biaya_rtlh)."""
import datetime
import json
import tomllib
from pathlib import Path

from spatial import sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.regions import Kabupaten
from spatial.growth.indicators import load_config as growth_config

JENIS = "skor"
CONFIG_PATH = Path(__file__).with_name("rtlh_config.toml")
DEFAULTS = {
    "tahun_acuan": 0,          # reference year for "aided in the last N years" (0 = this year)
    "biaya_satuan": 0.0,       # overrides the config's unit cost when > 0
    "ambang_rtlh": 0.0,        # overrides the config's RTLH threshold when > 0
}


def load_config(path: Path = CONFIG_PATH) -> dict:
    """The RTLH configuration (weights, thresholds, eligibility rules) with its version."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def resolved_parameters(params: dict) -> dict:
    """Parameters as stored with the run: the whole configuration plus the overrides applied,
    so that a run can be reproduced even after the config file changed."""
    config = load_config()
    if params["biaya_satuan"] > 0:
        config["biaya_satuan"] = params["biaya_satuan"]
    if params["ambang_rtlh"] > 0:
        config["ambang_rtlh"] = params["ambang_rtlh"]
    year = int(params["tahun_acuan"]) or datetime.date.today().year
    months = growth_config()["data"]["bulan_krs"]  # keluarga berisiko stunting: how recent the measurement
    return {**params, "tahun_acuan": year, "konfigurasi": config, "bulan_krs": months}


def run(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Replace the skor_rtlh rows of kabupaten ``kab`` with the scores of ``run_id``; returns the summary."""
    progress("skor RTLH", 0.1)
    sqlfiles.run(conn, "analysis/scores_replace", {"cfg": json.dumps(params["konfigurasi"]), "run_id": run_id,
                                         "tahun_acuan": params["tahun_acuan"], "bulan_krs": params["bulan_krs"],
                                         **kab.params()})
    progress("selesai", 1.0)
    return sqlfiles.fetch_all(conn, "analysis/scores_summary", {"run_id": run_id})[0]
