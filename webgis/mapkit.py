"""Folium maps configured the Sasaran way: local assets, optional basemap, scale, fullscreen."""
import folium
from flask import current_app
from folium.plugins import Fullscreen, MeasureControl
from flask_babel import gettext as _

from webgis.assets import localize

# Centre of Kabupaten Lampung Barat, the bundled sample.
DEFAULT_CENTER = (-5.05, 104.2)


def base_map(location=DEFAULT_CENTER, zoom_start: int = 10, element_id: str | None = None) -> folium.Map:
    """A folium map with the configured basemap (or none), scale bar, fullscreen and measure tools."""
    fmap = folium.Map(location=location, zoom_start=zoom_start, tiles=None, control_scale=True,
                      prefer_canvas=False)
    if element_id:
        fmap._name, fmap._id = "map", element_id
    basemap = current_app.config["BASEMAP_URL"]
    if basemap and basemap.lower() != "none":
        folium.TileLayer(basemap, attr=current_app.config["BASEMAP_ATTRIBUTION"], name=_("Peta dasar"),
                         max_zoom=19).add_to(fmap)
    Fullscreen(title=_("Layar penuh"), title_cancel=_("Keluar layar penuh")).add_to(fmap)
    MeasureControl(primary_length_unit="meters", secondary_length_unit="kilometers",
                   primary_area_unit="hectares").add_to(fmap)
    return fmap


def render_parts(fmap: folium.Map) -> dict:
    """The head, body and script parts of a folium map, for embedding in a page template."""
    localize(fmap)
    root = fmap.get_root()
    root.render()
    return {
        "header": root.header.render(),
        "html": root.html.render(),
        "script": root.script.render(),
        "map_var": fmap.get_name(),
    }
