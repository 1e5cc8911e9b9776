"""A small basemap built from the sample's own geometries, as an office's file would be (no internet):
vector tiles in the Protomaps basemap layout that protomaps-leaflet draws (``earth`` land, ``places``
village names, ``boundaries`` kecamatan lines), written by GDAL's MVT driver to MBTiles, and the
same tiles converted to PMTiles with the ``pmtiles`` package."""
import subprocess
from pathlib import Path

from pmtiles.convert import mbtiles_to_pmtiles
from psycopg.conninfo import conninfo_to_dict

LAYERS_SQL = {
    "earth": "SELECT 'earth' AS kind, ST_Union(geom) AS geom FROM desa",
    "places": "SELECT nama AS name, 'locality' AS kind, 8 AS min_zoom, 5 AS population_rank, "
              "ST_PointOnSurface(geom) AS geom FROM desa",
    "boundaries": "SELECT 'region' AS kind, 4 AS kind_detail, ST_Boundary(geom) AS geom FROM kecamatan",
}
MAX_ZOOM = 12


def build_basemap(db_url: str, folder: Path) -> dict:
    """Write ``basemap.mbtiles`` and ``basemap.pmtiles`` under ``folder``; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "sumber.gpkg"
    info = conninfo_to_dict(db_url)
    pg = f"PG:host={info.get('host', '127.0.0.1')} port={info.get('port', 5432)} dbname={info['dbname']} " \
         f"user={info.get('user', 'sasaran')}"
    for name, statement in LAYERS_SQL.items():
        update = ["-update"] if source.exists() else []
        subprocess.run(["ogr2ogr", "-f", "GPKG", str(source), pg, "-sql", statement, "-nln", name, *update],
                       check=True, capture_output=True, timeout=120)
    mbtiles = folder / "basemap.mbtiles"
    subprocess.run(["ogr2ogr", "-f", "MBTiles", str(mbtiles), str(source), "-dsco", "MINZOOM=6",
                    "-dsco", f"MAXZOOM={MAX_ZOOM}", "-dsco", "NAME=Peta dasar uji"], check=True, capture_output=True,
                   timeout=300)
    pmtiles = folder / "basemap.pmtiles"
    mbtiles_to_pmtiles(str(mbtiles), str(pmtiles), MAX_ZOOM)
    return {"mbtiles": mbtiles, "pmtiles": pmtiles}
