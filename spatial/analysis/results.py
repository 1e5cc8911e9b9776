"""Reading analysis results: runs (latest, one, recent) and the result layers as RFC 7946 GeoJSON,
region-scoped; the tables shown beside the maps (gap ranking, RTLH backlog, chosen sites, poverty
pockets)."""
from typing import Any

from spatial import jobs
from spatial.errors import N_, NotFound
from spatial.sqlfiles import Connection, fetch_all, fetch_one, fetch_value

# Result layer -> (kind of run, query). Everything here is aggregated: no NIK, names or points.
LAYERS = {
    "kantong": ("kantong", "analysis/geojson_kantong"),
    "hotspot": ("hotspot", "analysis/geojson_hotspot"),
    "lisa": ("lisa", "analysis/geojson_lisa"),
    "celah": ("celah", "analysis/geojson_celah_klaster"),
    "celah-desa": ("celah", "analysis/geojson_celah_desa"),
    "lokasi-usulan": ("lokasi", "analysis/geojson_lokasi"),
}
EMPTY = '{"type": "FeatureCollection", "run_id": null, "features": []}'


def latest_run_id(conn: Connection, jenis: str) -> int | None:
    """Id of the latest successful run of ``jenis``."""
    return fetch_value(conn, "analysis/run_latest", {"jenis": jenis})


def get_run(conn: Connection, run_id: int) -> dict[str, Any] | None:
    """One run: kind, status, parameters, summary."""
    return fetch_one(conn, "analysis/run_get", {"id": run_id})


def recent_runs(conn: Connection, kinds: list[str], limit: int) -> list[dict[str, Any]]:
    """Recent runs of ``kinds``, newest first."""
    return fetch_all(conn, "analysis/run_list", {"jenis": kinds, "limit": limit})


def _with_progress(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    running = [row["id"] for row in rows if row["status"] == "berjalan"]
    progress = jobs.of_runs(conn, running) if running else {}
    for row in rows:
        job = progress.get(row["id"])
        row["progres"] = {"langkah": job["fase"] or "mulai", "persen": job["persen"]} if job else None
    return rows


def recent_runs_with_progress(conn: Connection, kinds: list[str], limit: int) -> list[dict[str, Any]]:
    """Recent runs of ``kinds``, newest first; a running one with ``progres`` (langkah, persen)."""
    return _with_progress(conn, recent_runs(conn, kinds, limit))


def run_with_progress(conn: Connection, run_id: int) -> dict[str, Any] | None:
    """One run with ``progres`` while it runs (from its job's row, whichever worker runs it)."""
    row = get_run(conn, run_id)
    return None if row is None else _with_progress(conn, [row])[0]


def chosen_run(conn: Connection, jenis: str, wanted: int | None) -> int | None:
    """``wanted`` when it is a finished run of ``jenis`` (NotFound otherwise), else the latest one."""
    if wanted is None:
        return latest_run_id(conn, jenis)
    row = get_run(conn, wanted)
    if not row or row["jenis"] != jenis or row["status"] != "selesai":
        raise NotFound(N_("Run analisis %(id)s tidak ditemukan."), id=wanted)
    return wanted


def layer_geojson(conn: Connection, name: str, wanted: int | None = None, semua: bool = False,
                  wilayah: str | None = None) -> str:
    """GeoJSON of result layer ``name`` (a key of ``LAYERS``) of run ``wanted`` or the latest run,
    limited to ``wilayah``; an empty collection before the first run."""
    jenis, query = LAYERS[name]
    run_id = chosen_run(conn, jenis, wanted)
    if run_id is None:
        return EMPTY
    return fetch_value(conn, query, {"run_id": run_id, "semua": semua, "wilayah": wilayah})


def gaps_ranking(conn: Connection, wilayah: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """Villages of the latest gaps run, worst first."""
    return fetch_all(conn, "analysis/gaps_ranking",
                     {"run_id": latest_run_id(conn, "celah") or 0, "limit": limit, "wilayah": wilayah})


def scores_backlog(conn: Connection, wilayah: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """Villages by RTLH backlog (eligible houses and their cost)."""
    return fetch_all(conn, "analysis/scores_backlog", {"limit": limit, "wilayah": wilayah})


def selected_sites(conn: Connection, wilayah: str | None) -> list[dict[str, Any]]:
    """The sites chosen by the latest siting run."""
    return fetch_all(conn, "analysis/siting_selected", {"run_id": latest_run_id(conn, "lokasi") or 0,
                                                        "wilayah": wilayah})


def pocket_table(conn: Connection, wilayah: str | None, limit: int = 50) -> list[dict[str, Any]]:
    """Pockets of the latest pocket run, strongest first, with the names of their villages."""
    return fetch_all(conn, "analysis/pockets_list",
                     {"run_id": latest_run_id(conn, "kantong") or 0, "wilayah": wilayah, "limit": limit})


def chance_in(p_value: float | None) -> int | None:
    """A scan p-value as "1 in N" (N rounded to a readable number): the chance that a cluster this
    strong appears somewhere in the kabupaten by chance alone. None without a p-value (DBSCAN)."""
    if not p_value:
        return None
    n = 1 / p_value
    for step in (1000, 100, 10, 1):
        if n >= 10 * step:
            return int(round(n / step) * step)
    return int(round(n))
