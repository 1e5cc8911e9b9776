"""Province-scale dataset for the benchmark: generated once per size/seed, loaded into a fresh database."""
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql as psql

from bench.common import PYTHON, ROOT, WORK, log

PROVINCE_BOUNDARIES = Path("/work/shared/data/boundaries/lampung_18.geojson")


def generated(households: int, seed: int, boundaries: Path = PROVINCE_BOUNDARIES) -> Path:
    """Folder with households.csv/facilities.csv for ``households`` (generated once, then cached)."""
    folder = WORK / f"data_{boundaries.stem}_{households}_{seed}"
    if not (folder / "households.csv").exists() or not (folder / "ground_truth.json").exists():
        log(f"membangkitkan {households:,} rumah tangga dengan spatial.synthetic ke {folder}")
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([PYTHON, "-m", "spatial.synthetic", "--boundaries", str(boundaries),
                        "--households", str(households), "--seed", str(seed), "--out", str(folder)],
                       check=True, cwd=ROOT)
    return folder


def _drop_and_create(url: str, name: str) -> str:
    """Drop and create database ``name`` on the server of ``url``; returns its URL."""
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(psql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psql.Identifier(name)))
        conn.execute(psql.SQL("CREATE DATABASE {}").format(psql.Identifier(name)))
    return urlunsplit(parts._replace(path="/" + name))


def recreate(url: str) -> None:
    """Drop and create the benchmark database (never the app's or a test database)."""
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(f"basis data benchmark harus bernama bench*: {name}")
    _drop_and_create(url, name)


def fresh_beside(url: str, suffix: str) -> str:
    """Drop and create the database ``<database of url>_<suffix>`` beside it; returns its URL."""
    return _drop_and_create(url, urlsplit(url).path.lstrip("/") + suffix)


def prepare(url: str, boundaries: Path = PROVINCE_BOUNDARIES) -> int:
    """Fresh database: schema, SQL functions, the province's villages; returns the village count."""
    from spatial.boundaries import load_boundaries
    from spatial.migrate import migrate

    recreate(url)
    migrate(url)
    report = load_boundaries(str(boundaries), url=url, source=boundaries.name)
    return report.read - len(report.rejected)
