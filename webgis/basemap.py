"""Basemap: tiles of the office's local file at ``/peta-dasar/{z}/{x}/{y}``, and the fallback order
of every map: local file (``SASARAN_BASEMAP``) -> configured tile URL (``SASARAN_BASEMAP_URL``) ->
OpenStreetMap online -> none (the app's own context layers: labels, outlines, facility icons).

The browser tries the online candidates in order and drops one whose tiles fail
(``static/js/basemap.js``), so an office without internet sees a clean map, not broken tiles.
"""
import logging
from functools import lru_cache

from flask import Blueprint, Response, abort, current_app, url_for
from flask_babel import get_locale

from spatial.basemap import BasemapError, open_basemap

blueprint = Blueprint("basemap", __name__)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _opened(path: str):
    """The basemap file opened once per process, or None (logged) when it cannot be used."""
    try:
        return open_basemap(path)
    except BasemapError as exc:
        log.warning("peta dasar lokal tidak dipakai: %s", exc)
        return None


def local_basemap():
    """The configured local basemap file, opened, or None."""
    path = current_app.config.get("BASEMAP_FILE")
    return _opened(str(path)) if path else None


def candidates() -> list[dict]:
    """The basemaps to try, in order (empty: no basemap, context layers only)."""
    local = local_basemap()
    if local is not None:
        return [{"kind": "vector" if local.vector else "raster", "online": False,
                 "url": url_for("basemap.tile", z=0, x=0, y=0).replace("/0/0/0", "/{z}/{x}/{y}"),
                 "minZoom": local.min_zoom, "maxZoom": local.max_zoom, "bounds": list(local.bounds),
                 "attribution": local.attribution or OSM_ATTRIBUTION, "lang": str(get_locale())}]
    configured = current_app.config.get("BASEMAP_URL") or ""
    if configured.lower() == "none":
        return []
    chain = [(configured, current_app.config.get("BASEMAP_ATTRIBUTION") or "")] if configured else []
    if configured != OSM_URL:
        chain.append((OSM_URL, OSM_ATTRIBUTION))
    return [{"kind": "raster", "online": True, "url": url, "maxZoom": 19, "attribution": attribution}
            for url, attribution in chain]


@blueprint.route("/peta-dasar/<int:z>/<int:x>/<int:y>")
def tile(z, x, y):
    """One tile of the local basemap file (404 outside the file or when none is configured)."""
    local = local_basemap()
    data = local.tile(z, x, y) if local is not None else None
    if data is None:
        abort(404)
    response = Response(data, mimetype=local.media_type)
    if data[:2] == b"\x1f\x8b":  # vector tiles are usually stored gzip-compressed: the browser inflates them
        response.headers["Content-Encoding"] = "gzip"
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
