"""Areas from a file: GeoJSON, KML or a zipped Shapefile, read with pyogrio after the upload
checks of ``spatial.uploads`` (real type from the bytes, zip-slip and zip-bomb safe extraction)."""
import json
import tempfile
from pathlib import Path

import pyogrio

from spatial.areas import JENIS_KAWASAN, AreaError, N_
from spatial.areas.store import create_area
from spatial.uploads import UploadError, load_geojson, require_kind, shapefile_from_zip

NAME_COLUMNS = ("nama", "name", "nama_kawasan", "namobj", "label")
MAX_AREAS_PER_FILE = 500


def _is_kml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(4096).decode("utf-8", errors="ignore").lower()
    return head.lstrip("\ufeff \r\n\t").startswith("<") and "<kml" in head


def _dataset(path: Path, workdir: Path) -> Path:
    """The path pyogrio should read: the file itself, or the .shp extracted from a zip."""
    kind = require_kind(path, ("geojson", "json", "shapefile_zip", "text"))
    if kind == "shapefile_zip":
        return shapefile_from_zip(path, workdir)
    if kind in ("geojson", "json"):
        load_geojson(path)  # size, depth and feature-count limits before GDAL parses it
        return path
    if _is_kml(path):
        return path
    raise UploadError(N_("Berkas harus GeoJSON, KML atau Shapefile ber-ZIP."))


def _name_of(row: dict, index: int, fallback: str) -> str:
    lower = {str(k).lower(): v for k, v in row.items()}
    for column in NAME_COLUMNS:
        value = lower.get(column)
        if value not in (None, "") and str(value).strip():
            return str(value).strip()
    return f"{fallback} {index}"


def read_areas(path: str | Path) -> list[dict]:
    """Polygons of a file as ``[{"nama", "jenis", "tahun", "catatan", "geometry"}]`` in WGS 84.

    Raises ``AreaError``/``UploadError`` with a message for an unusable file."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="kawasan-") as workdir:
        dataset = _dataset(path, Path(workdir))
        try:
            frame = pyogrio.read_dataframe(dataset)
        except Exception as exc:  # GDAL errors are many; the user gets the first line
            raise AreaError(N_("Berkas tidak dapat dibaca: %(galat)s"), galat=str(exc).splitlines()[0]) from exc
    if frame.crs is None:
        frame = frame.set_crs(4326)
    frame = frame.to_crs(4326)
    frame = frame[frame.geometry.notna() & frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        raise AreaError(N_("Berkas tidak berisi poligon."))
    if len(frame) > MAX_AREAS_PER_FILE:
        raise AreaError(N_("Berkas berisi %(jumlah)s poligon (batas %(batas)s)."), jumlah=len(frame), batas=MAX_AREAS_PER_FILE)
    areas = []
    for index, (_, row) in enumerate(frame.iterrows(), start=1):
        attrs = {k: v for k, v in row.items() if k != frame.geometry.name}
        lower = {str(k).lower(): v for k, v in attrs.items()}
        jenis = str(lower.get("jenis") or "lainnya")
        areas.append({
            "nama": _name_of(attrs, index, path.stem),
            "jenis": jenis if jenis in JENIS_KAWASAN else "lainnya",
            "tahun": lower.get("tahun") if str(lower.get("tahun") or "").isdigit() else None,
            "catatan": lower.get("catatan") or lower.get("description") or None,
            "geometry": json.loads(json.dumps(row.geometry.__geo_interface__)),
        })
    return areas


def import_areas(conn, path: str | Path, user: str, defaults: dict | None = None, wilayah: str | None = None) -> dict:
    """Store every polygon of a file as an area (all or nothing).

    ``defaults`` (jenis, tahun) apply where the file has no such attribute; with ``wilayah`` every
    polygon must lie in that region. Returns
    ``{"disimpan": [ids], "diperbaiki": n}``; an invalid polygon refuses the whole file with
    ``AreaError`` naming it."""
    saved, repaired = [], 0
    with conn.transaction():
        for area in read_areas(path):
            data = {**area, **{k: v for k, v in (defaults or {}).items() if v and area.get(k) in (None, "lainnya")}}
            try:
                result = create_area(conn, data, area["geometry"], user, wilayah)
            except AreaError as exc:
                raise AreaError(N_("%(nama)s: %(alasan)s"), nama=area["nama"], alasan=exc) from exc
            saved.append(result["id"])
            repaired += result["diperbaiki"]
    return {"disimpan": saved, "diperbaiki": repaired}
