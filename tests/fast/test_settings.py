"""The one settings object: defaults, typed values, and every bad variable named at once."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from spatial.settings import DEFAULT_DATABASE_URL, Settings, SettingsError, load


def test_defaults_without_environment():
    settings = load({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert (settings.session_hours, settings.db_pool_timeout, settings.sample_mode) == (8, 1.5, True)
    assert settings.biaya_rtlh is None and settings.secret_key is None
    assert settings.session_key == load({}).session_key  # one random key per process


def test_values_are_parsed_to_their_types():
    settings = load({"SASARAN_SESSION_HOURS": "12", "SASARAN_SAMPLE_MODE": "0", "SASARAN_DB_POOL_TIMEOUT": "2.5",
                     "SASARAN_BIAYA_RTLH": "17500000", "SASARAN_VAR_DIR": "/tmp/sasaran-var",
                     "SASARAN_SECURE_COOKIES": "true", "SASARAN_LOCALE": "en", "SASARAN_SECRET_KEY": "rahasia"})
    assert settings.session_hours == 12 and settings.sample_mode is False and settings.secure_cookies is True
    assert settings.db_pool_timeout == 2.5 and settings.biaya_rtlh == 17_500_000.0
    assert settings.upload_dir == Path("/tmp/sasaran-var/unggahan") and settings.session_key == "rahasia"


def test_every_bad_value_is_named_in_one_error():
    with pytest.raises(SettingsError) as caught:
        load({"SASARAN_SESSION_HOURS": "delapan", "SASARAN_SAMPLE_MODE": "mungkin", "DATABASE_URL": "mysql://x",
              "SASARAN_TIMEZONE": "Asia/Jakartaa", "SASARAN_DB_POOL_MAX": "0", "SASARAN_LOCALE": "fr"})
    problems = caught.value.problems
    assert len(problems) == 6
    for name in ("SASARAN_SESSION_HOURS='delapan'", "SASARAN_SAMPLE_MODE='mungkin'", "DATABASE_URL='mysql://x'",
                 "SASARAN_TIMEZONE", "SASARAN_DB_POOL_MAX='0'", "SASARAN_LOCALE='fr'"):
        assert any(p.startswith(name) for p in problems), name
    assert "harus berupa angka bulat" in str(caught.value)


def test_empty_variables_keep_the_default():
    assert load({"SASARAN_SESSION_HOURS": "", "SASARAN_BIAYA_RTLH": "  "}).session_hours == 8


def test_every_setting_is_documented():
    described = Settings.describe()
    assert all(meaning for _name, _default, meaning in described)
    assert len({name for name, _d, _m in described}) == len(described)


def _one_tile_pmtiles(path: Path) -> None:
    """A PMTiles archive of one PNG tile, written by the pmtiles package as an office's file would be."""
    with write(str(path)) as writer:
        writer.write_tile(zxy_to_tileid(0, 0, 0), b"\x89PNG\r\n\x1a\n")
        writer.finalize({"tile_type": TileType.PNG, "tile_compression": Compression.NONE,
                         "min_lon_e7": -1_800_000_000, "min_lat_e7": -850_000_000, "max_lon_e7": 1_800_000_000,
                         "max_lat_e7": 850_000_000, "center_zoom": 0, "center_lon_e7": 0, "center_lat_e7": 0},
                        {"attribution": "uji"})


def test_basemap_file_is_checked_at_start(tmp_path):
    assert load({}).basemap_file is None
    good = tmp_path / "peta.pmtiles"
    _one_tile_pmtiles(good)
    assert load({"SASARAN_BASEMAP": str(good)}).basemap_file == good.resolve()
    broken = tmp_path / "rusak.pmtiles"
    broken.write_bytes(b"bukan peta dasar")
    with pytest.raises(SettingsError) as caught:
        load({"SASARAN_BASEMAP": str(broken)})
    assert caught.value.problems[0].startswith("SASARAN_BASEMAP=") and "bukan PMTiles atau MBTiles" in str(caught.value)
    with pytest.raises(SettingsError, match="tidak ditemukan"):
        load({"SASARAN_BASEMAP": str(tmp_path / "tidak_ada.pmtiles")})


def test_gunicorn_workers_share_one_session_key_when_none_is_set():
    """``./sasaran serve`` without SASARAN_SECRET_KEY: every worker process signs sessions with the
    same key (each drawing its own made every other sign-in a 400)."""
    root = Path(__file__).resolve().parents[2]
    worker = "from spatial.settings import load; print(load().session_key)"
    master = ("import runpy, subprocess, sys; runpy.run_path('gunicorn.conf.py'); "
              f"print(*(subprocess.run([sys.executable, '-c', {worker!r}], capture_output=True, text=True, "
              "check=True).stdout.strip() for _ in range(2)))")
    env = {k: v for k, v in os.environ.items() if k != "SASARAN_SECRET_KEY"}
    keys = subprocess.run([sys.executable, "-c", master], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout.split()
    assert len(keys) == 2 and keys[0] == keys[1] and len(keys[0]) == 64
