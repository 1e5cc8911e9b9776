"""Load village boundaries (GeoJSON, GeoPackage, Shapefile) into the administrative hierarchy.

Reprojects to EPSG:4326, repairs invalid polygons in PostGIS (ST_MakeValid) and reports them,
rejects features without a valid Kemendagri village code, and is idempotent.
"""
from dataclasses import dataclass, field

import geopandas as gpd
import shapely

from spatial.codes import normalise_kode_desa, parents, province_name
from spatial.db import connect
from spatial.sqlfiles import run
from spatial.errors import N_, BoundaryError

# Accepted names (lower-case) of each attribute in village boundary files.
ATTRIBUTE_ALIASES = {
    "kode_desa": ("kode_desa", "kode", "kd_desa", "kode_kemendagri", "kdepum", "kode_wilayah"),
    "nama": ("nama_desa", "nama", "desa", "namobj", "wadmkd"),
    "jenis": ("jenis",),
    "nama_kec": ("nama_kec", "kecamatan", "wadmkc"),
    "nama_kab": ("nama_kab", "kabupaten", "wadmkk"),
}
STAGE_COLUMNS = ("urutan", "kode_desa", "nama", "jenis", "nama_kec", "nama_kab", "nama_prov", "geom_wkb", "sumber")



@dataclass
class BoundaryReport:
    """What a load did: counts, repaired villages, and rejected features with their reason."""
    read: int = 0
    inserted: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    repaired: list = field(default_factory=list)
    rejected: list = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        """Valid features whose village was already stored exactly as in the file."""
        return self.read - len(self.rejected) - len(self.inserted) - len(self.updated)


def _column(frame: gpd.GeoDataFrame, key: str) -> str | None:
    lower = {c.lower(): c for c in frame.columns}
    return next((lower[a] for a in ATTRIBUTE_ALIASES[key] if a in lower), None)


def read_villages(path: str) -> gpd.GeoDataFrame:
    """Read a village file with pyogrio and return it in EPSG:4326 (lon/lat)."""
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several error types for unreadable input
        raise BoundaryError(N_("berkas batas desa tidak dapat dibaca: %(berkas)s: %(galat)s"), berkas=str(path),
                            galat=str(exc)) from exc
    if frame.crs is None:
        frame = frame.set_crs(4326)
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    return frame


def _stage_rows(frame: gpd.GeoDataFrame, source: str, report: BoundaryReport):
    columns = {key: _column(frame, key) for key in ATTRIBUTE_ALIASES}
    if columns["kode_desa"] is None:
        raise BoundaryError(N_("kolom kode desa tidak ditemukan; diharapkan salah satu dari: %(pilihan)s; ada: %(ada)s"),
                            pilihan=", ".join(ATTRIBUTE_ALIASES["kode_desa"]), ada=", ".join(map(str, frame.columns)))
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        values = row._asdict()
        raw_code = values[columns["kode_desa"]]
        name = str(values[columns["nama"]]) if columns["nama"] else None
        code = normalise_kode_desa(raw_code)
        geom = values[frame.geometry.name]
        if code is None:
            report.rejected.append((position, raw_code, name, "kode_desa bukan kode Kemendagri yang sah "
                                    "(contoh 18.04.04.2002 atau 1804042002)"))
            continue
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            report.rejected.append((position, raw_code, name, "geometri kosong atau bukan poligon"))
            continue
        jenis = values[columns["jenis"]] if columns["jenis"] else None
        if jenis not in ("desa", "kelurahan"):
            jenis = "kelurahan" if code[9] == "1" else "desa"
        region = parents(code)
        yield (position, code, name or code, jenis,
               values[columns["nama_kec"]] if columns["nama_kec"] else region["kode_kec"],
               values[columns["nama_kab"]] if columns["nama_kab"] else region["kode_kab"],
               province_name(region["kode_prov"]), shapely.to_wkb(geom), source)


def load_boundaries(path: str, url: str | None = None, source: str | None = None) -> BoundaryReport:
    """Load (or reload) the villages of ``path``; returns what changed, what was repaired or rejected."""
    frame = read_villages(path)
    report = BoundaryReport(read=len(frame))
    rows = list(_stage_rows(frame, source or str(path), report))
    with connect(url) as conn:
        run(conn, "boundaries/stage")
        with conn.cursor().copy(f"COPY batas_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        run(conn, "boundaries/merge")
        for kode, nama, baru, diperbaiki in run(conn, "boundaries/report"):
            (report.inserted if baru else report.updated).append(kode)
            if diperbaiki:
                report.repaired.append((kode, nama))
        for kode_prov in sorted({parents(row[1])["kode_prov"] for row in rows}):
            conn.execute("SELECT sasaran_pastikan_partisi(%s)", (kode_prov,))
    return report
