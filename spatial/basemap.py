"""Offline basemap: tiles of a local PMTiles or MBTiles file the office supplies (``SASARAN_BASEMAP``).

``open_basemap(path)`` reads the file's header once and answers ``tile(z, x, y)`` from it: vector
tiles (Mapbox Vector Tile, ``pbf``) or raster tiles (``png``, ``jpg``, ``webp``). The web app serves
them at ``/peta-dasar/{z}/{x}/{y}`` so the browser never leaves the server. A file that is missing,
unreadable or of another kind raises ``BasemapError`` with the reason (the app then falls back to
the next basemap, see ``webgis.mapkit``).
"""
import gzip
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pmtiles.reader import MmapSource, Reader
from pmtiles.tile import Compression, TileType

MEDIA_TYPES = {"pbf": "application/vnd.mapbox-vector-tile", "png": "image/png", "jpg": "image/jpeg",
               "webp": "image/webp"}
# How a file says what it is: its first bytes (an MBTiles file is an SQLite 3 database).
PMTILES_MAGIC = b"PMTiles"
MBTILES_MAGIC = b"SQLite format 3\0"
_PMTILES_FORMATS = {TileType.MVT: "pbf", TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp"}
_MBTILES_FORMATS = {"pbf": "pbf", "mvt": "pbf", "png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}


class BasemapError(ValueError):
    """The basemap file cannot be used; the message says why."""


@dataclass
class Basemap:
    """An opened basemap file: what it holds and how to read one tile."""
    path: Path
    format: str                      # pbf (vector) or png/jpg/webp (raster)
    min_zoom: int
    max_zoom: int
    bounds: tuple                    # west, south, east, north (WGS 84)
    read: Callable[[int, int, int], bytes | None] = field(repr=False)  # (z, x, y) in XYZ order
    attribution: str = ""
    vector_layers: list = field(default_factory=list)

    @property
    def vector(self) -> bool:
        """True for vector tiles (drawn in the browser by protomaps-leaflet)."""
        return self.format == "pbf"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's bytes as stored (vector tiles gzip-compressed or not), or None when absent."""
        if not (self.min_zoom <= z <= self.max_zoom and 0 <= x < 2 ** z and 0 <= y < 2 ** z):
            return None
        return self.read(z, x, y)


def _pmtiles(path: Path) -> Basemap:
    handle = path.open("rb")
    try:
        reader = Reader(MmapSource(handle))
        header = reader.header()
        metadata = reader.metadata()
    except (ValueError, KeyError, IndexError, OSError, gzip.BadGzipFile) as exc:
        handle.close()
        raise BasemapError(f"{path.name}: bukan berkas PMTiles yang dapat dibaca ({exc})") from exc
    kind = _PMTILES_FORMATS.get(header["tile_type"])
    if kind is None:
        handle.close()
        raise BasemapError(f"{path.name}: jenis ubin {header['tile_type']} tidak didukung")
    compressed = header["tile_compression"] == Compression.GZIP

    def read(z, x, y):
        data = reader.get(z, x, y)
        return gzip.decompress(data) if data and compressed and kind != "pbf" else data
    bounds = tuple(header[k] / 1e7 for k in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7"))
    return Basemap(path, kind, header["min_zoom"], header["max_zoom"], bounds, read, metadata.get("attribution", ""),
                   metadata.get("vector_layers", []))


def _mbtiles(path: Path) -> Basemap:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT name, value FROM metadata").fetchall())
        zooms = conn.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
    except sqlite3.Error as exc:
        raise BasemapError(f"{path.name}: bukan berkas MBTiles yang dapat dibaca ({exc})") from exc
    kind = _MBTILES_FORMATS.get(str(meta.get("format", "")).lower())
    if kind is None or zooms[0] is None:
        conn.close()
        raise BasemapError(f"{path.name}: format '{meta.get('format')}' tidak didukung atau tidak ada ubin")
    layers = json.loads(meta.get("json", "{}")).get("vector_layers", []) if meta.get("json") else []
    bounds = tuple(float(v) for v in meta.get("bounds", "-180,-85.0511,180,85.0511").split(","))

    lock = threading.Lock()  # one connection, shared by the server's threads

    def read(z, x, y):  # MBTiles rows are in TMS order: y counted from the south
        with lock:
            row = conn.execute("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                               (z, x, 2 ** z - 1 - y)).fetchone()
        return bytes(row[0]) if row else None
    return Basemap(path, kind, int(meta.get("minzoom", zooms[0])), int(meta.get("maxzoom", zooms[1])), bounds,
                   read, meta.get("attribution", ""), layers)


def open_basemap(path: str | Path) -> Basemap:
    """Open a ``.pmtiles`` or ``.mbtiles`` file (the kind is read from its first bytes)."""
    path = Path(path)
    if not path.is_file():
        raise BasemapError(f"berkas peta dasar tidak ditemukan: {path}")
    with path.open("rb") as handle:
        magic = handle.read(len(MBTILES_MAGIC))
    if magic.startswith(PMTILES_MAGIC):
        return _pmtiles(path)
    if magic == MBTILES_MAGIC:
        return _mbtiles(path)
    raise BasemapError(f"{path.name}: bukan PMTiles atau MBTiles")
