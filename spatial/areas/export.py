"""Streaming exports of a layer from the database in constant memory: GeoJSON (RFC 7946, no crs
member), CSV (properties + a representative point) and GeoPackage (written in chunks).

GeoJSON features are built by PostgreSQL and streamed with ``COPY ... TO STDOUT`` row by row; CSV
and GeoPackage rows come from a server-side cursor (``itersize`` rows at a time). Either way a
million households never sit in memory, neither in the database client nor in Python.
"""
import csv
import io
import json
import tempfile
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

import psycopg

from spatial.areas.layers import BOOLEAN, CSV_COLUMNS, DECIMAL, FEATURE, INTEGER, TEXT, WKB_COLUMNS, Layer, query
from spatial.spreadsheet import safe_cell

CHUNK_ROWS = 2000
PANDAS_TYPES = {INTEGER: "Int64", DECIMAL: "float64", BOOLEAN: "boolean"}  # nullable: a null stays null
CHUNK_BYTES = 1 << 16


def export_filename(layer: Layer, extension: str, params: dict, now: datetime | None = None) -> str:
    """``sasaran_<layer>[_<kode>]_<YYYYmmdd-HHMM>.<ext>``: what and when."""
    now = now or datetime.now(UTC)
    where = params.get("kode_desa") or params.get("kode_kec")
    parts = ["sasaran", layer.name] + ([where.replace(".", "")] if where else []) + [now.strftime("%Y%m%d-%H%M")]
    return "_".join(parts) + "." + extension


def rows(url: str, layer: Layer, columns: str, params: dict, itersize: int = CHUNK_ROWS):
    """Rows of the filtered layer query, fetched ``itersize`` at a time with a server-side cursor."""
    with psycopg.connect(url) as conn:
        with conn.cursor(name="sasaran_ekspor") as cur:
            cur.itersize = itersize
            cur.execute(query(layer, columns), params)
            yield from cur


def feature_lines(url: str, layer: Layer, params: dict):
    """Feature JSON texts of the filtered layer, one per line, in blocks, from ``COPY ... TO STDOUT``.

    COPY's text format doubles every backslash and ends rows with a newline; JSON text holds no
    raw control character (PostgreSQL escapes them), so undoing the doubling is the only decoding
    needed and rows are never parsed in Python."""
    with psycopg.connect(url) as conn:
        with psycopg.ClientCursor(conn) as cur:
            statement = cur.mogrify(query(layer, FEATURE).as_string(conn), params)
            with cur.copy(f"COPY ({statement}) TO STDOUT") as copy:
                for block in copy:
                    yield bytes(block).replace(b"\\\\", b"\\")


def geojson_chunks(url: str, layer: Layer, params: dict, counter: list | None = None):
    """An RFC 7946 FeatureCollection as byte chunks of about 64 kB. ``counter[0]`` counts features."""
    buffer = bytearray(b'{"type": "FeatureCollection", "features": [\n')
    count = 0
    for line in feature_lines(url, layer, params):
        if count:
            buffer += b",\n"
        buffer += line[:-1]  # without the row's newline
        count += 1
        if len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer)
            buffer.clear()
    buffer += b"\n]}\n"
    if counter is not None:
        counter.append(count)
    yield bytes(buffer)


def csv_chunks(url: str, layer: Layer, params: dict):
    """CSV (UTF-8 with BOM, for Excel): fid, every property, x/y of a point on the feature."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    header = None
    for fid, props_text, x, y in rows(url, layer, CSV_COLUMNS, params):
        props = json.loads(props_text)
        if header is None:
            header = list(props)
            writer.writerow(["fid", *header, "x", "y"])
        writer.writerow([safe_cell(fid), *(safe_cell(props.get(k)) for k in header), x, y])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if header is None:
        writer.writerow(["fid", "x", "y"])
    yield buffer.getvalue().encode("utf-8")


def write_geopackage(url: str, layer: Layer, params: dict, path: str | Path, chunk: int = 20000) -> int:
    """Write the filtered layer to a GeoPackage at ``path`` in chunks, each property with its declared
    type (integers 64-bit); returns the feature count."""
    import geopandas
    import pandas
    import pyogrio
    import shapely

    count = 0
    batch: list[tuple[Any, list, bytes]] = []
    header: list[str] = []

    def flush() -> None:
        frame = pandas.DataFrame([b[1] for b in batch], columns=header)
        for column in header:  # the declared type, whatever this chunk holds (all nulls, small values)
            kind = layer.fields.get(column, TEXT)
            frame[column] = frame[column].map(lambda v: None if v is None else str(v)).astype(object) \
                if kind == TEXT else frame[column].astype(PANDAS_TYPES[kind])
        frame.insert(0, "fid_sasaran", [str(b[0]) for b in batch])
        geometry = geopandas.GeoSeries(shapely.from_wkb([b[2] for b in batch]), crs=4326)
        pyogrio.write_dataframe(geopandas.GeoDataFrame(frame, geometry=geometry), path, layer=layer.name,
                                driver="GPKG", append=count > len(batch), promote_to_multi=layer.geometry.startswith("Multi"))

    for fid, props_text, wkb in rows(url, layer, WKB_COLUMNS, params):
        props = json.loads(props_text)
        if not header:
            header = list(props)
        batch.append((fid, [props.get(k) for k in header], bytes(wkb)))
        count += 1
        if len(batch) >= chunk:
            flush()
            batch = []
    if batch:
        flush()
    return count


def geopackage_file(url: str, layer: Layer, params: dict) -> tuple[Path, int]:
    """A temporary GeoPackage of the layer (the caller deletes it) and its feature count."""
    handle = tempfile.NamedTemporaryFile(prefix=f"sasaran_{layer.name}_", suffix=".gpkg", delete=False)
    handle.close()
    Path(handle.name).unlink()
    return Path(handle.name), write_geopackage(url, layer, params, handle.name)
