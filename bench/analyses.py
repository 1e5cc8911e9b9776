"""The analyses (issue #4) through their command line ``python -m spatial analyse``: seconds and
peak memory of each, in a fresh process; any missing one is reported as not available yet."""
import re
import subprocess

from bench.common import PYTHON, ROOT, Row, log, run_measured, unavailable, verdict

# Analysis -> accepted sub-command names (Indonesian first).
ANALYSES = {
    "kantong kemiskinan (pockets)": ("kantong", "pockets", "kantong-kemiskinan", "klaster"),
    "Getis-Ord Gi*": ("hotspots", "gi", "gistar", "gi-star", "hotspot", "getis-ord", "getis"),
    "kesenjangan layanan (gaps)": ("kesenjangan", "gaps", "celah", "gap", "celah-layanan"),
    "skor prioritas (scores)": ("skor", "scores", "prioritas", "skor-prioritas"),
    "usulan lokasi (siting)": ("lokasi", "siting", "penempatan", "usulan-lokasi", "lokasi-fasilitas"),
}
FULL_TARGET_S = 600


def subcommands() -> set:
    """Words offered by ``python -m spatial analyse --help`` (sub-commands or choices); empty if absent."""
    done = subprocess.run([PYTHON, "-m", "spatial", "analyse", "--help"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        return set()
    return set(re.findall(r"[a-z][a-z0-9_*-]+", done.stdout.lower()))


def measure_analyses(url: str) -> list:
    """Each analysis over the whole province, then the total against the 10-minute target."""
    offered = subcommands()
    rows, total, missing = [], 0.0, 0
    for label, names in ANALYSES.items():
        name = next((n for n in names if n in offered), None)
        if name is None:
            rows.append(unavailable("analisis", f"{label}: detik, puncak MB"))
            missing += 1
            continue
        log(f"analisis {name}")
        try:
            seconds, peak, _ = run_measured([PYTHON, "-m", "spatial", "analyse", "-q", name], env={"DATABASE_URL": url})
        except RuntimeError as exc:
            rows.append(Row("analisis", f"{label} (analyse {name})", "gagal", verdict=str(exc)[:120]))
            missing += 1
            continue
        total += seconds
        rows.append(Row("analisis", f"{label} (analyse {name}): detik; puncak {peak:.0f} MB", f"{seconds:.1f}"))
    if missing < len(ANALYSES):
        note = "" if not missing else f" ({missing} belum tersedia)"
        rows.append(Row("analisis", "seluruh analisis, detik" + note, f"{total:.1f}", target="< 600 s",
                        verdict=verdict(total < FULL_TARGET_S) if not missing else ""))
    return rows
