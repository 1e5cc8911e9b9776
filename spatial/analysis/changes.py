"""Which kabupaten need their analyses again after an import: those whose data fingerprint
(``versi_data``: their households, facilities and boundaries, and those of border villages of
neighbouring kabupaten) differs from the one recorded with a current run, or that lack one."""
from spatial import sqlfiles
from spatial.analysis.regions import kabupaten_of
from spatial.analysis.runner import data_versions
from spatial.db import connect


def changed_kabupaten(url: str | None, kinds) -> list[str]:
    """Codes of the kabupaten with households (or runs) whose current runs of ``kinds`` do not all
    match their data fingerprint now."""
    with connect(url) as conn:
        try:
            codes = [k.kode_kab for k in kabupaten_of(conn)]
        except ValueError:  # no households at all
            return []
        now = data_versions(conn, codes)
        recorded = sqlfiles.fetch_all(conn, "analysis/run_current_versions", {"jenis": list(kinds)})
    seen = {(r["kode_wilayah"], r["jenis"]): r["versi_data"] for r in recorded}
    return [code for code in codes
            if any(seen.get((code, jenis)) is None or seen[(code, jenis)] != now.get(code) for jenis in kinds)]
