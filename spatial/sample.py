"""The bundled sample: real Lampung Barat boundaries plus deterministic synthetic households."""
import hashlib
import shutil
import tempfile
from pathlib import Path

from spatial.boundaries import load_boundaries
from spatial.db import connect
from spatial.growth.imports import import_measurements, import_village_counts
from spatial.importer.registry import import_facilities, import_households
from spatial.sqlfiles import fetch_value
from spatial.targeting.hotspots import run_hotspots
from spatial.targeting.recipients import import_recipients
from spatial.users import create_demo_users

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_BOUNDARIES = ROOT / "data" / "boundaries" / "lampung_barat_18.04.geojson"
SAMPLE_DIR = ROOT / "var" / "sample"


def generator_version() -> str:
    """Short hash of the generator's code, the synonym table (the foreign-office files) and the
    boundaries, so a changed generator gets fresh files."""
    digest = hashlib.sha256(SAMPLE_BOUNDARIES.read_bytes())
    sources = sorted((Path(__file__).parent / "synthetic").glob("*.py"))
    for source in sources + [Path(__file__).with_name("codelist_synonyms.toml")]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def sample_files(households: int, seed: int, out_root: Path = SAMPLE_DIR) -> Path:
    """Generate the sample files once (cached by size, seed and generator version); return their folder."""
    from spatial.synthetic import generate

    folder = out_root / f"lampung_barat_{households}_{seed}_{generator_version()}"
    if not (folder / "ground_truth.json").exists():
        out_root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=out_root))
        generate(SAMPLE_BOUNDARIES, building, households=households, seed=seed, dirty=True, foreign=True)
        try:
            building.rename(folder)  # atomic: a concurrent run may have won, then keep its files
        except OSError:
            shutil.rmtree(building)
    return folder


def no_household_data(url: str | None = None) -> bool:
    """True while no household data has ever been loaded (query ``importer/sample_needed``)."""
    with connect(url) as conn:
        return bool(fetch_value(conn, "importer/sample_needed"))


def load_sample(households: int, seed: int, url: str | None = None, echo=print, show_progress: bool = False) -> Path:
    """Load boundaries, the generated households, facilities, child measurements and recipient lists of
    social programmes, then run every analysis (and the exclusion hot spots); returns the
    sample folder. ``show_progress``: progress bars on stderr (the command line)."""
    from spatial.analysis import ORDER, run_all
    from spatial.analysis.cli import progress_display
    from spatial.importer.cli import ProgressBar

    report = load_boundaries(str(SAMPLE_BOUNDARIES), url=url, source=SAMPLE_BOUNDARIES.name)
    echo(f"batas desa: {report.read} dibaca, {len(report.inserted)} baru, {len(report.repaired)} diperbaiki")
    echo(f"membuat data contoh: {households} rumah tangga (seed {seed}) ...")
    folder = sample_files(households, seed)
    for label, function, path in (("rumah tangga", import_households, folder / "households.csv"),
                                  ("fasilitas", import_facilities, folder / "facilities.csv"),
                                  ("pengukuran anak", import_measurements, folder / "children.csv"),
                                  ("rekap gizi desa", import_village_counts, folder / "gizi_desa.csv")):
        bar = ProgressBar(show_progress)
        try:
            result = function(path, url=url, progress=bar)
        finally:
            bar.close()
        echo(f"{label}: {result.inserted} baru, {result.updated} diubah, {result.unchanged} tetap")
    for path in sorted(folder.glob("penerima_*.csv")):
        result = import_recipients(path, url=url)
        echo(f"penerima bantuan {path.stem[9:]}: {result.inserted} baru, {result.rejected} ditolak")
    echo("menjalankan analisis spasial ...")
    with progress_display(ORDER, quiet=not show_progress) as progress_for:
        run_all(ORDER, url=url, oleh="sampel", progress_for=progress_for)
    run_hotspots(url, oleh="sampel")
    users = create_demo_users(url)
    echo("akun demo (mode contoh): " + ", ".join(f"{u}/{p}" for u, p in users.items()))
    return folder
