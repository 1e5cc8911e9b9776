"""Folium maps configured the Sasaran way: local assets, basemap fallback chain, scale, fullscreen."""
import json
from typing import cast

import folium
from branca.element import Figure, MacroElement
from folium.elements import JSCSSMixin
from flask import url_for
from folium.plugins import Fullscreen, MeasureControl
from flask_babel import gettext as _
from jinja2 import Template

from webgis.assets import localize, vendor_url
from webgis.basemap import candidates
from webgis.map_texts import ControlTexts, measure_options

# Centre of Kabupaten Lampung Barat, the bundled sample.
DEFAULT_CENTER = (-5.05, 104.2)


def base_map(location=DEFAULT_CENTER, zoom_start: int = 10, element_id: str | None = None) -> folium.Map:
    """A folium map with the configured basemap (or none), scale bar, fullscreen and measure tools."""
    fmap = folium.Map(location=location, zoom_start=zoom_start, tiles=None, control_scale=True,
                      prefer_canvas=False)
    if element_id:
        fmap._name, fmap._id = "map", element_id
    ControlTexts().add_to(fmap)  # before any drawing control is made
    BasemapChoice(candidates()).add_to(fmap)
    Fullscreen(title=_("Layar penuh"), title_cancel=_("Keluar layar penuh")).add_to(fmap)
    MeasureControl(primary_length_unit="meters", secondary_length_unit="kilometers", primary_area_unit="hectares",
                   secondary_area_unit="sqmeters", **measure_options()).add_to(fmap)
    return fmap


class BasemapChoice(JSCSSMixin, MacroElement):
    """The basemap of the map, chosen in the browser from the server's fallback order
    (``webgis.basemap.candidates``) by ``static/js/basemap.js``."""
    _template = Template("""{% macro script(this, kwargs) %}
        Sasaran.basemap({{ this._parent.get_name() }}, {{ this.candidates_json }});
    {% endmacro %}""")

    def __init__(self, choices: list):
        super().__init__()
        self._name = "BasemapChoice"
        self.candidates_json = json.dumps(choices)
        self.default_js = [("sasaran_basemap", url_for("static", filename="js/basemap.js"))]
        if any(choice["kind"] == "vector" for choice in choices):
            self.default_js.insert(0, ("protomaps_leaflet", vendor_url("protomaps-leaflet/dist/protomaps-leaflet.js")))


def fit_extent(fmap: folium.Map, extent: dict | None) -> None:
    """Zoom the map to ``extent`` (``xmin``, ``ymin``, ``xmax``, ``ymax`` in WGS 84) when there is one."""
    if extent:
        fmap.fit_bounds([[extent["ymin"], extent["xmin"]], [extent["ymax"], extent["xmax"]]])


def render_parts(fmap: folium.Map) -> dict:
    """The head, body and script parts of a folium map, for embedding in a page template."""
    localize(fmap)
    root = cast(Figure, fmap.get_root())  # a map's root is always its figure
    root.render()
    return {
        "header": root.header.render(),
        "html": root.html.render(),
        "script": root.script.render(),
        "map_var": fmap.get_name(),
    }
