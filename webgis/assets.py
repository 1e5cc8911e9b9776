"""Front-end libraries served from the npm-installed node_modules (no CDN), and folium wired to them.

Folium elements name their JS/CSS by key; ``LOCAL_ASSETS`` maps each key folium uses to a file
of an npm package in package.json. ``localize`` rewrites a map's elements to those local URLs
and refuses any external URL it does not know, so no page can silently reach the internet.
"""
from pathlib import Path

from flask import Blueprint, abort, send_from_directory, url_for

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"

# folium asset key -> path inside node_modules (None: not needed, dropped)
LOCAL_ASSETS: dict[str, str | None] = {
    "leaflet": "leaflet/dist/leaflet.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "jquery": "jquery/dist/jquery.min.js",
    "jquery3.7.1": "jquery/dist/jquery.min.js",
    "bootstrap": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "bootstrap_css": "bootstrap/dist/css/bootstrap.min.css",
    "glyphicons_css": None,
    "awesome_markers": "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "awesome_markers_css": "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "awesome_markers_font_css": "@fortawesome/fontawesome-free/css/all.min.css",
    "awesome_rotate_css": None,
    "leaflet_draw_js": "leaflet-draw/dist/leaflet.draw.js",
    "leaflet_draw_css": "leaflet-draw/dist/leaflet.draw.css",
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "leaflet_measure_js": "leaflet-measure/dist/leaflet-measure.js",
    "leaflet_measure_css": "leaflet-measure/dist/leaflet-measure.css",
    "vectorGrid": "leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js",
    "protomaps_leaflet": "protomaps-leaflet/dist/protomaps-leaflet.js",
}

# Packages (top-level folders of node_modules) that may be served.
SERVED_PACKAGES = frozenset({
    "leaflet", "jquery", "bootstrap", "leaflet.awesome-markers", "@fortawesome", "leaflet-draw",
    "leaflet.markercluster", "leaflet.fullscreen", "leaflet-measure", "leaflet.vectorgrid", "chart.js",
    "@kurkle", "protomaps-leaflet",
})

blueprint = Blueprint("assets", __name__)


@blueprint.route("/vendor/<path:filename>")
def vendor(filename):
    """Serve a file of an allowed npm package (long cache: versions are pinned in package-lock)."""
    parts = filename.split("/")
    package = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
    if package not in SERVED_PACKAGES and parts[0] not in SERVED_PACKAGES:
        abort(404)
    return send_from_directory(NODE_MODULES, filename, max_age=7 * 24 * 3600)


def vendor_url(path: str) -> str:
    """URL of a file inside node_modules, e.g. ``vendor_url('chart.js/dist/chart.umd.js')``."""
    return url_for("assets.vendor", filename=path)


def _local(entries):
    result = []
    for key, url in entries:
        if key in LOCAL_ASSETS:
            local = LOCAL_ASSETS[key]
            if local:
                result.append((key, vendor_url(local)))
        elif url.startswith(("http://", "https://", "//")):
            raise ValueError(f"folium asset {key!r} has no local copy ({url}); add it to LOCAL_ASSETS")
        else:
            result.append((key, url))
    return result


def localize(element):
    """Point every JS/CSS link of a folium element tree at the local copies (call before render)."""
    for node in [element, *_descendants(element)]:
        if hasattr(node, "default_js"):
            node.default_js = _local(node.default_js)
        if hasattr(node, "default_css"):
            node.default_css = _local(node.default_css)
    return element


def _descendants(element):
    for child in element._children.values():
        yield child
        yield from _descendants(child)
