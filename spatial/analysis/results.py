"""Reading analysis results for a user's region (``wilayah``: None = everything, else a province,
kabupaten or kecamatan code). A result is per kabupaten: a layer shows the current run of every
kabupaten of the region (or one chosen run), rankings rank villages (and pockets) within their
kabupaten; runs (recent, one, one request's) with their kabupaten, real times and row counts."""
from typing import Any

from spatial import jobs
from spatial.errors import N_, NotFound
from spatial.sqlfiles import Connection, fetch_all, fetch_value

# Result layer -> (kind of run, query). Everything here is aggregated: no NIK, names or points.
LAYERS = {
    "kantong": ("kantong", "analysis/geojson_kantong"),
    "hotspot": ("hotspot", "analysis/geojson_hotspot"),
    "lisa": ("lisa", "analysis/geojson_lisa"),
    "celah": ("celah", "analysis/geojson_celah_klaster"),
    "celah-desa": ("celah", "analysis/geojson_celah_desa"),
    "lokasi-usulan": ("lokasi", "analysis/geojson_lokasi"),
}
MAX_RUNS = 500


def picked_runs(conn: Connection, jenis: str, wilayah: str | None, wanted: int | None = None) -> list[int]:
    """Run ids a result shows: ``wanted`` when it is a finished run of ``jenis`` concerning the
    region (NotFound otherwise), else the current run of every kabupaten of the region."""
    runs = fetch_value(conn, "analysis/run_pick", {"jenis": jenis, "wilayah": wilayah, "run": wanted})
    if wanted is not None and not runs:
        raise NotFound(N_("Run analisis %(id)s tidak ditemukan."), id=wanted)
    return runs


def layer_geojson(conn: Connection, name: str, wanted: int | None = None, semua: bool = False,
                  wilayah: str | None = None) -> str:
    """RFC 7946 FeatureCollection of result layer ``name`` (a key of ``LAYERS``): the current run of
    every kabupaten of ``wilayah``, or run ``wanted``; features of the region only."""
    jenis, query = LAYERS[name]
    runs = picked_runs(conn, jenis, wilayah, wanted)
    return fetch_value(conn, query, {"runs": runs, "wilayah": wilayah, "semua": semua})


def recent_runs(conn: Connection, kinds: list[str], wilayah: str | None, limit: int = 50,
                kelompok: int | None = None, run_id: int | None = None) -> list[dict[str, Any]]:
    """Runs of ``kinds`` concerning the region (of one request ``kelompok``, or the one ``run_id``),
    newest first: kabupaten, status, requested/start/finish times, duration, row counts, who,
    parameters, summary, and ``progres`` (langkah, persen) of a queued or running one, from its
    job's row (whichever worker runs it)."""
    rows = fetch_all(conn, "analysis/run_list", {"jenis": kinds, "wilayah": wilayah, "kelompok": kelompok,
                                                 "id": run_id, "limit": min(max(limit, 1), MAX_RUNS)})
    waiting = [row["id"] for row in rows if row["status"] in ("antri", "berjalan")]
    progress = jobs.of_runs(conn, waiting) if waiting else {}
    for row in rows:
        job = progress.get(row["id"])
        row["progres"] = {"langkah": job["fase"] or row["status"], "persen": job["persen"]} if job else None
    return rows


def get_run(conn: Connection, run_id: int, wilayah: str | None) -> dict[str, Any]:
    """One run concerning the region, with its progress (NotFound otherwise)."""
    from spatial.analysis import ORDER

    found = recent_runs(conn, list(ORDER), wilayah, 1, run_id=run_id)
    if not found:
        raise NotFound(N_("Run analisis %(id)s tidak ditemukan."), id=run_id)
    return found[0]


def group_runs(conn: Connection, kelompok: int, wilayah: str | None) -> dict[str, Any]:
    """The runs of one request concerning the region, in order, with their progress and how many
    have ended (NotFound when there is none)."""
    from spatial.analysis import ORDER

    rows = recent_runs(conn, list(ORDER), wilayah, MAX_RUNS, kelompok=kelompok)[::-1]
    if not rows:
        raise NotFound(N_("Kelompok run %(id)s tidak ditemukan."), id=kelompok)
    return {"kelompok": kelompok, "runs": rows, "jumlah": len(rows),
            "selesai": sum(1 for r in rows if r["status"] in ("selesai", "gagal")),
            "gagal": sum(1 for r in rows if r["status"] == "gagal")}


def gaps_ranking(conn: Connection, wilayah: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """The ``limit`` villages with the largest service gap of each kabupaten (current gaps runs)."""
    return fetch_all(conn, "analysis/gaps_ranking",
                     {"runs": picked_runs(conn, "celah", wilayah), "wilayah": wilayah, "limit": limit})


def scores_backlog(conn: Connection, wilayah: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """The ``limit`` villages with the largest eligible RTLH backlog of each kabupaten."""
    return fetch_all(conn, "analysis/scores_backlog", {"wilayah": wilayah, "limit": limit})


def selected_sites(conn: Connection, wilayah: str | None) -> list[dict[str, Any]]:
    """Chosen sites of the current siting run of each kabupaten, in order of marginal gain."""
    return fetch_all(conn, "analysis/siting_selected",
                     {"runs": picked_runs(conn, "lokasi", wilayah), "wilayah": wilayah})


def pocket_table(conn: Connection, wilayah: str | None, limit: int = 50) -> list[dict[str, Any]]:
    """The ``limit`` strongest pockets of each kabupaten (current pocket runs), with the names of
    their villages."""
    return fetch_all(conn, "analysis/pockets_list",
                     {"runs": picked_runs(conn, "kantong", wilayah), "wilayah": wilayah, "limit": limit})


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
