"""The peer tools: tipg (vector tiles, own venv, uvicorn) and ogr2ogr (GeoJSON export)."""
import subprocess

from bench.common import WORK, Server, log, run_measured

TIPG_VENV = WORK / "tipg-venv"


def ensure_tipg() -> str:
    """Install tipg + uvicorn into their own venv (once); returns its python."""
    python = TIPG_VENV / "bin" / "python"
    if not python.exists() or subprocess.run([str(python), "-c", "import tipg, uvicorn"]).returncode:
        log("memasang tipg ke venv terpisah " + str(TIPG_VENV))
        subprocess.run(["python3", "-m", "venv", str(TIPG_VENV)], check=True)
        subprocess.run([str(TIPG_VENV / "bin" / "pip"), "install", "-q", "tipg", "uvicorn"], check=True)
    return str(python)


def start_tipg(url: str) -> Server:
    """tipg on the same database, publishing only Sasaran's tile content (schema bench_tipg of
    bench.tiles.publish_for_tipg: the point view and the grid function), one uvicorn worker, every
    feature of a tile (no cap) and the point tiles' 64-pixel buffer."""
    env = {"DATABASE_URL": url, "TIPG_DB_SCHEMAS": '["bench_tipg"]', "TIPG_DB_TABLES": '["bench_tipg.titik"]',
           "TIPG_DB_FUNCTIONS": '["bench_tipg.agregat"]', "TIPG_DB_EXCLUDE_FUNCTION_SCHEMAS": '["public"]',
           "TIPG_CATALOG_TTL": "3600", "TIPG_MAX_FEATURES_PER_TILE": "10000000", "TIPG_TILE_BUFFER": "64"}
    return Server([ensure_tipg(), "-m", "uvicorn", "tipg.main:app", "--host", "127.0.0.1", "--port", "{port}",
                   "--workers", "1", "--log-level", "warning"], env, probe_path="/collections")


def ogr2ogr_export(url: str, query: str, name: str):
    """A callable timing ``ogr2ogr -f GeoJSON`` of ``query``: returns (seconds, peak MB, features)."""
    def run():
        target = WORK / f"{name}.geojson"
        target.unlink(missing_ok=True)
        dsn = "PG:" + url
        seconds, peak, _ = run_measured(["ogr2ogr", "-f", "GeoJSON", str(target), dsn, "-sql", query])
        features = run_measured(["grep", "-c", '"type": "Feature"', str(target)])[2].strip()
        target.unlink(missing_ok=True)
        return seconds, peak, int(features or 0)
    return run
