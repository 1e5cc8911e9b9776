"""The province view: kabupaten side by side (issue #18). Per kabupaten of a user's region: the
kabupaten figures of the village indicators (the same rule as the map's "rata-rata kabupaten")
and what its current analyses found."""
from spatial import sqlfiles

KINDS = ("kantong", "hotspot", "lisa", "celah", "lokasi")


def kabupaten_figures(conn, codes) -> dict:
    """The kabupaten figure of every village indicator of the kabupaten ``codes``
    (query maps/indicators_kabupaten: shares of the kabupaten's households, mean per village
    for counts): {kode_kab: row}."""
    rows = sqlfiles.fetch_all(conn, "maps/indicators_kabupaten", {"kode_kab": sorted(codes)})
    return {r["kode_kab"]: r for r in rows}


def kabupaten_comparison(conn, wilayah: str | None) -> list[dict]:
    """One row per kabupaten with households concerning region ``wilayah`` (None = everything),
    ordered by code: name, households, indicator figures, pockets, hot spots, gaps, sites."""
    found = sqlfiles.fetch_all(conn, "analysis/kabupaten_comparison", {"wilayah": wilayah, "jenis": list(KINDS)})
    figures = kabupaten_figures(conn, [f["kode_kab"] for f in found])
    return [{**figures[row["kode_kab"]], **row} for row in found]
